/** What the Functions page's aggregated queries say about one function (absent = no series). */
export interface FiringAlert {
  alertname: string;
  severity: string;
  long?: string;
  short?: string;
}

export interface GuardTraffic {
  /** invocations and failed invocations in the guard's long window */
  invocations: number;
  failures: number;
  window: string;
}

export interface FunctionMetrics {
  invocationRate?: number;
  errorRatio?: number;
  p95Seconds?: number;
  coldStartRatio?: number;
  budgetRemaining?: number;
  /** error ratio over the shortest long window divided by the error budget */
  burnRate?: number;
  guard?: GuardTraffic;
  /** min `up` of the function's scrape targets; absent when it has no targets (no pods) */
  up?: number;
  firing: FiringAlert[];
}

export const NO_METRICS: FunctionMetrics = { firing: [] };
