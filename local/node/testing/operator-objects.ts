// What the operator would create for a function, built with the operator's own code (build context, Kaniko Job,
// context ConfigMaps, Knative Service), so the node's tests see exactly the objects of a real run.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';

import type { V1ConfigMap, V1Job } from '@kubernetes/client-node';

import type { Runtime } from '../../../contract';
import type { LambdaFunction, LambdaFunctionSpec } from '../../../pkg-operator/src/api';
import { handlerOf } from '../../../pkg-operator/src/api';
import { buildContext, splitArchive } from '../../../pkg-operator/src/build/build-context';
import { contextConfigMaps, DEFAULT_BUILD_SETTINGS, kanikoJob } from '../../../pkg-operator/src/build/kaniko-job';
import type { RuntimeKit } from '../../../pkg-operator/src/build/runtime-wrappers';
import { loadRuntimeKits } from '../../../pkg-operator/src/build/runtime-wrappers';
import { knativeService } from '../../../pkg-operator/src/deploy/knative-service';
import type { KubeObject } from '../../../pkg-operator/src/kube/gateway';
import { imageReference } from '../../../pkg-operator/src/naming/names';
import { inlineFiles } from '../../../pkg-operator/src/sources/inline-files';

export const REGISTRY = 'registry.knative-lambda.svc.cluster.local:5000';
let kits: Record<Runtime, RuntimeKit> | undefined;

export function lambdaFunction(namespace: string, name: string, spec: LambdaFunctionSpec): LambdaFunction {
  return {
    apiVersion: 'lambda.knative.io/v1alpha1',
    kind: 'LambdaFunction',
    metadata: { namespace, name, uid: randomUUID(), generation: 1 },
    spec,
  } as LambdaFunction;
}

export interface BuildObjects {
  job: V1Job;
  configMaps: V1ConfigMap[];
  image: string;
}

/** the build Job and ConfigMaps of an inline function, split into parts of partBytes */
export function buildObjects(fn: LambdaFunction, partBytes = 768 * 1024): BuildObjects {
  kits ??= loadRuntimeKits(path.resolve(__dirname, '../../../pkg-operator/runtimes'));
  const { spec } = fn;
  const files = inlineFiles(spec.runtime.language, handlerOf(spec), spec.source.inline!);
  const context = buildContext({ spec, source: { files, contentHash: '', bytes: 0 }, runtimes: kits });
  const image = imageReference(REGISTRY, fn.metadata.namespace!, fn.metadata.name!, context.contentHash);
  const plan = {
    fn,
    contentHash: context.contentHash,
    image,
    parts: splitArchive(context.archive, partBytes),
    timeout: spec.build?.timeout ?? '30m',
  };
  return { job: kanikoJob(plan, DEFAULT_BUILD_SETTINGS), configMaps: contextConfigMaps(plan), image };
}

export function serviceFor(fn: LambdaFunction, image: string): KubeObject {
  return knativeService(fn, image);
}
