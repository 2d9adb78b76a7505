import { atLeastEventsInWindow, durationSeconds } from '../promql';
import { RECORDED } from '../recorded';

/**
 * At least `min` failed invocations of a function in `window`, however few invocations it holds: the recorded error
 * ratio times the recorded invocation rate times the window's seconds.
 */
export function atLeastFailuresInWindow(window: string, min: number): string {
  return atLeastEventsInWindow(
    RECORDED.errorRate(window),
    RECORDED.invocationRate(window),
    durationSeconds(window),
    min
  );
}
