// LambdaFunction objects valid against the product CRD (and the test-only stand-in), for harness tests.
import { KubernetesObject } from '@kubernetes/client-node';

export const LF = {
  group: 'lambda.knative.io',
  version: 'v1alpha1',
  plural: 'lambdafunctions',
  kind: 'LambdaFunction',
} as const;
export const LF_API_VERSION = `${LF.group}/${LF.version}`;

export interface LambdaFunctionObject extends KubernetesObject {
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export function lambdaFunction(
  namespace: string,
  name: string,
  spec: Record<string, unknown> = {}
): LambdaFunctionObject {
  return {
    apiVersion: LF_API_VERSION,
    kind: LF.kind,
    metadata: { name, namespace },
    spec: {
      source: { inline: { code: 'exports.handler = async () => ({ statusCode: 200 });' } },
      runtime: { language: 'nodejs', version: '20', handler: 'index.handler' },
      ...spec,
    },
  };
}
