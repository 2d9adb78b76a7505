export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than undefined/false, and returns that. On timeout it throws,
 * naming what it waited for and the last value or error seen.
 */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined | false>,
  options: WaitOptions = {}
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) {
        return value;
      }
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${options.timeoutMs ?? 30_000} ms waiting for ${description}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
