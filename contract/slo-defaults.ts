/**
 * SLO defaults shared by the CRD (its schema defaults), the operator (which exports them per function) and the
 * rules (which fall back to them for functions the operator does not report).
 */
export const DEFAULT_SLO_OBJECTIVE = 0.999;
export const DEFAULT_LATENCY_TARGET_SECONDS = 5;
