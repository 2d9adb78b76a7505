// The Knative Service of a function. Its revision template carries the contract's function/runtime labels
// (pods inherit them, so pod metrics can be joined to function_info), the runtime env contract and the
// scaling knobs. A hash of the desired object is stored as an annotation so an unchanged function costs no
// API call.
import { createHash } from 'node:crypto';

import { RUNTIME_ENV } from '../../../contract';
import type { LambdaFunction } from '../api';
import { DEFAULT_IMAGE_PORT, DEFAULT_RESOURCES, DEFAULT_SCALING, handlerOf } from '../api';
import type { KubeObject } from '../kube/gateway';
import { apiVersionOf, RESOURCES } from '../kube/resources';
import { functionLabels, ownerReference } from '../naming/names';

export const SPEC_HASH_ANNOTATION = 'lambda.knative.io/spec-hash';
/** Knative names the serving port of the user container; the PodMonitor scrapes /metrics on it */
export const FUNCTION_PORT_NAME = 'http1';
export const HEALTH_PATH = '/health';
/** Knative's default name for the user container, which the pod-level alert rules select (rules/config.ts) */
export const FUNCTION_CONTAINER = 'user-container';
const FUNCTION_TIMEOUT_SECONDS = 30;

export function knativeService(fn: LambdaFunction, image: string): KubeObject {
  const { name = '', namespace = '' } = fn.metadata;
  const { spec } = fn;
  const scaling = { ...DEFAULT_SCALING, ...spec.scaling };
  const resources = {
    requests: { ...DEFAULT_RESOURCES.requests, ...spec.resources?.requests },
    limits: { ...DEFAULT_RESOURCES.limits, ...spec.resources?.limits },
  };
  const labels = functionLabels(name, spec.runtime.language);
  const env = [
    { name: RUNTIME_ENV.function, value: name },
    { name: RUNTIME_ENV.namespace, value: namespace },
    { name: RUNTIME_ENV.runtime, value: spec.runtime.language },
    { name: RUNTIME_ENV.handler, value: handlerOf(spec) },
    { name: RUNTIME_ENV.timeoutSeconds, value: String(FUNCTION_TIMEOUT_SECONDS) },
    ...(spec.env ?? []).map((e) => ({ name: e.name, value: e.value ?? '' })),
  ];
  const body: KubeObject = {
    apiVersion: apiVersionOf(RESOURCES.knativeService),
    kind: RESOURCES.knativeService.kind,
    metadata: { name, namespace, labels, ownerReferences: [ownerReference(fn)] },
    spec: {
      template: {
        metadata: {
          labels,
          annotations: {
            'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev',
            'autoscaling.knative.dev/metric': 'concurrency',
            'autoscaling.knative.dev/min-scale': String(scaling.minReplicas),
            'autoscaling.knative.dev/max-scale': String(scaling.maxReplicas),
            'autoscaling.knative.dev/target': String(scaling.targetConcurrency),
          },
        },
        spec: {
          containerConcurrency: scaling.containerConcurrency,
          timeoutSeconds: FUNCTION_TIMEOUT_SECONDS,
          enableServiceLinks: false,
          containers: [
            {
              name: FUNCTION_CONTAINER,
              image,
              ports: [{ name: FUNCTION_PORT_NAME, containerPort: spec.source.image?.port ?? DEFAULT_IMAGE_PORT }],
              env,
              resources,
              readinessProbe: { httpGet: { path: HEALTH_PATH }, periodSeconds: 5 },
              // a wrapper that can no longer run invocations (its workers held by handlers past their timeout) says so
              livenessProbe: { httpGet: { path: HEALTH_PATH }, periodSeconds: 10, failureThreshold: 3 },
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
            },
          ],
        },
      },
    },
  };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  body.metadata!.annotations = { [SPEC_HASH_ANNOTATION]: hash };
  return body;
}

export function specHashOf(obj: KubeObject | undefined): string | undefined {
  return obj?.metadata?.annotations?.[SPEC_HASH_ANNOTATION];
}
