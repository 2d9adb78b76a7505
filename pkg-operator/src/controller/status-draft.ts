// A mutable copy of a LambdaFunction's status that the reconcile fills in; it knows whether it differs from
// what is stored, so an unchanged function costs no status write.
import type { Phase } from '../../../contract';
import type { Condition, ConditionStatus, ConditionType, LambdaFunction, LambdaFunctionStatus } from '../api';

function stable(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stable).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class StatusDraft {
  readonly status: LambdaFunctionStatus;
  private readonly original: string;

  constructor(readonly fn: LambdaFunction) {
    this.status = structuredClone(fn.status ?? {});
    this.original = stable(fn.status ?? {});
    this.status.observedGeneration = fn.metadata.generation;
  }

  get changed(): boolean {
    return stable(this.status) !== this.original;
  }

  set phase(phase: Phase) {
    this.status.phase = phase;
  }

  condition(type: ConditionType): Condition | undefined {
    return this.status.conditions?.find((c) => c.type === type);
  }

  setCondition(type: ConditionType, status: ConditionStatus, reason: string, message = ''): void {
    const conditions = (this.status.conditions ??= []);
    const existing = conditions.find((c) => c.type === type);
    const observedGeneration = this.fn.metadata.generation;
    if (existing) {
      if (existing.status !== status) {
        existing.lastTransitionTime = new Date().toISOString();
      }
      Object.assign(existing, { status, reason, message: message.slice(0, 2048), observedGeneration });
      return;
    }
    conditions.push({
      type,
      status,
      reason,
      message: message.slice(0, 2048),
      observedGeneration,
      lastTransitionTime: new Date().toISOString(),
    });
  }

  removeCondition(type: ConditionType): void {
    this.status.conditions = this.status.conditions?.filter((c) => c.type !== type);
  }
}

/** a condition as stored, for decisions that depend on what an earlier reconcile already recorded */
export function storedCondition(fn: LambdaFunction, type: ConditionType): Condition | undefined {
  return fn.status?.conditions?.find((c) => c.type === type);
}
