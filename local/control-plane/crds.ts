// CRD installation for the test control plane: server-side applies CustomResourceDefinitions from YAML
// files, then waits until each is Established and its resource is actually served.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { KubeConfig, V1CustomResourceDefinition } from '@kubernetes/client-node';
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  loadYaml,
  PatchStrategy,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

import { waitUntil } from './processes';
import { upstreamCrdPaths } from './upstream-crds';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** The product's CRD(s), written by the operator work; installed whenever present. */
export const PRODUCT_CRD = path.join(REPO_ROOT, 'pkg-operator/k8s/base/crd.yaml');
const CRD_DIR = path.join(__dirname, 'crds');
/** Used only while the product CRD does not exist yet. */
export const TESTONLY_LAMBDAFUNCTION_CRD = path.join(CRD_DIR, 'lambdafunction.testonly.yaml');
/** Hand-written CRDs (closed schemas after the upstream API types) for the kinds whose modules the Go proxy
 *  refuses: Knative Eventing's Broker/Trigger, RabbitMQ topology's Exchange/Queue/Binding. */
export const HAND_WRITTEN_CRDS = ['knative-eventing.yaml', 'rabbitmq-topology.yaml'].map((f) => path.join(CRD_DIR, f));

/**
 * The LambdaFunction CRD to install: $KNATIVE_LAMBDA_LF_CRD when set (to try a draft), else the product's
 * if it exists, else the test-only copy.
 */
export function lambdaFunctionCrdPath(): string {
  const override = process.env.KNATIVE_LAMBDA_LF_CRD;
  if (override) {
    return path.resolve(override);
  }
  return fs.existsSync(PRODUCT_CRD) ? PRODUCT_CRD : TESTONLY_LAMBDAFUNCTION_CRD;
}

/** The product's CRD, the real upstream CRDs (fetched into the cache on first use) and the hand-written ones. */
export function defaultCrdPaths(): string[] {
  return [lambdaFunctionCrdPath(), ...upstreamCrdPaths(), ...HAND_WRITTEN_CRDS];
}

/**
 * CustomResourceDefinition documents in the given YAML files (other kinds are ignored), deserialized into
 * client-node's typed model. Passing plain parsed YAML to a typed client-node API silently drops every field
 * whose JSON name differs from the model's property name (`enum`, `x-kubernetes-validations`,
 * `x-kubernetes-preserve-unknown-fields`, `$ref`, ...): client-node serializes by the model.
 */
export function readCrds(paths: string[]): V1CustomResourceDefinition[] {
  return readCrdsWithSource(paths).map((c) => c.crd);
}

function readCrdsWithSource(paths: string[]): Array<{ crd: V1CustomResourceDefinition; file: string }> {
  const crds: Array<{ crd: V1CustomResourceDefinition; file: string }> = [];
  for (const p of paths) {
    for (const doc of parseAllDocuments(fs.readFileSync(p, 'utf8'))) {
      if (doc.errors.length > 0) {
        throw new Error(`${p}: ${doc.errors[0].message}`);
      }
      const obj = doc.toJS() as { kind?: string; apiVersion?: string } | null;
      if (obj?.kind === 'CustomResourceDefinition' && obj.apiVersion === 'apiextensions.k8s.io/v1') {
        crds.push({ crd: loadYaml<V1CustomResourceDefinition>(doc.toString()), file: p });
      }
    }
  }
  return crds;
}

export async function installCrds(
  kc: KubeConfig,
  paths: string[],
  timeoutMs = 30_000
): Promise<V1CustomResourceDefinition[]> {
  const sourced = readCrdsWithSource(paths);
  const crds = sourced.map((c) => c.crd);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  await Promise.all(
    sourced.map(async ({ crd, file }) => {
      try {
        await objects.patch(
          crd,
          undefined,
          undefined,
          'knative-lambda-test-harness',
          true,
          PatchStrategy.ServerSideApply
        );
      } catch (err) {
        const body = (err as { body?: unknown }).body;
        const detail = typeof body === 'string' ? (JSON.parse(body) as { message?: string }).message : String(err);
        throw new Error(`kube-apiserver refused CRD ${crd.metadata?.name} (from ${file}): ${detail}`);
      }
    })
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
          await custom.listCustomObjectForAllNamespaces({
            group: crd.spec.group,
            version,
            plural: crd.spec.names.plural,
            limit: 1,
          });
          return true;
        },
        timeoutMs
      );
    })
  );
  // The first write of a new resource pays a one-time ~2 s in the ResourceQuota admission plugin
  // ("quota admission added evaluator"); pay it here, with a dry-run, instead of in the first test.
  for (const crd of crds.filter((c) => c.spec.scope === 'Namespaced')) {
    const version = crd.spec.versions.find((v) => v.served)?.name ?? crd.spec.versions[0].name;
    const body = {
      apiVersion: `${crd.spec.group}/${version}`,
      kind: crd.spec.names.kind,
      metadata: { name: 'harness-warm-up' },
    };
    await custom
      .createNamespacedCustomObject({
        group: crd.spec.group,
        version,
        plural: crd.spec.names.plural,
        namespace: 'default',
        body,
        dryRun: 'All',
      })
      .catch(() => undefined); // an invalid body (422) warms up just as well
  }
  return crds;
}
