import type { AlertRule } from '../../rules/model';

import type { Sample } from './instantSamples';

export type AlertStateNow = 'firing' | 'pending' | 'inactive';

export interface AffectedFunction {
  namespace: string;
  function: string;
  state: AlertStateNow;
}

export interface AlertRuleRow {
  rule: AlertRule;
  state: AlertStateNow;
  affected: AffectedFunction[];
  /** instances without a function label (operator and platform alerts) */
  instances: number;
}

const RANK: Record<AlertStateNow, number> = { firing: 2, pending: 1, inactive: 0 };

function worse(a: AlertStateNow, b: AlertStateNow): AlertStateNow {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Series of ALERTS that belong to this rule: same name, and the same windows for burn-rate rules. */
function belongs(rule: AlertRule, s: Sample): boolean {
  return (
    s.labels.alertname === rule.alert &&
    Object.entries(rule.labels ?? {}).every(([k, v]) => s.labels[k] === v) &&
    s.labels.severity === rule.severity
  );
}

/** Every generated rule with its state now and the functions it fires or pends for. */
export function alertRuleRows(rules: AlertRule[], samples: Sample[]): AlertRuleRow[] {
  return rules.map((rule) => {
    let state: AlertStateNow = 'inactive';
    let instances = 0;
    const affected = new Map<string, AffectedFunction>();
    for (const s of samples.filter((x) => belongs(rule, x))) {
      const st = (s.labels.alertstate === 'firing' ? 'firing' : 'pending') as AlertStateNow;
      state = worse(state, st);
      instances += 1;
      if (s.labels.function) {
        const key = `${s.labels.namespace}/${s.labels.function}`;
        const prev = affected.get(key);
        affected.set(key, {
          namespace: s.labels.namespace ?? '',
          function: s.labels.function,
          state: prev ? worse(prev.state, st) : st,
        });
      }
    }
    return { rule, state, affected: [...affected.values()], instances };
  });
}
