// What the bundled operator manifests say about where the operator runs.
import type { V1Deployment, V1Service } from '@kubernetes/client-node';

import type { ManifestBundle, ManifestObject } from '../assets/manifest-bundle';

import { HttpError } from './http';

export interface OperatorLocation {
  namespace: string;
  deployment: V1Deployment & ManifestObject;
  service?: V1Service & ManifestObject;
}

export const DEFAULT_OPERATOR_NAMESPACE = 'knative-lambda';
/** The operator's Deployment and Service share this name; other workloads in the bundle (the DLQ forwarder) do not. */
export const OPERATOR_NAME = 'knative-lambda-operator';

export function usableBundle(bundle: ManifestBundle): ManifestBundle {
  if (bundle.error || bundle.objects.length === 0) {
    throw new HttpError(
      503,
      'not_configured',
      `this plugin build carries no operator manifests (${bundle.error ?? `${bundle.source} was empty at build time`})`
    );
  }
  return bundle;
}

export function operatorLocation(bundle: ManifestBundle): OperatorLocation {
  const deployment = usableBundle(bundle).objects.find(
    (o) => o.kind === 'Deployment' && o.metadata.name === OPERATOR_NAME
  ) as (V1Deployment & ManifestObject) | undefined;
  if (!deployment) {
    throw new HttpError(
      503,
      'not_configured',
      `the bundled manifests (${bundle.source}) contain no Deployment ${OPERATOR_NAME}`
    );
  }
  const namespace = deployment.metadata.namespace ?? DEFAULT_OPERATOR_NAMESPACE;
  const service = bundle.objects.find(
    (o) =>
      o.kind === 'Service' &&
      o.metadata.name === OPERATOR_NAME &&
      (o.metadata.namespace ?? DEFAULT_OPERATOR_NAMESPACE) === namespace
  ) as (V1Service & ManifestObject) | undefined;
  return { namespace, deployment, service };
}

export function metricsEndpoint(location: OperatorLocation): string | undefined {
  const service = location.service;
  const port =
    service?.spec?.ports?.find((p) => p.name === 'metrics' || p.name === 'http-metrics') ?? service?.spec?.ports?.[0];
  return service && port ? `http://${service.metadata.name}.${location.namespace}.svc:${port.port}/metrics` : undefined;
}
