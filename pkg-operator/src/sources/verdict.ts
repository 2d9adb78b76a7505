import { SourceError, type SourceErrorType, type SourceVerdict } from './types';

export { SourceError };
export type { SourceErrorType, SourceVerdict };

export const ALLOWED: SourceVerdict = { allowed: true };

export function rejected(errorType: SourceErrorType, reason: string): SourceVerdict {
  return { allowed: false, errorType, reason };
}

/** The first rejection among verdicts computed in order, or ALLOWED. */
export function firstRejection(...checks: Array<() => SourceVerdict>): SourceVerdict {
  for (const check of checks) {
    const verdict = check();
    if (!verdict.allowed) {
      return verdict;
    }
  }
  return ALLOWED;
}

export function throwIfRejected(verdict: SourceVerdict): void {
  if (!verdict.allowed) {
    throw new SourceError(verdict.errorType, verdict.reason);
  }
}
