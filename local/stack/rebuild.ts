// A code change as a user would make one: a comment appended to an inline function's code changes its content
// hash, so the operator builds and rolls out a new image.
import type { KubeConfig } from '@kubernetes/client-node';
import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import type { Runtime } from '../../contract';
import { LAMBDA_GROUP, LAMBDA_PLURAL, LAMBDA_VERSION, type LambdaFunction } from '../../pkg-operator/src/api';

const LINE_COMMENT: Record<Runtime, string> = { python: '#', nodejs: '//', go: '//' };

export async function touchInlineCode(kubeConfig: KubeConfig, namespace: string, name: string): Promise<number> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  const ref = { group: LAMBDA_GROUP, version: LAMBDA_VERSION, namespace, plural: LAMBDA_PLURAL, name };
  const fn = (await api.getNamespacedCustomObject(ref)) as LambdaFunction;
  const inline = fn.spec.source.inline;
  if (!inline) {
    throw new Error(`${namespace}/${name} has no inline source to change`);
  }
  const code = `${inline.code.trimEnd()}\n${LINE_COMMENT[fn.spec.runtime.language]} rebuilt ${new Date().toISOString()}\n`;
  const patched = (await api.patchNamespacedCustomObject(
    { ...ref, body: { spec: { source: { inline: { code } } } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
  )) as LambdaFunction;
  return patched.metadata.generation ?? 0;
}
