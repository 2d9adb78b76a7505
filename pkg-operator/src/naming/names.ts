// Deterministic names and labels of everything the operator creates. Names derive from the function name
// (at most 45 characters, enforced by the CRD) and its content hash, so a restarted operator finds, rather
// than duplicates, what an earlier run created.
import type { Runtime } from '../../../contract';
import { K8S_LABELS } from '../../../contract';
import type { LambdaFunction } from '../api';
import { LAMBDA_API_VERSION, LAMBDA_KIND } from '../api';

export const MANAGER = 'knative-lambda-operator';
export const BROKER_NAME = 'lambda-broker';
export const DEAD_LETTER_EXCHANGE = 'lambda-dlx';
/** the Service (and Deployment) of the dead-letter forwarder, in the operator's namespace */
export const DLQ_FORWARDER_NAME = 'lambda-dlq-forwarder';
/** the audience of the tokens dead letters must carry (the Trigger's deadLetterSink.audience) */
export const DLQ_FORWARDER_AUDIENCE = DLQ_FORWARDER_NAME;

const short = (hash: string) => hash.slice(0, 10);

export const buildJobName = (fn: string, hash: string) => `${fn}-build-${short(hash)}`;
export const contextConfigMapName = (fn: string, hash: string, part: number) =>
  `${fn}-ctx-${short(hash)}-${String(part).padStart(2, '0')}`;
export const imageReference = (registry: string, namespace: string, fn: string, hash: string) =>
  `${registry}/${namespace}/${fn}:${hash.slice(0, 16)}`;
export const triggerName = (fn: string) => fn;
export const deadLetterResourceName = (fn: string) => `${fn}-dlq`;
/** the RabbitMQ exchange every dead letter of a namespace is published to (routing key = function name) */
export const deadLetterExchangeName = (namespace: string) => `${namespace}.${DEAD_LETTER_EXCHANGE}`;
export const dlqForwarderUrl = (operatorNamespace: string) =>
  `http://${DLQ_FORWARDER_NAME}.${operatorNamespace}.svc.cluster.local`;
/** where a function's Trigger dead-letters to: the forwarder, with the function's namespace as the path */
export const deadLetterSinkUri = (forwarderUrl: string, namespace: string) =>
  `${forwarderUrl.replace(/\/+$/, '')}/${namespace}`;

/** labels on every object created for a function (and on its pods) */
export function functionLabels(fn: string, runtime: Runtime): Record<string, string> {
  return { [K8S_LABELS.function]: fn, [K8S_LABELS.runtime]: runtime, [K8S_LABELS.managedBy]: MANAGER };
}

export function buildLabels(fn: string, runtime: Runtime, hash: string): Record<string, string> {
  return { ...functionLabels(fn, runtime), [K8S_LABELS.build]: 'true', [K8S_LABELS.contentHash]: hash.slice(0, 40) };
}

/** the context ConfigMaps of one build */
export const contextSelector = (fn: string, hash: string) =>
  `${K8S_LABELS.function}=${fn},${K8S_LABELS.contentHash}=${hash.slice(0, 40)}`;

export const managedSelector = `${K8S_LABELS.managedBy}=${MANAGER}`;
export const buildSelector = `${managedSelector},${K8S_LABELS.build}=true`;

export function ownerReference(fn: LambdaFunction) {
  return {
    apiVersion: LAMBDA_API_VERSION,
    kind: LAMBDA_KIND,
    name: fn.metadata.name ?? '',
    uid: fn.metadata.uid ?? '',
    controller: true,
  };
}

/** whether the function is the controller owner of obj (what ownerReference(fn) put there) */
export function isControlledBy(
  obj: { metadata?: { ownerReferences?: unknown[] } } | undefined,
  fn: LambdaFunction
): boolean {
  const refs = (obj?.metadata?.ownerReferences ?? []) as Array<{ kind?: string; uid?: string; controller?: boolean }>;
  return refs.some((r) => r.controller === true && r.kind === LAMBDA_KIND && r.uid === fn.metadata.uid);
}

/** the LambdaFunction an owned object belongs to, as a work-queue key */
export function ownerKey(obj: {
  metadata?: { namespace?: string; labels?: Record<string, string> };
}): string | undefined {
  const fn = obj.metadata?.labels?.[K8S_LABELS.function];
  return fn && obj.metadata?.namespace ? `${obj.metadata.namespace}/${fn}` : undefined;
}
