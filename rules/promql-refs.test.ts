import { metricRefs } from './promql-refs';

describe('metricRefs', () => {
  it('finds metrics and their matchers, not grouping labels, functions or strings', () => {
    const refs = metricRefs(
      'sum by (function, le) (rate(a_bucket{status!="success", x=~"y"}[5m])) / on (function) group_left (runtime) max(b) > 0.5 and label_replace(c, "f", "$1", "queue", `(.+)-dlq`)'
    );
    expect(refs).toEqual([
      {
        metric: 'a_bucket',
        matchers: [
          { label: 'status', op: '!=', value: 'success' },
          { label: 'x', op: '=~', value: 'y' },
        ],
      },
      { metric: 'b', matchers: [] },
      { metric: 'c', matchers: [] },
    ]);
  });

  it('keeps recording-rule names with colons', () => {
    expect(metricRefs('knative_lambda:x:5m > 1e3').map((r) => r.metric)).toEqual(['knative_lambda:x:5m']);
  });
});
