import { FUNCTION_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { INIT_DURATION_DESCRIPTION, initDurationQuantile, INIT_DURATION_WINDOW } from '../../rules/init-duration';
import { by, histogramQuantile, ratioOfRates, selector } from '../../rules/promql';
import { RECORDED } from '../../rules/recorded';
import { BAND_PANEL_IDS } from '../model/alertBands';

import { fnMatchers, fnSelector } from './functionSelector';
import type { PromQuery } from './promQuery';
import { escapeRegex, rangeQuery } from './promQuery';

export const RATE_INTERVAL = '$__rate_interval';
const M = FUNCTION_METRICS;

export interface PanelQueries {
  title: string;
  description?: string;
  unit: string;
  queries: PromQuery[];
  /** The id the scene's annotation filter matches (alert bands reach only the panels their alert concerns). */
  panelId?: number;
  /** Shown instead of "No data" when every query is empty: what an empty answer means for this panel. */
  noValue?: string;
}

/** The Overview tab's panels of one function, each with its queries (Explore opens the same ones). */
export function overviewPanels(namespace: string, name: string): Record<string, PanelQueries> {
  const fn = (metric: string, extra: Record<string, string> = {}) => fnSelector(metric, namespace, name, extra);
  const bucket = fn(`${M.duration.name}_bucket`);
  const { functionTargetsJobRegex, functionContainer } = RULES_CONFIG.selectors;
  const pods = { namespace, 'pod=~': `${escapeRegex(name)}-[0-9]{5}-deployment-.+`, container: functionContainer };
  return {
    invocations: {
      title: 'Invocations by status',
      unit: 'reqps',
      queries: [rangeQuery('A', `sum by (status) (rate(${fn(M.invocations.name)}[${RATE_INTERVAL}]))`, '{{status}}')],
    },
    errorRatio: {
      title: 'Error ratio against the objective',
      panelId: BAND_PANEL_IDS.errorRatio,
      description:
        'Failed invocations (error or timeout) over all invocations; the line is the error budget, 1 − objective.',
      unit: 'percentunit',
      queries: [
        rangeQuery(
          'A',
          ratioOfRates(fn(M.invocations.name, { 'status!=': 'success' }), fn(M.invocations.name), RATE_INTERVAL, []),
          'error ratio'
        ),
        rangeQuery('B', `1 - max(${fn(RECORDED.sloObjective)})`, 'budget (1 − objective)'),
      ],
    },
    latency: {
      title: 'Duration P50 / P95 / P99 against the latency target',
      panelId: BAND_PANEL_IDS.latency,
      unit: 's',
      queries: [
        ...[0.5, 0.95, 0.99].map((q, i) =>
          rangeQuery(
            String.fromCharCode(65 + i),
            histogramQuantile(q, bucket, RATE_INTERVAL, []),
            `P${q * 100}`,
            q === 0.95
          )
        ),
        rangeQuery('D', `max(${fn(RECORDED.latencyTarget)})`, 'latency target'),
      ],
    },
    coldStarts: {
      title: 'Cold starts',
      panelId: BAND_PANEL_IDS.coldStarts,
      description: `Cold-start ratio and init duration P95. The duration histogram has no cold/warm label, so the latency of cold and warm invocations cannot be split: compare the P95 above with the init duration here. ${INIT_DURATION_DESCRIPTION}`,
      unit: 'percentunit',
      queries: [
        rangeQuery(
          'A',
          ratioOfRates(fn(M.coldStarts.name), fn(M.invocations.name), RATE_INTERVAL, []),
          'cold-start ratio'
        ),
        rangeQuery(
          'B',
          initDurationQuantile(0.95, INIT_DURATION_WINDOW, [], (m) => fn(m)),
          'init duration P95 (s)'
        ),
      ],
    },
    inFlight: {
      title: 'In flight',
      unit: 'short',
      queries: [rangeQuery('A', `sum(${fn(M.inFlight.name)})`, 'in flight')],
    },
    replicas: {
      title: 'Replicas (scrape targets)',
      description: 'Pods serving the function; 0 when it is scaled to zero.',
      unit: 'short',
      queries: [
        rangeQuery(
          'A',
          `count(${selector('up', { 'job=~': functionTargetsJobRegex, ...fnMatchers(namespace, name) })}) or vector(0)`,
          'replicas'
        ),
      ],
    },
    memory: {
      title: 'Memory against the limit',
      unit: 'bytes',
      noValue: 'No data: this Prometheus has no container memory series (cAdvisor, scraped from the kubelet)',
      queries: [
        rangeQuery('A', `max ${by(['pod'])} (${selector('container_memory_working_set_bytes', pods)})`, '{{pod}}'),
        rangeQuery('B', `max(${selector('container_spec_memory_limit_bytes', pods)} > 0)`, 'limit'),
      ],
    },
  };
}
