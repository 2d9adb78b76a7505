// Kubernetes-style byte quantities ("256Mi", "1Gi", "500000").
const FACTORS: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 };

export function parseBytes(value: string): number {
  const match = /^([0-9]+)(Ki|Mi|Gi|k|M|G)?$/.exec(value.trim());
  if (!match) {
    throw new Error(`"${value}" is not a byte quantity like 256Mi`);
  }
  return Number(match[1]) * FACTORS[match[2] ?? ''];
}
