// MicroTime as kube-apiserver accepts it: RFC 3339 with microseconds (Leases, events.k8s.io Events).
export const microTime = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
