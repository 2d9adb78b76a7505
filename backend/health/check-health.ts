// CheckHealth: OK only when Kubernetes answers, the LambdaFunction CRD is installed and the operator has a
// ready replica. jsonDetails is always a JSON object saying what holds and what is wrong.
import { embeddedAssets } from '../assets/embedded';
import { ClusterAccess } from '../kube/cluster-access';
import { classifyKubeError } from '../kube/errors';
import { LAMBDA_CRD_NAME } from '../kube/lambda-functions';
import type { OrgClusters } from '../kube/org-clusters';
import { withTimeout } from '../kube/with-timeout';
import type { CheckHealthResponse, PluginContext } from '../protocol/wire-types';
import { DEFAULT_OPERATOR_NAMESPACE, operatorLocation } from '../resources/operator-manifest';

interface HealthDetails {
  kubernetesReachable: boolean;
  crdInstalled: boolean;
  operatorReady: boolean;
  server?: string;
  problems: string[];
}

function response(details: HealthDetails): CheckHealthResponse {
  const ok = details.kubernetesReachable && details.crdInstalled && details.operatorReady;
  return {
    status: ok ? 'OK' : 'ERROR',
    message: ok ? 'Kubernetes reachable, CRD installed, operator ready' : details.problems.join('; '),
    jsonDetails: Buffer.from(JSON.stringify(details)),
  };
}

function operatorTarget(): { namespace: string; name: string } {
  try {
    const location = operatorLocation(embeddedAssets().operatorManifests);
    return { namespace: location.namespace, name: location.deployment.metadata.name };
  } catch {
    return { namespace: DEFAULT_OPERATOR_NAMESPACE, name: 'knative-lambda-operator' };
  }
}

async function probeCrd(access: ClusterAccess, details: HealthDetails): Promise<void> {
  try {
    await withTimeout(access.apiextensions.readCustomResourceDefinition({ name: LAMBDA_CRD_NAME }), 'GET CRD');
    details.kubernetesReachable = true;
    details.crdInstalled = true;
  } catch (err) {
    const failure = classifyKubeError(err);
    details.kubernetesReachable = failure.kind !== 'unreachable';
    details.problems.push(
      failure.kind === 'not_found'
        ? `CRD ${LAMBDA_CRD_NAME} is not installed: deploy the operator`
        : failure.kind === 'unreachable'
          ? `Kubernetes API ${access.server} is unreachable: ${failure.message}`
          : `cannot read CRD ${LAMBDA_CRD_NAME}: ${failure.message}`
    );
  }
}

async function probeOperator(access: ClusterAccess, details: HealthDetails): Promise<void> {
  const { namespace, name } = operatorTarget();
  try {
    const deployment = await withTimeout(access.apps.readNamespacedDeployment({ namespace, name }), 'GET Deployment');
    details.operatorReady = (deployment.status?.readyReplicas ?? 0) > 0;
    if (!details.operatorReady) {
      details.problems.push(`operator Deployment ${namespace}/${name} has no ready replica`);
    }
  } catch (err) {
    const failure = classifyKubeError(err);
    details.problems.push(
      failure.kind === 'not_found'
        ? `operator Deployment ${namespace}/${name} does not exist: deploy the operator`
        : `cannot read operator Deployment ${namespace}/${name}: ${failure.message}`
    );
  }
}

export async function checkHealth(
  clusters: OrgClusters,
  context: PluginContext | null | undefined
): Promise<CheckHealthResponse> {
  const details: HealthDetails = {
    kubernetesReachable: false,
    crdInstalled: false,
    operatorReady: false,
    problems: [],
  };
  const access = clusters.forContext(context);
  if (!(access instanceof ClusterAccess)) {
    details.problems.push(`Kubernetes access is not configured correctly: ${access.message}`);
    return response(details);
  }
  details.server = access.server;
  await probeCrd(access, details);
  if (details.kubernetesReachable) {
    await probeOperator(access, details);
  }
  return response(details);
}
