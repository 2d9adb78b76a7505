// Go-style durations as used by spec.build.timeout ("30m", "1h30m", "90s").
const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1 };

export function parseDurationSeconds(value: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match || value === '') {
    throw new Error(`"${value}" is not a duration like 30m or 1h30m`);
  }
  const [h, m, s] = match.slice(1).map((v) => Number(v ?? 0));
  return h * UNIT_SECONDS.h + m * UNIT_SECONDS.m + s * UNIT_SECONDS.s;
}
