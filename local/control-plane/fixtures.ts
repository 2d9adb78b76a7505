// LambdaFunction objects valid against the product CRD (and the test-only stand-in), for harness tests.
import type { KubernetesObject } from '@kubernetes/client-node';

import {
  LAMBDA_API_VERSION,
  LAMBDA_GROUP,
  LAMBDA_KIND,
  LAMBDA_PLURAL,
  LAMBDA_VERSION,
} from '../../pkg-operator/src/api/lambda-function';

export const LF = { group: LAMBDA_GROUP, version: LAMBDA_VERSION, plural: LAMBDA_PLURAL, kind: LAMBDA_KIND } as const;
export const LF_API_VERSION = LAMBDA_API_VERSION;

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
