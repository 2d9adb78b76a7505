import { DEFAULT_LATENCY_TARGET_SECONDS, DEFAULT_SLO_OBJECTIVE } from '../contract';

/**
 * Every threshold and deployment-specific selector of the rules, in one object. The defaults are the SRE
 * proposal's thresholds; change them here and run `npm run generate`.
 */
export const RULES_CONFIG = {
  /** How the scrape jobs are named where the rules run (ServiceMonitor/PodMonitor in pkg-operator/k8s). */
  selectors: {
    operatorJob: 'knative-lambda-operator',
    operatorNamespace: 'knative-lambda',
    operatorDeployment: 'knative-lambda-operator',
    /** Regex on `job` of the function pods' scrape targets (the PodMonitor names its job `<ns>/knative-lambda-functions`). */
    functionTargetsJobRegex: '.*knative-lambda-functions',
    functionContainer: 'user-container',
  },
  functionErrorRatio: {
    threshold: 0.05,
    /** Failure floor: failed invocations the window must hold (why: KnativeLambdaFunctionHighErrorRate's runbook). */
    minFailures: 5,
    window: '5m',
    for: '5m',
  },
  functionLatency: { quantile: 0.95, defaultTargetSeconds: DEFAULT_LATENCY_TARGET_SECONDS, window: '5m', for: '5m' },
  coldStartRatio: { threshold: 0.2, window: '5m', for: '10m' },
  buildDuration: { quantile: 0.95, thresholdSeconds: 120, window: '30m', for: '5m' },
  buildFailures: { minFailed: 3, window: '1h', for: '0m' },
  workqueueDepth: { threshold: 10, for: '5m' },
  dlq: { threshold: 100, queueRegex: '.*-dlq', for: '15m' },
  podMemory: { threshold: 0.9, for: '5m' },
  metricsMissing: { for: '15m' },
  functionFailed: { for: '15m' },
  operator: {
    downFor: '5m',
    notReadyFor: '15m',
    noLeaderFor: '5m',
    reconcileErrorRatio: 0.1,
    reconcileErrorWindow: '5m',
    reconcileErrorFor: '15m',
    scratchRatio: 0.8,
    scratchFor: '5m',
  },
  slo: {
    /** Default availability objective; a function overrides it with spec.slo.objective. */
    objective: DEFAULT_SLO_OBJECTIVE,
    period: '30d',
    /**
     * Low-traffic guard: failed invocations a burn-rate alert's long window must hold, this many in a 1h window and
     * growing with the square root of longer windows (`minFailuresInWindow` in slo.ts).
     * No minimum of invocations: at 1 request a minute the 1h window never holds 100, and an outage would not page.
     */
    minFailuresIn1h: 5,
  },
  prometheusRule: {
    name: 'knative-lambda',
    namespace: 'knative-lambda',
    /** kube-prometheus-stack selects rules by these labels (its default ruleSelector is the release label). */
    labels: { release: 'kube-prometheus-stack' } as Record<string, string>,
  },
  grafana: {
    datasourceUid: 'prometheus',
    folder: 'Knative Lambda',
    interval: '1m',
    orgId: 1,
  },
  runbookBaseUrl: 'https://github.com/knative-lambda/knative-lambda-app/blob/main/docs/runbooks',
  /** Label every rule carries so routing trees can match the product. */
  commonLabels: { product: 'knative-lambda' } as Record<string, string>,
};

export type RulesConfig = typeof RULES_CONFIG;
