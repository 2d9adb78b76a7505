// Prometheus relabelling (the `relabel_configs` semantics, in the prometheus-operator's camelCase spelling), so
// the monitors' own relabelings are applied as written rather than re-implemented per label.

export interface RelabelConfig {
  sourceLabels?: string[];
  separator?: string;
  targetLabel?: string;
  regex?: string;
  replacement?: string;
  action?: string;
}

export type Labels = Record<string, string>;

function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\$\{(\w+)\}|\$(\d+)/g, (_, named: string | undefined, index: string | undefined) => {
    const key = named ?? index ?? '';
    return (/^\d+$/.test(key) ? match[Number(key)] : match.groups?.[key]) ?? '';
  });
}

/** applies the configs in order; undefined when a keep/drop removed the target */
export function relabel(input: Labels, configs: RelabelConfig[]): Labels | undefined {
  let labels: Labels = { ...input };
  for (const config of configs) {
    const action = (config.action ?? 'replace').toLowerCase();
    const regex = new RegExp(`^(?:${config.regex ?? '(.*)'})$`);
    const value = (config.sourceLabels ?? []).map((l) => labels[l] ?? '').join(config.separator ?? ';');
    switch (action) {
      case 'replace': {
        const match = regex.exec(value);
        if (match && config.targetLabel) {
          const target = expand(config.targetLabel, match);
          const result = expand(config.replacement ?? '$1', match);
          if (result === '') {
            delete labels[target];
          } else {
            labels[target] = result;
          }
        }
        break;
      }
      case 'keep':
        if (!regex.test(value)) {
          return undefined;
        }
        break;
      case 'drop':
        if (regex.test(value)) {
          return undefined;
        }
        break;
      case 'labelmap':
        for (const [name, v] of Object.entries(labels)) {
          const match = regex.exec(name);
          if (match) {
            labels[expand(config.replacement ?? '$1', match)] = v;
          }
        }
        break;
      case 'labeldrop':
        labels = Object.fromEntries(Object.entries(labels).filter(([name]) => !regex.test(name)));
        break;
      case 'labelkeep':
        labels = Object.fromEntries(Object.entries(labels).filter(([name]) => regex.test(name)));
        break;
      default:
        throw new Error(`relabel action ${config.action} is not implemented by the local node`);
    }
  }
  return labels;
}

/** Kubernetes label name → the `__meta_kubernetes_*_label_<name>` suffix Prometheus derives from it */
export const sanitizeLabelName = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, '_');
