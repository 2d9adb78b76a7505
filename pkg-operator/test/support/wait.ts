// Polling helpers (tests poll; they never sleep for a fixed time to wait for the system).
import { waitFor } from '../../../local/support/wait-for';

export function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000
): Promise<T> {
  return waitFor(what, async () => probe(), { timeoutMs, intervalMs: 50 });
}
