import { OPERATOR_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { histogramQuantile } from '../../rules/promql';

import type { PanelQueries } from './functionOverview';
import { rangeQuery } from './promQuery';

/** Build duration per runtime as the build alert computes it, against its threshold (the metric has no function label). */
export function buildDurationPanel(): PanelQueries {
  const b = RULES_CONFIG.buildDuration;
  return {
    title: `Build duration P${b.quantile * 100} by runtime against the alert threshold`,
    description: 'The operator records build time per runtime and result, not per function.',
    unit: 's',
    queries: [
      rangeQuery(
        'A',
        histogramQuantile(b.quantile, `${OPERATOR_METRICS.buildDuration.name}_bucket`, b.window, ['runtime']),
        '{{runtime}}'
      ),
      rangeQuery('B', `vector(${b.thresholdSeconds})`, 'alert threshold'),
    ],
  };
}
