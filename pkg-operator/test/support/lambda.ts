// LambdaFunction objects and reads for the operator tests.
import type { CustomObjectsApi } from '@kubernetes/client-node';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import type { LambdaFunction, LambdaFunctionSpec } from '../../src/api';
import { LAMBDA_API_VERSION } from '../../src/api';
import { RESOURCES } from '../../src/kube/resources';

const LF = RESOURCES.lambdaFunction;
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const base = { group: LF.group, version: LF.version, plural: LF.plural };

export const inlineSpec = (code = 'exports.handler = async () => ({ ok: true });\n'): LambdaFunctionSpec => ({
  source: { inline: { code } },
  runtime: { language: 'nodejs', version: '20' },
});

export function createFunction(
  custom: CustomObjectsApi,
  namespace: string,
  name: string,
  spec: LambdaFunctionSpec
): Promise<LambdaFunction> {
  return custom.createNamespacedCustomObject({
    ...base,
    namespace,
    body: { apiVersion: LAMBDA_API_VERSION, kind: LF.kind, metadata: { name, namespace }, spec },
  });
}

export async function getFunction(
  custom: CustomObjectsApi,
  namespace: string,
  name: string
): Promise<LambdaFunction | undefined> {
  try {
    return (await custom.getNamespacedCustomObject({ ...base, namespace, name })) as LambdaFunction;
  } catch (err) {
    if ((err as { code?: number }).code === 404) {
      return undefined;
    }
    throw err;
  }
}

export function patchSpec(
  custom: CustomObjectsApi,
  namespace: string,
  name: string,
  spec: Partial<LambdaFunctionSpec>
): Promise<LambdaFunction> {
  return custom.patchNamespacedCustomObject({ ...base, namespace, name, body: { spec } }, MERGE);
}

export function deleteFunction(custom: CustomObjectsApi, namespace: string, name: string): Promise<unknown> {
  return custom.deleteNamespacedCustomObject({ ...base, namespace, name });
}

export const conditionOf = (fn: LambdaFunction | undefined, type: string) =>
  fn?.status?.conditions?.find((c) => c.type === type);
