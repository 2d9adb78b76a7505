// The operator's permissions against the real API server, as its own ServiceAccount (k8s/base RBAC):
// writes are refused outside namespaces that opted in; functions there say how to opt in; and the calls the
// operator really makes (recorded at the fault proxy during a whole lifecycle) are exactly what the
// manifests grant, each in the scope it grants it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { KubeConfig, V1Job } from '@kubernetes/client-node';
import {
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  loadAllYaml,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

import type { LambdaFunction } from '../src/api';
import { GIT_CREDENTIALS_ROLE } from '../src/controller/git-secrets';
import { REASONS } from '../src/controller/reasons';
import { knativeService } from '../src/deploy/knative-service';
import { statusCode } from '../src/kube/errors';
import {
  FUNCTIONS_CLUSTER_ROLE,
  NAMESPACE_ENABLED_LABEL,
  optInInstructions,
  optInRoleBinding,
} from '../src/kube/namespace-opt-in';
import { RESOURCES } from '../src/kube/resources';
import type { RunningOperator } from '../src/operator';

import { startAutopilot } from './support/autopilot';
import type { GitServer } from './support/git-server';
import { createRepo, startGitServer } from './support/git-server';
import { conditionOf, createFunction, deleteFunction, getFunction, inlineSpec, patchSpec } from './support/lambda';
import { OPERATOR_NAMESPACE, OPERATOR_SA, operatorEnvPerFile } from './support/operator-env';
import type { AuthorizedCall } from './support/recorded-calls';
import { authorizedCalls } from './support/recorded-calls';
import { eventually } from './support/wait';

const env = operatorEnvPerFile();
const OPERATOR = { namespace: OPERATOR_NAMESPACE, serviceAccount: OPERATOR_SA };
const KSVC = RESOURCES.knativeService;
const GIT_CREDENTIALS = { username: 'bot', password: 's3cret' };
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
let operator: RunningOperator;
let git: GitServer;
let repos: string;

beforeAll(async () => {
  repos = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-repos-'));
  createRepo(repos, 'private', { files: { 'index.js': 'exports.handler = async () => "private";\n' } });
  git = await startGitServer(repos, { protectedPrefixes: ['/private'], credentials: GIT_CREDENTIALS });
  // a fresh read after a conflict is one of the operator's calls: make the first status write conflict
  env().cp.proxy!.addFault({
    method: 'PUT',
    path: /\/lambdafunctions\/[^/]+\/status/,
    action: { type: 'status', status: 409 },
    times: 1,
  });
  operator = await env().startOperator({ viaProxy: true });
  await eventually('leadership', () => operator.isLeader());
}, 120_000);

afterAll(async () => {
  await git?.close();
  fs.rmSync(repos, { recursive: true, force: true });
});

const until = (ns: string, name: string, what: string, check: (fn: LambdaFunction) => boolean) =>
  eventually(`${ns}/${name}: ${what}`, async () => {
    const fn = await getFunction(env().custom, ns, name);
    return fn && check(fn) ? fn : undefined;
  });

const untilNotEnabled = (ns: string, name: string) =>
  until(ns, name, 'NamespaceNotEnabled', (f) => conditionOf(f, 'Ready')?.reason === REASONS.namespaceNotEnabled);
const untilDeleted = (ns: string, name: string) =>
  eventually(`${ns}/${name} deleted`, async () => ((await getFunction(env().custom, ns, name)) ? undefined : true));
async function deleteAndWait(ns: string, name: string): Promise<void> {
  await deleteFunction(env().custom, ns, name);
  await untilDeleted(ns, name);
}

async function refusal(attempt: Promise<unknown>): Promise<number | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (err) {
    return statusCode(err);
  }
}

/** the three writes the issue names, as the operator's ServiceAccount */
function operatorWrites(kc: KubeConfig, namespace: string) {
  const fn: LambdaFunction = { metadata: { name: 'probe', namespace, uid: 'u' }, spec: inlineSpec() };
  const job: V1Job = {
    metadata: { name: 'probe', namespace },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'x', image: 'busybox:1.36' }] } } },
  };
  const svc = knativeService(fn, 'registry.test:5000/probe@sha256:' + 'a'.repeat(64));
  return {
    job: () => kc.makeApiClient(BatchV1Api).createNamespacedJob({ namespace, body: job }),
    service: () =>
      kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
        group: KSVC.group,
        version: KSVC.version,
        plural: KSVC.plural,
        namespace,
        body: svc,
      }),
    configMaps: () => kc.makeApiClient(CoreV1Api).deleteCollectionNamespacedConfigMap({ namespace }),
  };
}

async function labelNamespace(name: string): Promise<void> {
  await env().core.patchNamespace(
    { name, body: { metadata: { labels: { [NAMESPACE_ENABLED_LABEL]: 'true' } } } },
    MERGE
  );
}

const bindFunctionsRole = (namespace: string) =>
  KubernetesObjectApi.makeApiClient(env().cp.adminKubeConfig).create(optInRoleBinding(namespace, OPERATOR));

describe('as the operator`s ServiceAccount', () => {
  beforeAll(async () => {
    await env().createNamespace('closed', { enabled: false });
    await env().createNamespace('label-only', { enabled: false });
    await labelNamespace('label-only');
    await env().createNamespace('opted');
  });

  test.each(['kube-system', 'closed', 'label-only'])(
    'creating a Job or a Knative Service, or deleting ConfigMaps in %s is refused (403)',
    async (ns) => {
      const writes = operatorWrites(await env().operatorKubeConfig(), ns);
      expect(await refusal(writes.job())).toBe(403);
      expect(await refusal(writes.service())).toBe(403);
      expect(await refusal(writes.configMaps())).toBe(403);
    }
  );

  test('in a namespace that opted in (label + RoleBinding) the same writes work', async () => {
    const writes = operatorWrites(await env().operatorKubeConfig(), 'opted');
    expect(await refusal(writes.job())).toBeUndefined();
    expect(await refusal(writes.service())).toBeUndefined();
    expect(await refusal(writes.configMaps())).toBeUndefined();
  });
});

describe('a function in a namespace that has not opted in', () => {
  test('gets Ready=False NamespaceNotEnabled with the opt-in commands, and nothing is created there', async () => {
    const ns = await env().createNamespace('unopted', { enabled: false });
    await createFunction(env().custom, ns, 'waiting', inlineSpec());
    const fn = await untilNotEnabled(ns, 'waiting');
    expect(fn.status?.phase).toBe('Pending');
    expect(conditionOf(fn, 'Ready')?.message).toContain(optInInstructions(ns, OPERATOR));
    expect(fn.metadata.finalizers ?? []).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await env().batch.listNamespacedJob({ namespace: ns })).items).toEqual([]);
    const services = await env().custom.listNamespacedCustomObject({
      group: KSVC.group,
      version: KSVC.version,
      plural: KSVC.plural,
      namespace: ns,
    });
    expect((services as { items: unknown[] }).items).toEqual([]);
    expect(
      (await env().core.listNamespacedConfigMap({ namespace: ns })).items.filter(
        (c) => c.metadata?.name !== 'kube-root-ca.crt'
      )
    ).toEqual([]);

    await labelNamespace(ns);
    await bindFunctionsRole(ns);
    await until(ns, 'waiting', 'Building once opted in', (f) => f.status?.phase === 'Building');
    await deleteAndWait(ns, 'waiting');
  }, 60_000);

  test('with the label but no RoleBinding, the refusal ends in the same condition, and the RoleBinding fixes it', async () => {
    const ns = await env().createNamespace('half-opted', { enabled: false });
    await labelNamespace(ns);
    await createFunction(env().custom, ns, 'refused', inlineSpec());
    const fn = await untilNotEnabled(ns, 'refused');
    expect(conditionOf(fn, 'Ready')?.message).toMatch(/refused.*forbidden/i);
    expect(conditionOf(fn, 'Ready')?.message).toContain(`--clusterrole=${FUNCTIONS_CLUSTER_ROLE}`);
    await bindFunctionsRole(ns);
    await until(ns, 'refused', 'Building once bound', (f) => f.status?.phase === 'Building');
    await deleteAndWait(ns, 'refused');
  }, 60_000);
});

type Triple = string;
const tripleOf = (c: { group: string; resource: string; verb: string }): Triple => `${c.group}|${c.resource}|${c.verb}`;

interface Role {
  name: string;
  triples: Set<Triple>;
}

function rolesFromManifests(): Map<string, Role> {
  const docs = loadAllYaml(fs.readFileSync(path.resolve(__dirname, '../k8s/base/rbac.yaml'), 'utf8')) as any[];
  const roles = new Map<string, Role>();
  for (const d of docs.filter((x) => x.kind === 'ClusterRole' || x.kind === 'Role')) {
    const triples = new Set<Triple>();
    for (const r of d.rules) {
      for (const group of r.apiGroups) {
        for (const resource of r.resources) {
          r.verbs.forEach((verb: string) => triples.add(tripleOf({ group, resource, verb })));
        }
      }
    }
    roles.set(d.metadata.name, { name: d.metadata.name, triples });
  }
  return roles;
}

test('what the operator really calls through a whole lifecycle is exactly what the manifests grant, in scope', async () => {
  const ns = await env().createNamespace('lifecycle');
  await env().core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'git-auth' }, type: 'kubernetes.io/basic-auth', stringData: GIT_CREDENTIALS },
  });
  await KubernetesObjectApi.makeApiClient(env().cp.adminKubeConfig).create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: GIT_CREDENTIALS_ROLE, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: GIT_CREDENTIALS_ROLE },
    subjects: [{ kind: 'ServiceAccount', name: OPERATOR_SA, namespace: OPERATOR_NAMESPACE }],
  } as any);
  const autopilot = await startAutopilot(env().cp.adminKubeConfig);
  try {
    await createFunction(env().custom, ns, 'evented', { ...inlineSpec(), eventing: { enabled: true, dlq: true } });
    await createFunction(env().custom, ns, 'private', {
      source: { git: { url: `${git.url}/private.git`, secretRef: { name: 'git-auth' } } },
      runtime: { language: 'nodejs', version: '20' },
    });
    const ready = (f: LambdaFunction) =>
      f.status?.phase === 'Ready' && f.status.observedGeneration === f.metadata.generation;
    await until(ns, 'evented', 'Ready', ready);
    // a redeploy repeats the Deployed and Ready Events: the second of each patches the first one's series
    await patchSpec(env().custom, ns, 'evented', { env: [{ name: 'AGAIN', value: '1' }] });
    for (const name of ['evented', 'private']) {
      await until(ns, name, 'Ready', ready);
      await deleteFunction(env().custom, ns, name);
    }
    for (const name of ['evented', 'private']) {
      await untilDeleted(ns, name);
    }
    await eventually('a lease renewal', () =>
      env().cp.proxy!.recorded.some((r) => r.method === 'PUT' && r.path.includes('/leases/'))
    );
  } finally {
    await autopilot.stop();
  }

  const roles = rolesFromManifests();
  const namespaces = (await env().core.listNamespace()).items;
  const labelled = new Set(
    namespaces.filter((n) => n.metadata?.labels?.[NAMESPACE_ENABLED_LABEL] === 'true').map((n) => n.metadata!.name!)
  );
  /** which role of the manifests lets this call through, given where it goes */
  const grantedBy = (call: AuthorizedCall): string | undefined => {
    const t = tripleOf(call);
    if (roles.get('knative-lambda-operator')!.triples.has(t)) {
      return 'knative-lambda-operator';
    }
    if (call.namespace === OPERATOR_NAMESPACE && roles.get('knative-lambda-operator-leader-election')!.triples.has(t)) {
      return 'knative-lambda-operator-leader-election';
    }
    if (call.namespace && labelled.has(call.namespace) && roles.get(FUNCTIONS_CLUSTER_ROLE)!.triples.has(t)) {
      return FUNCTIONS_CLUSTER_ROLE;
    }
    if (call.namespace === ns && roles.get(GIT_CREDENTIALS_ROLE)!.triples.has(t)) {
      return GIT_CREDENTIALS_ROLE;
    }
    return undefined;
  };
  const calls = env().cp.proxy!.recorded.flatMap(authorizedCalls);
  expect(calls.length).toBeGreaterThan(50);
  const ungranted = calls.filter((c) => !grantedBy(c)).map((c) => `${c.verb} ${c.request}`);
  expect([...new Set(ungranted)]).toEqual([]);
  // never a write outside a labelled namespace (the operator does not even try)
  const writesElsewhere = calls.filter(
    (c) => grantedBy(c) === FUNCTIONS_CLUSTER_ROLE && !labelled.has(c.namespace ?? '')
  );
  expect(writesElsewhere).toEqual([]);
  // no permission without a caller: every granted verb was used
  const used = new Set(calls.map((c) => `${grantedBy(c)}:${tripleOf(c)}`));
  const unused = [...roles.values()]
    .flatMap((r) => [...r.triples].map((t) => `${r.name}:${t}`))
    .filter((g) => !used.has(g));
  expect(unused).toEqual([]);
}, 120_000);
