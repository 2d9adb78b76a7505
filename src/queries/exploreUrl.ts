import type { PromQuery } from './promQuery';

/** An Explore URL that opens `queries` on the datasource `uid` for the range. */
export function exploreUrl(uid: string, queries: PromQuery[], from: string, to: string): string {
  const left = {
    datasource: uid,
    queries: queries.map((q) => ({
      refId: q.refId,
      expr: q.expr,
      range: !q.instant,
      instant: Boolean(q.instant),
      datasource: { type: 'prometheus', uid },
    })),
    range: { from, to },
  };
  return `/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(JSON.stringify({ kl: left }))}`;
}
