/** Names of the recording rules (`level:metric:operations`), shared by the definitions and the generators. */
export const RECORDED = {
  /** Error ratio over a window; `errorRate('5m')` is the proposal's `knative_lambda:function_error_rate:5m`. */
  errorRate: (window: string) => `knative_lambda:function_error_rate:${window}`,
  invocationRate: (window: string) => `knative_lambda:function_invocation_rate:${window}`,
  coldStartRatio: (window: string) => `knative_lambda:function_cold_start_ratio:${window}`,
  latencyQuantile: (quantile: number, window: string) =>
    `knative_lambda:function_duration_seconds:p${Math.round(quantile * 100)}_${window}`,
  sloObjective: 'knative_lambda:function_slo_objective:ratio',
  latencyTarget: 'knative_lambda:function_latency_target:seconds',
  errorBudgetRemaining: (period: string) => `knative_lambda:function_error_budget_remaining:${period}`,
} as const;

/** Labels every per-function recording rule keeps. */
export const FUNCTION_KEYS = ['function', 'namespace', 'runtime'] as const;
/** Labels that identify a function across metrics that do not carry `runtime`. */
export const FUNCTION_ID = ['function', 'namespace'] as const;
