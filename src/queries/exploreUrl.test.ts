import { exploreUrl } from './exploreUrl';
import { rangeQuery } from './promQuery';

describe('exploreUrl', () => {
  it('carries the datasource, the exact queries and the range', () => {
    const url = exploreUrl('prom', [rangeQuery('A', 'sum(x{a="b"})')], 'now-1h', 'now');
    expect(url.startsWith('/explore?schemaVersion=1&orgId=1&panes=')).toBe(true);
    const panes = JSON.parse(decodeURIComponent(url.split('panes=')[1]));
    expect(panes.kl).toEqual({
      datasource: 'prom',
      queries: [
        {
          refId: 'A',
          expr: 'sum(x{a="b"})',
          range: true,
          instant: false,
          datasource: { type: 'prometheus', uid: 'prom' },
        },
      ],
      range: { from: 'now-1h', to: 'now' },
    });
  });
});
