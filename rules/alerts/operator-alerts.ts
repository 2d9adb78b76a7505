import { OPERATOR_METRICS } from '../../contract';
import type { RulesConfig } from '../config';
import type { AlertRule } from '../model';
import { histogramQuantile, ratioOfRates, selector } from '../promql';

export function operatorAlerts(config: RulesConfig): AlertRule[] {
  const { operatorJob, operatorNamespace, operatorDeployment } = config.selectors;
  const op = config.operator;
  const build = config.buildDuration;
  const failures = config.buildFailures;
  const reconcile = OPERATOR_METRICS.reconcileTotal.name;
  const ksm = { namespace: operatorNamespace, deployment: operatorDeployment };
  return [
    {
      alert: 'KnativeLambdaOperatorDown',
      expr: `absent(${selector('up', { job: operatorJob })} == 1)`,
      for: op.downFor,
      severity: 'critical',
      summary: 'No knative-lambda operator replica can be scraped.',
      description: `No target of job ${operatorJob} has been up for ${op.downFor}: LambdaFunctions are not reconciled and operator metrics are missing.`,
      runbook: {
        meaning: `Prometheus has no healthy target for the operator (job \`${operatorJob}\`) for ${op.downFor}. Either the operator pods are not running or Prometheus cannot scrape them.`,
        confirm: selector('up', { job: operatorJob }),
        causes: [
          'the Deployment is scaled to 0 or its pods crash-loop',
          'the ServiceMonitor does not select the Service',
          'a NetworkPolicy blocks the scrape',
        ],
        actions: [
          `\`kubectl -n ${operatorNamespace} get deploy,pods -l app.kubernetes.io/name=${operatorDeployment}\` and read pod events and logs.`,
          'Check Prometheus Targets for the operator job and its scrape error.',
          'Redeploy from the Knative Lambda app (Operator page, Admin only) if the manifests are missing.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaOperatorNotReady',
      expr: `${selector('kube_deployment_status_replicas_available', ksm)}\n<\n${selector('kube_deployment_spec_replicas', ksm)}`,
      for: op.notReadyFor,
      severity: 'warning',
      summary: 'The operator Deployment has fewer available replicas than desired.',
      description: `${operatorNamespace}/${operatorDeployment} has {{ $value }} available replicas, fewer than desired, for ${op.notReadyFor}.`,
      runbook: {
        meaning: `kube-state-metrics reports fewer available than desired replicas for the operator Deployment for ${op.notReadyFor}. With leader election the operator keeps working while one replica is available, but it has no standby.`,
        confirm: selector('kube_deployment_status_replicas_available', ksm),
        causes: [
          'a pod that fails its readiness probe',
          'anti-affinity that cannot be satisfied on the nodes',
          'insufficient resources',
        ],
        actions: [
          `\`kubectl -n ${operatorNamespace} describe deploy ${operatorDeployment}\` and the events of its pending pods.`,
        ],
      },
    },
    {
      alert: 'KnativeLambdaOperatorNoLeader',
      expr: `sum(${selector(OPERATOR_METRICS.leader.name, { job: operatorJob })}) == 0`,
      for: op.noLeaderFor,
      severity: 'critical',
      summary: 'Operator replicas are running but none holds the leader Lease.',
      description: `No operator replica has been leader for ${op.noLeaderFor}: nothing reconciles LambdaFunctions.`,
      runbook: {
        meaning: `Replicas are scraped, but \`${OPERATOR_METRICS.leader.name}\` is 0 on all of them for ${op.noLeaderFor}. Only the leader reconciles.`,
        confirm: OPERATOR_METRICS.leader.name,
        causes: [
          'the operator cannot reach the API server to renew the Lease',
          'RBAC on coordination.k8s.io leases was removed',
        ],
        actions: [`\`kubectl -n ${operatorNamespace} get lease\` and the operator logs for leader-election errors.`],
      },
    },
    {
      alert: 'KnativeLambdaReconcileErrors',
      expr: `${ratioOfRates(selector(reconcile, { result: 'error' }), reconcile, op.reconcileErrorWindow, [])}\n> ${op.reconcileErrorRatio}`,
      for: op.reconcileErrorFor,
      severity: 'warning',
      summary: 'Many operator reconciles end in error.',
      description: `{{ $value | humanizePercentage }} of reconciles failed over ${op.reconcileErrorWindow}, for ${op.reconcileErrorFor}.`,
      runbook: {
        meaning: `More than ${op.reconcileErrorRatio * 100}% of reconciles returned an error for ${op.reconcileErrorFor}. Each reconcile is counted exactly once, so this is the true share. Failed reconciles are retried with backoff.`,
        confirm: `sum by (phase, result) (rate(${reconcile}[5m]))`,
        causes: [
          'API server errors or throttling',
          'RBAC missing for a resource the operator writes',
          'Knative or eventing CRDs missing in the cluster',
        ],
        actions: [
          `By component: \`sum by (component, error_type) (rate(${OPERATOR_METRICS.errors.name}[5m]))\`.`,
          'Read the operator logs of the leader.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaBuildDurationHigh',
      expr: `${histogramQuantile(build.quantile, `${OPERATOR_METRICS.buildDuration.name}_bucket`, build.window, ['runtime'])}\n> ${build.thresholdSeconds}`,
      for: build.for,
      severity: 'warning',
      summary: 'Function builds are slow.',
      description: `P${build.quantile * 100} build duration for {{ $labels.runtime }} is {{ $value | humanizeDuration }} over ${build.window} (threshold ${build.thresholdSeconds}s).`,
      runbook: {
        meaning: `The ${build.quantile * 100}th percentile of build time (from the Kaniko Job's own start and completion times) over ${build.window} is above ${build.thresholdSeconds}s for ${build.for}.`,
        confirm: `histogram_quantile(${build.quantile}, sum by (le, runtime) (rate(${OPERATOR_METRICS.buildDuration.name}_bucket[${build.window}])))`,
        causes: ['a slow or throttled registry', 'large dependency installs without a cache', 'CPU-starved build pods'],
        actions: [
          'Check registry latency and the build Job pod resources.',
          `Compare runtimes: the alert is per \`runtime\`.`,
        ],
      },
    },
    {
      alert: 'KnativeLambdaBuildsFailing',
      expr: `sum by (runtime) (increase(${selector(`${OPERATOR_METRICS.buildDuration.name}_count`, { result: 'failed' })}[${failures.window}]))\n>= ${failures.minFailed}`,
      for: failures.for,
      severity: 'warning',
      summary: 'Function builds keep failing.',
      description: `{{ $value | humanize }} {{ $labels.runtime }} builds failed in the last ${failures.window}.`,
      runbook: {
        meaning: `At least ${failures.minFailed} builds of one runtime ended with result="failed" within ${failures.window}. The label value is the one the operator emits (\`success\` or \`failed\`).`,
        confirm: `sum by (runtime, result) (increase(${OPERATOR_METRICS.buildDuration.name}_count[${failures.window}]))`,
        causes: [
          'broken function code or dependencies',
          'registry push failures',
          'the build timeout (spec.build.timeout) too short',
        ],
        actions: [
          'Find the failed functions: `kubectl get lf -A` (phase Failed) and read BuildReady.',
          'Read the build Job logs.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaWorkqueueDepthHigh',
      expr: `max(${OPERATOR_METRICS.workqueueDepth.name}) > ${config.workqueueDepth.threshold}`,
      for: config.workqueueDepth.for,
      severity: 'warning',
      summary: 'The operator is falling behind on reconciles.',
      description: `{{ $value }} LambdaFunctions are waiting in the operator's work queue (threshold ${config.workqueueDepth.threshold}).`,
      runbook: {
        meaning: `The leader's work queue held more than ${config.workqueueDepth.threshold} keys for ${config.workqueueDepth.for}. The gauge is the queue's real length.`,
        confirm: `${OPERATOR_METRICS.workqueueDepth.name}\nhistogram_quantile(0.95, sum by (le) (rate(${OPERATOR_METRICS.workqueueLatency.name}_bucket[5m])))`,
        causes: [
          'a burst of spec changes (bulk apply)',
          'slow reconciles (API latency)',
          'retries of failing functions',
        ],
        actions: [
          'Check reconcile duration and errors.',
          'Raise the operator concurrency setting if the API server has headroom.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaScratchVolumeFilling',
      expr: `${OPERATOR_METRICS.scratchBytes.name} / ${OPERATOR_METRICS.scratchLimitBytes.name} > ${op.scratchRatio}`,
      for: op.scratchFor,
      severity: 'warning',
      summary: "The operator's /tmp scratch volume is nearly full.",
      description: `Operator pod {{ $labels.pod }} uses {{ $value | humanizePercentage }} of its /tmp scratch volume.`,
      runbook: {
        meaning: `Source checkouts use more than ${op.scratchRatio * 100}% of the /tmp emptyDir limit for ${op.scratchFor}. New git sources wait for space, and a source larger than the limit fails with scratch_exhausted.`,
        confirm: `${OPERATOR_METRICS.scratchBytes.name} / ${OPERATOR_METRICS.scratchLimitBytes.name}`,
        causes: ['large repositories', 'many concurrent git builds'],
        actions: [
          'Use `git.path` to a sub-directory or a smaller repository.',
          'Raise the emptyDir sizeLimit and the operator scratch limit together.',
        ],
      },
    },
  ];
}
