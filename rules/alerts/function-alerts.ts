import { FUNCTION_METRICS, OPERATOR_METRICS } from '../../contract';
import type { RulesConfig } from '../config';
import { INIT_DURATION_WINDOW, initDurationQuantile } from '../init-duration';
import type { AlertRule } from '../model';
import { by, durationSeconds, selector } from '../promql';
import { FUNCTION_ID, RECORDED } from '../recorded';
import { BURN_RATE_WINDOWS, minFailuresInWindow } from '../slo';

import { atLeastFailuresInWindow } from './failure-floor';

const FN_DESC = '{{ $labels.namespace }}/{{ $labels.function }} ({{ $labels.runtime }})';
const info = (extra: Record<string, string> = {}) =>
  `max ${by([...FUNCTION_ID, 'runtime'])} (${selector(OPERATOR_METRICS.functionInfo.name, extra)})`;

/** The runbook's account of the failure floor: what it stops, what it lets through, and why this number. */
function failureFloorReasoning(config: RulesConfig): string[] {
  const { minFailures, window, threshold } = config.functionErrorRatio;
  const seconds = durationSeconds(window);
  const pageFloor = minFailuresInWindow(BURN_RATE_WINDOWS[0].long, config.slo.minFailuresIn1h);
  return [
    `Failure floor: the ${window} window must also hold at least ${minFailures} failed invocations, however few invocations it holds (estimated as ratio x invocation rate x ${seconds}s, from the recorded rules). 2 failures among 6 requests in ${window} are 33%, far above ${threshold * 100}%, but two failed requests: no alert.`,
    `A function failing ${minFailures} or more requests a minute meets the floor in the first minute its ratio exists, so the alert fires exactly when its \`for\` elapses: at 1 request a second failing 50% the window holds ${0.5 * seconds} failures, at 10 a second failing just above ${threshold * 100}% it holds over ${Math.round(10 * seconds * threshold)}. Below about one failure a minute a ${window} ratio is a handful of requests, and the outage of a low-traffic function is the burn-rate alerts' job: their floor counts failures over an hour or more (KnativeLambdaFunctionErrorBudgetBurn's runbook).`,
    `Why ${minFailures}: no fewer than the ${pageFloor} failures the fastest page needs in its ${BURN_RATE_WINDOWS[0].long} window, so this ${window} warning never fires on less harm than a page needs; and the estimate is Prometheus' increase extrapolated to the window's edges, which reads up to about twice the true count when a series has only two samples in the window (a pod that just stopped): ${minFailures} keeps 2 stray failures below it even then.`,
  ];
}

export function functionAlerts(config: RulesConfig): AlertRule[] {
  const err = config.functionErrorRatio;
  const lat = config.functionLatency;
  const cold = config.coldStartRatio;
  const { functionTargetsJobRegex } = config.selectors;
  const up = selector('up', { 'job=~': functionTargetsJobRegex });
  return [
    {
      alert: 'KnativeLambdaFunctionHighErrorRate',
      expr: `(\n  ${RECORDED.errorRate(err.window)} > ${err.threshold}\nand\n  ${atLeastFailuresInWindow(err.window, err.minFailures)}\n)`,
      for: err.for,
      severity: 'warning',
      summary: 'A function fails more often than the error-rate threshold.',
      description: `${FN_DESC}: {{ $value | humanizePercentage }} of invocations failed over the last ${err.window} (threshold ${err.threshold * 100}%).`,
      runbook: {
        meaning: [
          `More than ${err.threshold * 100}% of the function's invocations ended in \`error\` or \`timeout\` over ${err.window}, and at least ${err.minFailures} of them failed there, for ${err.for}. The ratio is failed invocations over all invocations, with no clamped denominator: it is exact even at low traffic.`,
          ...failureFloorReasoning(config),
        ].join('\n\n'),
        confirm: `sum by (status) (rate(${FUNCTION_METRICS.invocations.name}{function="<name>", namespace="<ns>"}[5m]))`,
        causes: [
          'a bad deploy of the function code (check the Ready revision and its age)',
          'a dependency of the function (database, API) failing or timing out',
          'malformed input from a producer (`errors_total{error_type="validation"}`)',
        ],
        actions: [
          `Split by cause: \`sum by (error_type) (rate(${FUNCTION_METRICS.errors.name}{function="<name>"}[5m]))\`.`,
          'Open the function in the Knative Lambda app: the detail page links the logs and traces of failing requests (exemplars).',
          'If a new revision caused it, roll back the LambdaFunction spec (the operator rebuilds and redeploys).',
        ],
      },
    },
    {
      alert: 'KnativeLambdaFunctionHighLatency',
      expr: `${RECORDED.latencyQuantile(lat.quantile, lat.window)}\n> on (${FUNCTION_ID.join(', ')}) group_left ()\n${RECORDED.latencyTarget}`,
      for: lat.for,
      severity: 'warning',
      summary: `A function's P${lat.quantile * 100} latency is above its target.`,
      description: `${FN_DESC}: P${lat.quantile * 100} duration is {{ $value | humanizeDuration }} over the last ${lat.window}, above its latency target (spec.slo.latencyTarget, default ${lat.defaultTargetSeconds}s).`,
      runbook: {
        meaning: `The ${lat.quantile * 100}th percentile of handler duration over ${lat.window} exceeded the function's latency target for ${lat.for}. The target is spec.slo.latencyTarget, or ${lat.defaultTargetSeconds}s when unset.`,
        confirm: `histogram_quantile(${lat.quantile}, sum by (le) (rate(${FUNCTION_METRICS.duration.name}_bucket{function="<name>", namespace="<ns>"}[5m])))`,
        causes: [
          'a slow dependency',
          'CPU throttling (resources.limits too low)',
          'cold starts under bursty traffic',
          'a code change',
        ],
        actions: [
          'Use the exemplars on the latency panel to open traces of slow requests.',
          `Compare with cold starts: \`${RECORDED.coldStartRatio(config.coldStartRatio.window)}\`.`,
          'Raise scaling.minReplicas or containerConcurrency, or resources, if the function is saturated.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaHighColdStartRate',
      expr: `${RECORDED.coldStartRatio(cold.window)} > ${cold.threshold}`,
      for: cold.for,
      severity: 'info',
      summary: 'A large share of invocations start a new function process.',
      description: `${FN_DESC}: {{ $value | humanizePercentage }} of invocations were cold starts over the last ${cold.window}.`,
      runbook: {
        meaning: `Cold starts (processes serving their first invocation) divided by invocations exceeded ${cold.threshold * 100}% for ${cold.for}. Autoscaling is creating pods for a large part of the traffic.`,
        confirm: `sum(rate(${FUNCTION_METRICS.coldStarts.name}{function="<name>"}[5m])) / sum(rate(${FUNCTION_METRICS.invocations.name}{function="<name>"}[5m]))`,
        causes: [
          'scale-to-zero with sparse traffic',
          'pods crashing and restarting',
          'a low containerConcurrency with bursty traffic',
        ],
        actions: [
          'Set scaling.minReplicas to 1 for latency-sensitive functions.',
          `Check init time (once per process, so over the processes of the last ${INIT_DURATION_WINDOW}): \`${initDurationQuantile(0.95, INIT_DURATION_WINDOW, [], (m) => `${m}{function="<name>"}`)}\`.`,
          'Check pod restarts of the revision.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaFunctionMetricsMissing',
      expr: `(\n  min ${by(FUNCTION_ID)} (${up}) == 0\nor\n  (max ${by(FUNCTION_ID)} (${up}) == 1)\n  unless on (${FUNCTION_ID.join(', ')})\n  max ${by(FUNCTION_ID)} (${FUNCTION_METRICS.invocations.name})\n)\n* on (${FUNCTION_ID.join(', ')}) group_left (runtime)\n${info({ phase: 'Ready' })}`,
      for: config.metricsMissing.for,
      severity: 'warning',
      summary: 'A Ready function runs, but its invocation metrics are not being recorded.',
      description: `${FN_DESC} is Ready and has running pods, but its metrics endpoint cannot be scraped or exposes no ${FUNCTION_METRICS.invocations.name} series: its traffic is invisible to dashboards and alerts.`,
      runbook: {
        meaning: [
          `The blind spot of the original report's "k6-lambda-7: zero invocations recorded". The alert fires for a function the operator reports Ready (\`${OPERATOR_METRICS.functionInfo.name}{phase="Ready"}\`) while one of its pods is a scrape target (so it is running, i.e. serving or ready to serve traffic) and, for ${config.metricsMissing.for}, either`,
          `(1) a scrape of one of its pods fails (\`up == 0\` on a target of the \`${functionTargetsJobRegex}\` job), or`,
          `(2) its pods are scraped but expose no \`${FUNCTION_METRICS.invocations.name}\` series. The runtime wrappers create the series for every status at 0 when they start, so a healthy function always has them, even before its first request.`,
          'A function scaled to zero has no pods and no targets, so it does not fire: no traffic is not a blind spot.',
        ].join('\n'),
        confirm: `min by (function, namespace) (up{job=~"${functionTargetsJobRegex}", function="<name>"})`,
        causes: [
          'the image does not contain the runtime wrapper (an `image` source built without it)',
          'the metrics port is not exposed or the PodMonitor does not select the pods',
          'the wrapper crashed while the handler still serves (custom server code)',
        ],
        actions: [
          'Open Prometheus Targets for the function pods and read the scrape error.',
          'Curl the pod: `kubectl -n <ns> port-forward pod/<pod> 8080` then `curl localhost:8080/metrics`.',
          'For image sources, rebuild the image on top of the knative-lambda runtime wrapper.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaFunctionFailed',
      expr: info({ phase: 'Failed' }),
      for: config.functionFailed.for,
      severity: 'info',
      summary: 'A LambdaFunction is in phase Failed.',
      description: `${FN_DESC} has been Failed for ${config.functionFailed.for}; its conditions say why.`,
      runbook: {
        meaning: `The operator put the function in phase Failed (validation rejected its source, its build failed, or its Knative Service failed) and it stayed there for ${config.functionFailed.for}.`,
        confirm: `${OPERATOR_METRICS.functionInfo.name}{phase="Failed"}`,
        causes: [
          'a source rejected by the security policy',
          'a build error in the function code',
          'a Knative Service that cannot become Ready',
        ],
        actions: [
          'Read the conditions: `kubectl -n <ns> get lambdafunction <name> -o jsonpath="{.status.conditions}"`.',
          'Fix the spec; any spec change triggers a new reconcile.',
        ],
      },
    },
  ];
}
