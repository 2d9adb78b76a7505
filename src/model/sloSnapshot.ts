import { SLO_REF, SLO_TAGS } from '../queries/functionSlo';

import type { Sample } from './instantSamples';

export interface SloSnapshot {
  sli?: number;
  objective?: number;
  ratio: Map<string, number>;
  invocations: Map<string, number>;
  failures: Map<string, number>;
  /** `long/short` → firing | pending */
  alertState: Map<string, string>;
  /** long window → [error_type, count] sorted by count, largest first */
  errorsByType: Map<string, Array<[string, number]>>;
  statuses: Map<string, Array<[string, number]>>;
}

function ranked(map: Map<string, Array<[string, number]>>, window: string, key: string, value: number) {
  const list = map.get(window) ?? [];
  list.push([key, value]);
  list.sort((a, b) => b[1] - a[1]);
  map.set(window, list);
}

/** The SLO tab's instant query results, by tag. */
export function sloSnapshot(samples: Map<string, Sample[]>): SloSnapshot {
  const snap: SloSnapshot = {
    ratio: new Map(),
    invocations: new Map(),
    failures: new Map(),
    alertState: new Map(),
    errorsByType: new Map(),
    statuses: new Map(),
  };
  for (const s of [...(samples.get(SLO_REF.now) ?? []), ...(samples.get(SLO_REF.attribution) ?? [])]) {
    const tag = s.labels.series ?? '';
    const [kind, window] = tag.split(':');
    if (tag === SLO_TAGS.sli) {
      snap.sli = s.value;
    } else if (tag === SLO_TAGS.objective) {
      snap.objective = s.value;
    } else if (tag === SLO_TAGS.alert) {
      const key = `${s.labels.long}/${s.labels.short}`;
      if (snap.alertState.get(key) !== 'firing') {
        snap.alertState.set(key, s.labels.alertstate ?? '');
      }
    } else if (kind === 'ratio' || kind === 'invocations' || kind === 'failures') {
      snap[kind].set(window, s.value);
    } else if (kind === 'errors') {
      ranked(snap.errorsByType, window, s.labels.error_type ?? 'unknown', s.value);
    } else if (kind === 'statuses') {
      ranked(snap.statuses, window, s.labels.status ?? 'unknown', s.value);
    }
  }
  return snap;
}
