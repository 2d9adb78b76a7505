// The CRD's defaults, for objects that reached the operator without them (e.g. created before a CRD upgrade).
import { DEFAULT_LATENCY_TARGET_SECONDS, DEFAULT_SLO_OBJECTIVE, type Runtime } from '../../../contract';

import type { LambdaFunctionSpec } from './lambda-function';

export { DEFAULT_LATENCY_TARGET_SECONDS, DEFAULT_SLO_OBJECTIVE };
export const DEFAULT_BUILD_TIMEOUT = '30m';
/** per language: the module file is the part before the last '.', the function the part after it */
export const DEFAULT_HANDLERS: Record<Runtime, string> = {
  nodejs: 'index.handler',
  python: 'main.handler',
  go: 'main.Handle',
};
export const DEFAULT_IMAGE_PORT = 8080;

export const DEFAULT_SCALING = { minReplicas: 0, maxReplicas: 10, containerConcurrency: 10, targetConcurrency: 5 };
export const DEFAULT_RESOURCES = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '500m', memory: '128Mi' },
};

export function sloObjective(spec: LambdaFunctionSpec): number {
  return spec.slo?.objective ?? DEFAULT_SLO_OBJECTIVE;
}

export function latencyTargetSeconds(spec: LambdaFunctionSpec): number {
  return spec.slo?.latencyTarget ?? DEFAULT_LATENCY_TARGET_SECONDS;
}

export function handlerOf(spec: LambdaFunctionSpec): string {
  return spec.runtime.handler ?? DEFAULT_HANDLERS[spec.runtime.language];
}

export function eventingEnabled(spec: LambdaFunctionSpec): boolean {
  return spec.eventing !== undefined && spec.eventing.enabled !== false;
}
