import {
  BACKEND_ROUTES,
  BUILD_RESULTS,
  DEAD_LETTER_RESULTS,
  FUNCTION_ERROR_TYPES,
  INVOCATION_STATUSES,
  OPERATOR_ERROR_COMPONENTS,
  OPERATOR_ERROR_TYPES,
  PHASES,
  RECONCILE_RESULTS,
  RUNTIMES,
} from './labels';

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Emitter = 'operator' | 'function' | 'backend';

export interface LabelSpec {
  readonly name: string;
  /** Closed set of values; absent for open labels such as `function` or `namespace`. */
  readonly values?: readonly string[];
}

export interface MetricSpec {
  /** Full Prometheus name (counters include `_total`). */
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly emitter: Emitter;
  readonly labels: readonly LabelSpec[];
  readonly buckets?: readonly number[];
  /** Exemplar label carried on this metric's observations, if any. */
  readonly exemplar?: 'trace_id';
  readonly notes?: string;
}

const label = (name: string, values?: readonly string[]): LabelSpec => ({ name, values });

const FN = label('function');
const NS = label('namespace');
const RUNTIME = label('runtime', RUNTIMES);
/** Every function series carries these three labels, set by the runtime wrapper from the operator's env. */
export const FUNCTION_IDENTITY_LABELS = [FN, NS, RUNTIME] as const;

export const FUNCTION_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
export const FUNCTION_INIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
/** The top bucket is above the longest reconcile: one that waits for a git clone until the clone's timeout. */
export const RECONCILE_BUCKETS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
] as const;
export const BUILD_BUCKETS = [10, 30, 60, 120, 300, 600, 900, 1200, 1800] as const;
export const WORKQUEUE_LATENCY_BUCKETS = [0.001, 0.01, 0.1, 0.5, 1, 5, 10, 60, 300] as const;
/** The top bucket is above the slowest resource API call: one that waits on Kubernetes calls, each until its deadline. */
export const BACKEND_LATENCY_BUCKETS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30,
] as const;

export const OPERATOR_PREFIX = 'knative_lambda_operator_';
export const FUNCTION_PREFIX = 'knative_lambda_function_';
export const BACKEND_PREFIX = 'knative_lambda_backend_';

export const OPERATOR_METRICS = {
  reconcileTotal: {
    name: `${OPERATOR_PREFIX}reconcile_total`,
    type: 'counter',
    help: 'Reconciles of LambdaFunctions, exactly one per reconcile, by the phase the function was in and the result.',
    emitter: 'operator',
    labels: [label('phase', PHASES), label('result', RECONCILE_RESULTS)],
  },
  reconcileDuration: {
    name: `${OPERATOR_PREFIX}reconcile_duration_seconds`,
    type: 'histogram',
    help: 'Wall time of one reconcile, by the phase the function was in.',
    emitter: 'operator',
    labels: [label('phase', PHASES)],
    buckets: RECONCILE_BUCKETS,
    exemplar: 'trace_id',
  },
  buildDuration: {
    name: `${OPERATOR_PREFIX}build_duration_seconds`,
    type: 'histogram',
    help: "Build time from the build Job's own start and completion times, by runtime and result.",
    emitter: 'operator',
    labels: [RUNTIME, label('result', BUILD_RESULTS)],
    buckets: BUILD_BUCKETS,
  },
  buildJobsActive: {
    name: `${OPERATOR_PREFIX}build_jobs_active`,
    type: 'gauge',
    help: 'Build Jobs that have started and not yet finished, by namespace (computed from the Job cache at scrape time).',
    emitter: 'operator',
    labels: [NS],
  },
  workqueueDepth: {
    name: `${OPERATOR_PREFIX}workqueue_depth`,
    type: 'gauge',
    help: 'Keys waiting in the reconcile work queue (not counting those being processed).',
    emitter: 'operator',
    labels: [],
  },
  workqueueLatency: {
    name: `${OPERATOR_PREFIX}workqueue_latency_seconds`,
    type: 'histogram',
    help: 'Time a key waited in the work queue before a worker picked it up.',
    emitter: 'operator',
    labels: [],
    buckets: WORKQUEUE_LATENCY_BUCKETS,
  },
  errors: {
    name: `${OPERATOR_PREFIX}errors_total`,
    type: 'counter',
    help: 'Operator errors by component and type; validation rejections count with component="validation".',
    emitter: 'operator',
    labels: [label('component', OPERATOR_ERROR_COMPONENTS), label('error_type', Object.keys(OPERATOR_ERROR_TYPES))],
  },
  functions: {
    name: `${OPERATOR_PREFIX}functions`,
    type: 'gauge',
    help: 'LambdaFunctions by namespace, phase and runtime, computed from the informer cache at scrape time (leader only).',
    emitter: 'operator',
    labels: [NS, label('phase', PHASES), RUNTIME],
  },
  functionInfo: {
    name: `${OPERATOR_PREFIX}function_info`,
    type: 'gauge',
    help: 'Always 1: one series per LambdaFunction carrying its runtime and phase, the join target for pod metrics (leader only).',
    emitter: 'operator',
    labels: [FN, NS, RUNTIME, label('phase', PHASES)],
  },
  functionSloObjective: {
    name: `${OPERATOR_PREFIX}function_slo_objective`,
    type: 'gauge',
    help: 'Availability objective of each function (spec.slo.objective, default 0.999), read by the SLO rules (leader only).',
    emitter: 'operator',
    labels: [FN, NS],
  },
  functionLatencyTarget: {
    name: `${OPERATOR_PREFIX}function_latency_target_seconds`,
    type: 'gauge',
    help: 'P95 latency target of each function (spec.slo.latencyTarget), read by the latency alert (leader only).',
    emitter: 'operator',
    labels: [FN, NS],
  },
  leader: {
    name: `${OPERATOR_PREFIX}leader`,
    type: 'gauge',
    help: '1 while this replica holds the leader-election Lease, else 0.',
    emitter: 'operator',
    labels: [],
  },
  scratchBytes: {
    name: `${OPERATOR_PREFIX}scratch_bytes`,
    type: 'gauge',
    help: 'Bytes used on the /tmp scratch volume by source checkouts.',
    emitter: 'operator',
    labels: [],
  },
  scratchLimitBytes: {
    name: `${OPERATOR_PREFIX}scratch_limit_bytes`,
    type: 'gauge',
    help: 'Size limit of the /tmp scratch volume (the emptyDir sizeLimit the operator was configured with).',
    emitter: 'operator',
    labels: [],
  },
  deadLetters: {
    name: `${OPERATOR_PREFIX}dead_letters_total`,
    type: 'counter',
    help: 'Dead-lettered CloudEvents the dead-letter forwarder received, one per request, by result (stored = confirmed by RabbitMQ; rejected = 400/413; unroutable = no queue bound; failed = not stored, Knative retries).',
    emitter: 'operator',
    labels: [label('result', DEAD_LETTER_RESULTS)],
    notes:
      'Exported by the lambda-dlq-forwarder Deployment (`lambda-operator dlq-forwarder`). No namespace label: the request path is caller-controlled, so it would be unbounded; per-function depth is `rabbitmq_queue_messages{queue="<namespace>.<function>-dlq"}`.',
  },
} as const satisfies Record<string, MetricSpec>;

export const FUNCTION_METRICS = {
  invocations: {
    name: `${FUNCTION_PREFIX}invocations_total`,
    type: 'counter',
    help: 'Invocations of the function handler by outcome; one increment per request.',
    emitter: 'function',
    labels: [...FUNCTION_IDENTITY_LABELS, label('status', INVOCATION_STATUSES)],
  },
  errors: {
    name: `${FUNCTION_PREFIX}errors_total`,
    type: 'counter',
    help: 'Invocations that did not succeed, by normalised error type; one increment per non-success invocation.',
    emitter: 'function',
    labels: [...FUNCTION_IDENTITY_LABELS, label('error_type', Object.keys(FUNCTION_ERROR_TYPES))],
  },
  duration: {
    name: `${FUNCTION_PREFIX}duration_seconds`,
    type: 'histogram',
    help: 'Handler duration of every invocation, whatever its outcome.',
    emitter: 'function',
    labels: [...FUNCTION_IDENTITY_LABELS],
    buckets: FUNCTION_DURATION_BUCKETS,
    exemplar: 'trace_id',
  },
  coldStarts: {
    name: `${FUNCTION_PREFIX}cold_starts_total`,
    type: 'counter',
    help: 'Processes that served their first invocation (one per process lifetime).',
    emitter: 'function',
    labels: [...FUNCTION_IDENTITY_LABELS],
  },
  initDuration: {
    name: `${FUNCTION_PREFIX}init_duration_seconds`,
    type: 'histogram',
    help: 'Time from process start until the handler was loaded and the server was listening.',
    emitter: 'function',
    labels: [...FUNCTION_IDENTITY_LABELS],
    buckets: FUNCTION_INIT_BUCKETS,
  },
  inFlight: {
    name: `${FUNCTION_PREFIX}in_flight`,
    type: 'gauge',
    help: 'Invocations currently being handled.',
    emitter: 'function',
    labels: [...FUNCTION_IDENTITY_LABELS],
  },
} as const satisfies Record<string, MetricSpec>;

export const BACKEND_METRICS = {
  requests: {
    name: `${BACKEND_PREFIX}requests_total`,
    type: 'counter',
    help: 'Resource API requests answered by the embedded backend, by route template and HTTP status code.',
    emitter: 'backend',
    labels: [label('route', BACKEND_ROUTES), label('code')],
  },
  requestDuration: {
    name: `${BACKEND_PREFIX}request_duration_seconds`,
    type: 'histogram',
    help: 'Resource API latency by route template.',
    emitter: 'backend',
    labels: [label('route', BACKEND_ROUTES)],
    buckets: BACKEND_LATENCY_BUCKETS,
  },
  watchUp: {
    name: `${BACKEND_PREFIX}watch_up`,
    type: 'gauge',
    help: '1 while the watch cache of a resource is synced and its watch is open, else 0.',
    emitter: 'backend',
    labels: [label('resource')],
  },
  watchEvents: {
    name: `${BACKEND_PREFIX}watch_events_total`,
    type: 'counter',
    help: 'Watch events applied to the backend cache, by resource.',
    emitter: 'backend',
    labels: [label('resource')],
  },
} as const satisfies Record<string, MetricSpec>;

export const ALL_METRICS: readonly MetricSpec[] = [
  ...Object.values(OPERATOR_METRICS),
  ...Object.values(FUNCTION_METRICS),
  ...Object.values(BACKEND_METRICS),
];

/** Label names of a metric, in contract order. */
export function labelNames(metric: MetricSpec): string[] {
  return metric.labels.map((l) => l.name);
}

/** Prometheus formats `le` as the shortest decimal; every emitter must use exactly this. */
export function formatLe(bound: number): string {
  return bound === Infinity ? '+Inf' : String(bound);
}

export { FUNCTION_ERROR_TYPES };
