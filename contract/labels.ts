/**
 * Every label name the product emits, and the closed set of values for those that have one.
 * A label value outside these sets is a bug in the emitter (tests check it).
 */
export const RUNTIMES = ['nodejs', 'python', 'go'] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const PHASES = ['Pending', 'Building', 'Deploying', 'Ready', 'Failed', 'Deleting'] as const;
export type Phase = (typeof PHASES)[number];

export const RECONCILE_RESULTS = ['success', 'error'] as const;
export type ReconcileResult = (typeof RECONCILE_RESULTS)[number];

export const BUILD_RESULTS = ['success', 'failed'] as const;
export type BuildResult = (typeof BUILD_RESULTS)[number];

/** What became of a dead letter the dead-letter forwarder received: stored = RabbitMQ confirmed it. */
export const DEAD_LETTER_RESULTS = ['stored', 'rejected', 'unroutable', 'failed'] as const;
export type DeadLetterResult = (typeof DEAD_LETTER_RESULTS)[number];

export const INVOCATION_STATUSES = ['success', 'error', 'timeout'] as const;
export type InvocationStatus = (typeof INVOCATION_STATUSES)[number];

/** Why an invocation did not succeed. Each non-success invocation increments errors_total exactly once. */
export const FUNCTION_ERROR_TYPES = {
  handler: 'the handler threw or returned a rejected promise / raised an exception',
  timeout: 'the handler did not finish within the function timeout (status="timeout")',
  validation:
    'the request could not be decoded: malformed JSON or CloudEvent, or a body cut short, badly chunked or too large',
  import: 'the handler module could not be loaded; every invocation fails until it is fixed',
  serialization: 'the handler result could not be encoded as JSON',
} as const;
export type FunctionErrorType = keyof typeof FUNCTION_ERROR_TYPES;

/** Operator errors: component that failed and the kind of failure. */
export const OPERATOR_ERROR_COMPONENTS = ['validation', 'source', 'build', 'deploy', 'eventing', 'reconcile'] as const;
export type OperatorErrorComponent = (typeof OPERATOR_ERROR_COMPONENTS)[number];

export const OPERATOR_ERROR_TYPES = {
  invalid_spec: 'the spec is inconsistent (e.g. no source, two sources, unsupported runtime version)',
  ssrf_blocked: 'a source URL points at a blocked address (cluster API, metadata, loopback, private range)',
  path_traversal: 'a source path escapes the checkout',
  injection: 'a handler, ref or name contains characters that could inject into generated files or commands',
  fetch_failed: 'the source could not be fetched (network, auth, missing ref)',
  scratch_exhausted: 'the source does not fit into the scratch volume budget',
  context_too_large:
    'the compressed build context is larger than the operator can hand to a build Job (--max-context-bytes)',
  job_failed: 'creating or running the build Job failed',
  build_timeout: 'the build exceeded spec.build.timeout',
  service_failed: 'creating or updating the Knative Service failed, or it reported a terminal failure',
  eventing_failed: 'creating the broker, trigger or dead-letter resources failed',
  api_error: 'the Kubernetes API answered with an unexpected error',
  conflict: 'an optimistic-concurrency conflict (409) that was retried',
} as const;
export type OperatorErrorType = keyof typeof OPERATOR_ERROR_TYPES;

/** Routes of the embedded backend's resource API (bounded: templates, not concrete paths). */
export const BACKEND_ROUTES = [
  'functions',
  'functions/{namespace}/{name}',
  'operator',
  'operator/deploy',
  'unknown',
] as const;
export type BackendRoute = (typeof BACKEND_ROUTES)[number];

export const LABEL_VALUES: Readonly<Record<string, readonly string[]>> = {
  runtime: RUNTIMES,
  phase: PHASES,
  status: INVOCATION_STATUSES,
  error_type: [...Object.keys(FUNCTION_ERROR_TYPES), ...Object.keys(OPERATOR_ERROR_TYPES)],
  component: OPERATOR_ERROR_COMPONENTS,
  route: BACKEND_ROUTES,
};

/** Labels whose values are open (names of Kubernetes objects): cardinality is bounded by the number of functions. */
export const OPEN_LABELS = ['function', 'namespace', 'code', 'resource', 'le'] as const;

/** Kubernetes labels the operator puts on every object it creates and on the function pods. */
export const K8S_LABELS = {
  function: 'lambda.knative.io/function',
  runtime: 'lambda.knative.io/runtime',
  managedBy: 'app.kubernetes.io/managed-by',
  build: 'lambda.knative.io/build',
  contentHash: 'lambda.knative.io/content-hash',
} as const;

/** Environment variables the operator sets on function containers; the runtimes read them. */
export const RUNTIME_ENV = {
  function: 'LAMBDA_FUNCTION_NAME',
  namespace: 'LAMBDA_FUNCTION_NAMESPACE',
  runtime: 'LAMBDA_RUNTIME',
  handler: 'LAMBDA_HANDLER',
  timeoutSeconds: 'LAMBDA_TIMEOUT_SECONDS',
  port: 'PORT',
  /** Address the wrapper listens on (default 0.0.0.0); tests set 127.0.0.1. */
  listenAddress: 'LAMBDA_LISTEN_ADDRESS',
} as const;

/** Dead-letter queues are named `<namespace>.<function>-dlq` so alerts can recover both from the queue name. */
export function dlqQueueName(namespace: string, functionName: string): string {
  return `${namespace}.${functionName}-dlq`;
}
