import { OPERATOR_METRICS } from '../../contract/metrics';
import { operatorAlerts } from '../../rules/alerts/operator-alerts';
import { RULES_CONFIG } from '../../rules/config';
import { by, histogramQuantile, selector } from '../../rules/promql';
import { ALERTS_SERIES } from '../model/alertNames';

import { type PanelQueries, RATE_INTERVAL } from './functionOverview';
import { escapeRegex, rangeQuery } from './promQuery';

const O = OPERATOR_METRICS;

export function operatorAlertNames(): string[] {
  return [...new Set(operatorAlerts(RULES_CONFIG).map((a) => a.alert))];
}

/** Empty answers of the zero-means-none panels when the operator is not scraped: the only case left empty. */
export const NOT_SCRAPED = 'No data: the operator is not scraped';
/** Empty answers of the histogram panels: a quantile needs observations in the range. */
export const NO_QUEUED_WORK =
  'No data: nothing passed through the work queue in this range, or the operator is not scraped';
export const NO_BUILDS = 'No builds finished in this range, or the operator is not scraped';

/** `expr`, or 0 while an operator target is up: an empty answer from a scraped operator means "none". */
export function orZeroWhileScraped(expr: string): string {
  return `(${expr})\nor\n(0 * max(${selector('up', { job: RULES_CONFIG.selectors.operatorJob })} == 1))`;
}

/** The Operator page's panels: reconciles, queue, builds, scratch volume, leadership, its own alerts. */
export function operatorPanels(): Record<string, PanelQueries> {
  const job = { job: RULES_CONFIG.selectors.operatorJob };
  const alertRegex = operatorAlertNames().map(escapeRegex).join('|');
  const operatorAlerts = (extra: Record<string, string> = {}) =>
    selector(ALERTS_SERIES, { 'alertname=~': alertRegex, ...extra });
  return {
    reconciles: {
      title: 'Reconciles by phase and result',
      unit: 'ops',
      queries: [
        rangeQuery(
          'A',
          `sum ${by(['phase', 'result'])} (rate(${O.reconcileTotal.name}[${RATE_INTERVAL}]))`,
          '{{phase}} {{result}}'
        ),
      ],
    },
    errors: {
      title: 'Reconcile errors by component and type',
      unit: 'ops',
      noValue: NOT_SCRAPED,
      queries: [
        rangeQuery(
          'A',
          `sum ${by(['component', 'error_type'])} (rate(${O.errors.name}[${RATE_INTERVAL}]))`,
          '{{component}} {{error_type}}'
        ),
        rangeQuery('B', orZeroWhileScraped(`sum(rate(${O.errors.name}[${RATE_INTERVAL}]))`), 'all errors'),
      ],
    },
    queueDepth: {
      title: 'Build queue depth',
      description: `The reconcile work queue; the alert fires above ${RULES_CONFIG.workqueueDepth.threshold}.`,
      unit: 'short',
      queries: [rangeQuery('A', `max(${O.workqueueDepth.name})`, 'depth')],
    },
    queueWait: {
      title: 'Work queue wait time',
      unit: 's',
      noValue: NO_QUEUED_WORK,
      queries: [0.5, 0.95, 0.99].map((q, i) =>
        rangeQuery(
          String.fromCharCode(65 + i),
          histogramQuantile(q, `${O.workqueueLatency.name}_bucket`, RATE_INTERVAL, []),
          `P${q * 100}`
        )
      ),
    },
    buildDuration: {
      title: 'Build duration',
      description: `Builds per duration bucket; the alert threshold is P${RULES_CONFIG.buildDuration.quantile * 100} > ${RULES_CONFIG.buildDuration.thresholdSeconds}s.`,
      unit: 's',
      noValue: NO_BUILDS,
      queries: [
        {
          ...rangeQuery(
            'A',
            `sum ${by(['le'])} (increase(${O.buildDuration.name}_bucket[${RATE_INTERVAL}]))`,
            '{{le}}'
          ),
          format: 'heatmap',
        },
      ],
    },
    buildJobs: {
      title: 'Active build jobs by namespace',
      description: 'The line "all namespaces" is 0 when no build is running.',
      unit: 'short',
      noValue: NOT_SCRAPED,
      queries: [
        rangeQuery('A', `sum ${by(['namespace'])} (${O.buildJobsActive.name})`, '{{namespace}}'),
        rangeQuery('B', orZeroWhileScraped(`sum(${O.buildJobsActive.name})`), 'all namespaces'),
      ],
    },
    scratch: {
      title: 'Scratch volume against its limit',
      unit: 'bytes',
      queries: [
        rangeQuery('A', `max(${O.scratchBytes.name})`, 'used'),
        rangeQuery('B', `max(${O.scratchLimitBytes.name})`, 'limit'),
      ],
    },
    leader: {
      title: 'Leader and replicas',
      unit: 'short',
      queries: [
        rangeQuery('A', `sum(${selector(O.leader.name, job)})`, 'leaders'),
        rangeQuery('B', `count(${selector('up', job)} == 1) or vector(0)`, 'replicas up'),
      ],
    },
    alerts: {
      title: "Operator's alerts",
      description: 'One line per pending or firing alert; "firing" counts them and is 0 when none fires.',
      unit: 'short',
      queries: [
        rangeQuery('A', `max ${by(['alertname', 'alertstate'])} (${operatorAlerts()})`, '{{alertname}} {{alertstate}}'),
        rangeQuery('B', `count(${operatorAlerts({ alertstate: 'firing' })}) or vector(0)`, 'firing'),
      ],
    },
  };
}
