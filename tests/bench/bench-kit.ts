/** Helpers shared by the `npm run bench:*` scripts. */

/** `--name N` from the command line, or the default. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Runs fn(0..n-1) with at most `concurrency` calls in flight. */
export async function parallel(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        await fn(next++);
      }
    })
  );
}
