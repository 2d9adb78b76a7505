// CRD installation for the test control plane: server-side applies CustomResourceDefinitions from YAML
// files, then waits until each is Established and its resource is actually served.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { waitUntil } from './processes';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The product's CRD(s), written by the operator work; installed whenever present. */
export const PRODUCT_CRD = path.join(REPO_ROOT, 'pkg-operator/k8s/base/crd.yaml');
const CRD_DIR = path.join(__dirname, 'crds');
/** Used only while the product CRD does not exist yet. */
export const TESTONLY_LAMBDAFUNCTION_CRD = path.join(CRD_DIR, 'lambdafunction.testonly.yaml');
/** Minimal third-party CRDs: Knative serving + eventing, RabbitMQ topology, Prometheus operator. */
export const THIRD_PARTY_CRDS = [
  'knative-serving.yaml',
  'knative-eventing.yaml',
  'rabbitmq-topology.yaml',
  'prometheus-operator.yaml',
].map((f) => path.join(CRD_DIR, f));

/** The LambdaFunction CRD to install: the product's if it exists, else the test-only copy. */
export function lambdaFunctionCrdPath(): string {
  return fs.existsSync(PRODUCT_CRD) ? PRODUCT_CRD : TESTONLY_LAMBDAFUNCTION_CRD;
}

export function defaultCrdPaths(): string[] {
  return [lambdaFunctionCrdPath(), ...THIRD_PARTY_CRDS];
}

/** CustomResourceDefinition documents in the given YAML files (other kinds are ignored). */
export function readCrds(paths: string[]): V1CustomResourceDefinition[] {
  const crds: V1CustomResourceDefinition[] = [];
  for (const p of paths) {
    for (const doc of parseAllDocuments(fs.readFileSync(p, 'utf8'))) {
      if (doc.errors.length > 0) {
        throw new Error(`${p}: ${doc.errors[0].message}`);
      }
      const obj = doc.toJS() as V1CustomResourceDefinition | null;
      if (obj?.kind === 'CustomResourceDefinition' && obj.apiVersion === 'apiextensions.k8s.io/v1') {
        crds.push(obj);
      }
    }
  }
  return crds;
}

export async function installCrds(kc: KubeConfig, paths: string[], timeoutMs = 30_000): Promise<V1CustomResourceDefinition[]> {
  const crds = readCrds(paths);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  await Promise.all(
    crds.map((crd) =>
      objects.patch(crd, undefined, undefined, 'knative-lambda-test-harness', true, PatchStrategy.ServerSideApply)
    )
  );
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  await Promise.all(
    crds.map(async (crd) => {
      const name = crd.metadata!.name!;
      await waitUntil(
        `CRD ${name} Established`,
        async () => {
          const cur = await ext.readCustomResourceDefinition({ name });
          return !!cur.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
        },
        timeoutMs
      );
      const version = crd.spec.versions.find((v) => v.served)?.name ?? crd.spec.versions[0].name;
      await waitUntil(
        `${name} served`,
        async () => {
          await custom.listCustomObjectForAllNamespaces({ group: crd.spec.group, version, plural: crd.spec.names.plural, limit: 1 });
          return true;
        },
        timeoutMs
      );
    })
  );
  return crds;
}
