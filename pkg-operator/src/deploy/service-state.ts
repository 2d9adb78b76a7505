// What a Knative Service's status says about a function's deployment.
import type { KubeObject } from '../kube/gateway';

export type ServiceState =
  | { state: 'ready'; url?: string; latestReadyRevision?: string }
  | { state: 'progressing'; reason: string; message: string }
  | { state: 'failed'; reason: string; message: string };

interface KnativeStatus {
  observedGeneration?: number;
  url?: string;
  latestReadyRevisionName?: string;
  conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
}

export function serviceState(ksvc: KubeObject): ServiceState {
  const status = (ksvc.status ?? {}) as KnativeStatus;
  if (status.observedGeneration !== ksvc.metadata?.generation) {
    return {
      state: 'progressing',
      reason: 'Reconciling',
      message: 'Knative has not yet processed the latest Service spec',
    };
  }
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') {
    return { state: 'ready', url: status.url, latestReadyRevision: status.latestReadyRevisionName };
  }
  const reason = ready?.reason ?? 'Deploying';
  const message = ready?.message ?? 'waiting for the Knative Service to become ready';
  return ready?.status === 'False' ? { state: 'failed', reason, message } : { state: 'progressing', reason, message };
}
