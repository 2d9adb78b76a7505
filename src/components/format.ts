/** Display helpers; every one shows a value, never a blank cell. */
export function formatPercent(ratio: number | undefined, digits = 2): string {
  return ratio === undefined ? '—' : `${(ratio * 100).toFixed(digits)} %`;
}

export function formatRate(rate: number | undefined): string {
  if (rate === undefined) {
    return '0 /s';
  }
  return rate >= 10 ? `${rate.toFixed(0)} /s` : `${rate.toFixed(2)} /s`;
}

export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || Number.isNaN(seconds)) {
    return '—';
  }
  if (!Number.isFinite(seconds)) {
    return '∞';
  }
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  if (seconds < 120) {
    return `${seconds.toFixed(1)} s`;
  }
  if (seconds < 7200) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 172800) {
    return `${(seconds / 3600).toFixed(1)} h`;
  }
  return `${(seconds / 86400).toFixed(1)} d`;
}

export function formatAge(iso: string | undefined, now = Date.now()): string {
  if (!iso) {
    return '—';
  }
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : `${formatSeconds(Math.max(0, (now - t) / 1000))} ago`;
}
