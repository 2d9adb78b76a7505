// The targets a PodMonitor or ServiceMonitor yields for the pods the node runs, with the labels Prometheus ends
// up with in a cluster: Kubernetes service discovery's meta labels, the prometheus-operator's standard
// relabelings (job, namespace, pod, container, endpoint, service), then the monitor's own relabelings.
import type { Labels, RelabelConfig } from './relabel';
import { relabel, sanitizeLabelName } from './relabel';

export interface PodPort {
  name?: string;
  containerPort: number;
  /** where it listens here: 127.0.0.1:<port> */
  address: string;
}

export interface PodView {
  namespace: string;
  name: string;
  labels: Labels;
  ready: boolean;
  containers: Array<{ name: string; ports: PodPort[] }>;
}

export interface ServiceView {
  namespace: string;
  name: string;
  labels: Labels;
  selector: Labels;
  ports: Array<{ name?: string; port: number; targetPort?: string | number }>;
}

interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

interface MonitorEndpoint {
  port?: string;
  path?: string;
  scheme?: string;
  honorLabels?: boolean;
  relabelings?: RelabelConfig[];
}

export interface Monitor {
  kind: 'PodMonitor' | 'ServiceMonitor';
  metadata: { namespace: string; name: string };
  spec: {
    jobLabel?: string;
    namespaceSelector?: { any?: boolean; matchNames?: string[] };
    selector?: LabelSelector;
    podMetricsEndpoints?: MonitorEndpoint[];
    endpoints?: MonitorEndpoint[];
  };
}

export interface TargetGroup {
  targets: string[];
  labels: Labels;
}

/** one file_sd file: the targets of one monitor endpoint */
export interface TargetFile {
  /** `<kind>-<namespace>-<name>-<endpoint index>` */
  id: string;
  honorLabels: boolean;
  groups: TargetGroup[];
}

export function matchesSelector(labels: Labels, selector: LabelSelector = {}): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    byLabels &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      switch (operator) {
        case 'Exists':
          return key in labels;
        case 'DoesNotExist':
          return !(key in labels);
        case 'In':
          return key in labels && values.includes(labels[key]);
        case 'NotIn':
          return !(key in labels) || !values.includes(labels[key]);
        default:
          return false;
      }
    })
  );
}

function inNamespaces(monitor: Monitor, namespace: string): boolean {
  const sel = monitor.spec.namespaceSelector;
  if (sel?.any) {
    return true;
  }
  return sel?.matchNames?.length ? sel.matchNames.includes(namespace) : namespace === monitor.metadata.namespace;
}

function labelMeta(prefix: string, labels: Labels): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(labels)) {
    out[`${prefix}_label_${sanitizeLabelName(k)}`] = v;
    out[`${prefix}_labelpresent_${sanitizeLabelName(k)}`] = 'true';
  }
  return out;
}

function podMeta(pod: PodView, container: string, port: PodPort): Labels {
  return {
    __address__: port.address,
    __meta_kubernetes_namespace: pod.namespace,
    __meta_kubernetes_pod_name: pod.name,
    __meta_kubernetes_pod_ip: '127.0.0.1',
    __meta_kubernetes_pod_ready: String(pod.ready),
    __meta_kubernetes_pod_container_name: container,
    __meta_kubernetes_pod_container_port_name: port.name ?? '',
    __meta_kubernetes_pod_container_port_number: String(port.containerPort),
    ...labelMeta('__meta_kubernetes_pod', pod.labels),
  };
}

const set = (targetLabel: string, sourceLabel: string): RelabelConfig => ({ sourceLabels: [sourceLabel], targetLabel });
const fixed = (targetLabel: string, replacement: string): RelabelConfig => ({ targetLabel, replacement });

/** the file_sd view of the final labels: meta labels gone, __address__ is the target */
function toGroup(labels: Labels | undefined, endpoint: MonitorEndpoint): TargetGroup | undefined {
  if (!labels) {
    return undefined;
  }
  const kept = Object.fromEntries(
    Object.entries(labels).filter(([k]) => !k.startsWith('__meta_') && !k.startsWith('__tmp') && k !== '__address__')
  );
  return {
    targets: [labels.__address__],
    labels: { __metrics_path__: endpoint.path ?? '/metrics', __scheme__: endpoint.scheme ?? 'http', ...kept },
  };
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export function podMonitorTargets(monitor: Monitor, pods: PodView[]): TargetFile[] {
  const { namespace, name } = monitor.metadata;
  return (monitor.spec.podMetricsEndpoints ?? []).map((endpoint, index) => {
    const standard: RelabelConfig[] = [
      fixed('job', `${namespace}/${name}`),
      set('namespace', '__meta_kubernetes_namespace'),
      set('container', '__meta_kubernetes_pod_container_name'),
      set('pod', '__meta_kubernetes_pod_name'),
      fixed('endpoint', endpoint.port ?? ''),
    ];
    const groups = pods
      .filter((pod) => inNamespaces(monitor, pod.namespace) && matchesSelector(pod.labels, monitor.spec.selector))
      .flatMap((pod) =>
        pod.containers.flatMap((c) =>
          c.ports
            .filter((p) => p.name === endpoint.port)
            .map((p) =>
              toGroup(relabel(podMeta(pod, c.name, p), [...standard, ...(endpoint.relabelings ?? [])]), endpoint)
            )
        )
      )
      .filter(defined);
    return { id: `podmonitor-${namespace}-${name}-${index}`, honorLabels: endpoint.honorLabels ?? false, groups };
  });
}

export function serviceMonitorTargets(monitor: Monitor, services: ServiceView[], pods: PodView[]): TargetFile[] {
  const { namespace, name } = monitor.metadata;
  return (monitor.spec.endpoints ?? []).map((endpoint, index) => {
    const groups = services
      .filter((svc) => inNamespaces(monitor, svc.namespace) && matchesSelector(svc.labels, monitor.spec.selector))
      .flatMap((svc) => {
        const servicePort = svc.ports.find((p) => p.name === endpoint.port);
        if (!servicePort) {
          return [];
        }
        const target = servicePort.targetPort ?? servicePort.port;
        const jobLabel = monitor.spec.jobLabel ? svc.labels[monitor.spec.jobLabel] : undefined;
        const standard: RelabelConfig[] = [
          set('namespace', '__meta_kubernetes_namespace'),
          set('service', '__meta_kubernetes_service_name'),
          set('pod', '__meta_kubernetes_pod_name'),
          set('container', '__meta_kubernetes_pod_container_name'),
          fixed('job', jobLabel ?? svc.name),
          fixed('endpoint', endpoint.port ?? ''),
        ];
        return pods
          .filter(
            (pod) =>
              pod.namespace === svc.namespace &&
              Object.keys(svc.selector).length > 0 &&
              matchesSelector(pod.labels, { matchLabels: svc.selector })
          )
          .flatMap((pod) =>
            pod.containers.flatMap((c) =>
              c.ports
                .filter((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target))
                .map((p) => {
                  const meta: Labels = {
                    ...podMeta(pod, c.name, p),
                    __meta_kubernetes_service_name: svc.name,
                    __meta_kubernetes_endpoint_port_name: servicePort.name ?? '',
                    __meta_kubernetes_endpoint_ready: String(pod.ready),
                    ...labelMeta('__meta_kubernetes_service', svc.labels),
                  };
                  return toGroup(relabel(meta, [...standard, ...(endpoint.relabelings ?? [])]), endpoint);
                })
            )
          );
      })
      .filter(defined);
    return { id: `servicemonitor-${namespace}-${name}-${index}`, honorLabels: endpoint.honorLabels ?? false, groups };
  });
}
