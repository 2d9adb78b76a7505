// The operator's tracing seam: a reconcile span whose trace id becomes the exemplar on the reconcile
// duration histogram. Without tracing there is no span and no exemplar.
export interface ReconcileSpan {
  traceId: string;
  end(attributes: Record<string, string>, error?: string): void;
}

export interface Tracer {
  startReconcile(key: string): ReconcileSpan;
  shutdown(): Promise<void>;
}
