// Proves the test control plane behaves like Kubernetes where the operator and backend depend on it:
// watch expiry and reconnects, optimistic concurrency, the status subresource, CRD validation,
// server-side apply and RBAC. Driven only through @kubernetes/client-node.
import type { KubeConfig } from '@kubernetes/client-node';
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  makeInformer,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
} from '@kubernetes/client-node';

import type { LambdaFunctionObject } from '../../local/control-plane/fixtures';
import { LF, lambdaFunction } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { startControlPlane } from '../../local/control-plane/harness';
import { waitFor } from '../../local/support/wait-for';

let cp: ControlPlane;
let custom: CustomObjectsApi;

// a first run builds kube-apiserver and etcd from source (see local/control-plane/README.md)
beforeAll(async () => {
  cp = await startControlPlane();
  custom = cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
}, 60 * 60_000);

afterAll(async () => {
  await cp?.stop();
});

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

async function namespace(name: string): Promise<string> {
  await cp.adminKubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
  return name;
}

function create(ns: string, obj: LambdaFunctionObject, api = custom): Promise<LambdaFunctionObject> {
  return api.createNamespacedCustomObject({ ...LF, namespace: ns, body: obj });
}

function get(ns: string, name: string, api = custom): Promise<LambdaFunctionObject> {
  return api.getNamespacedCustomObject({ ...LF, namespace: ns, name });
}

async function statusOf(p: Promise<unknown>): Promise<{ code: number; body: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiException) {
      let message = String(err.body);
      try {
        message = (JSON.parse(message) as { message: string }).message;
      } catch {
        // not a Status body
      }
      return { code: err.code, body: message };
    }
    throw err;
  }
  return { code: 200, body: '' };
}

const eventually = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  await waitFor(what, async () => check(), { timeoutMs, intervalMs: 50 });
};

test('the control plane is a real kube-apiserver with the CRDs installed', async () => {
  const version = (await fetch(`${cp.proxy!.url}/version`).then((r) => r.json())) as { gitVersion: string };
  expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+/);
  const lf = await get(await namespace('smoke'), 'missing').catch((e: ApiException<unknown>) => e.code);
  expect(lf).toBe(404);
  expect(cp.timings.totalMs).toBeGreaterThan(0);
});

test('a stale update is refused with 409 Conflict', async () => {
  const ns = await namespace('conflict');
  await create(ns, lambdaFunction(ns, 'fn'));
  const first = await get(ns, 'fn');
  const second = await get(ns, 'fn');
  first.metadata!.labels = { writer: 'first' };
  await custom.replaceNamespacedCustomObject({ ...LF, namespace: ns, name: 'fn', body: first });
  second.metadata!.labels = { writer: 'second' };
  const stale = await statusOf(
    custom.replaceNamespacedCustomObject({ ...LF, namespace: ns, name: 'fn', body: second })
  );
  expect(stale.code).toBe(409);
  expect((await get(ns, 'fn')).metadata!.labels).toEqual({ writer: 'first' });
});

test('spec writes bump metadata.generation, status writes do not', async () => {
  const ns = await namespace('generation');
  const created = await create(ns, lambdaFunction(ns, 'fn'));
  expect(created.metadata!.generation).toBe(1);

  const specChanged = await custom.patchNamespacedCustomObject(
    {
      ...LF,
      namespace: ns,
      name: 'fn',
      body: { spec: { runtime: { language: 'python', version: '3.11', handler: 'main.handler' } } },
    },
    mergePatch
  );
  expect(specChanged.metadata.generation).toBe(2);

  const statusWritten = await custom.patchNamespacedCustomObjectStatus(
    { ...LF, namespace: ns, name: 'fn', body: { status: { phase: 'Ready', observedGeneration: 2 } } },
    mergePatch
  );
  expect(statusWritten.metadata.generation).toBe(2);
  expect(statusWritten.status).toMatchObject({ phase: 'Ready', observedGeneration: 2 });
  expect(Number(statusWritten.metadata.resourceVersion)).toBeGreaterThan(Number(specChanged.metadata.resourceVersion));

  // status sent to the main resource is ignored (status subresource semantics)
  const viaMain = await custom.patchNamespacedCustomObject(
    { ...LF, namespace: ns, name: 'fn', body: { status: { phase: 'Failed' } } },
    mergePatch
  );
  expect(viaMain.status.phase).toBe('Ready');
  // and spec sent to /status is ignored
  const specViaStatus = await custom.patchNamespacedCustomObjectStatus(
    { ...LF, namespace: ns, name: 'fn', body: { spec: { runtime: { language: 'go' } } } },
    mergePatch
  );
  expect(specViaStatus.spec.runtime.language).toBe('python');
  expect(specViaStatus.metadata.generation).toBe(2);
});

test('a LambdaFunction violating the CRD schema is refused with 422', async () => {
  const ns = await namespace('validation');
  const bad = lambdaFunction(ns, 'cobol', { runtime: { language: 'cobol', version: '85', handler: 'main.handler' } });
  const res = await statusOf(create(ns, bad));
  expect(res.code).toBe(422);
  expect(res.body).toMatch(/spec\.runtime\.language/);
  expect(res.body).toMatch(/Unsupported value: "cobol"/);
  expect(await statusOf(get(ns, 'cobol'))).toMatchObject({ code: 404 });
});

test('server-side apply creates, detects field-manager conflicts and force-applies', async () => {
  const ns = await namespace('ssa');
  const objects = KubernetesObjectApi.makeApiClient(cp.adminKubeConfig);
  const apply = (obj: LambdaFunctionObject, manager: string, force = false) =>
    objects.patch(obj, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);

  const desired = lambdaFunction(ns, 'fn');
  desired.metadata!.labels = { team: 'a' };
  const created = await apply(desired, 'operator');
  expect(created.metadata?.labels).toEqual({ team: 'a' });
  expect(created.metadata?.managedFields?.map((f) => f.manager)).toEqual(['operator']);

  // applying the same intent again is a no-op (no new resourceVersion)
  const again = await apply(desired, 'operator');
  expect(again.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);

  const rival = lambdaFunction(ns, 'fn');
  rival.metadata!.labels = { team: 'b' };
  const conflict = await statusOf(apply(rival, 'someone-else'));
  expect(conflict.code).toBe(409);
  expect(conflict.body).toMatch(/conflict/i);

  const forced = await apply(rival, 'someone-else', true);
  expect(forced.metadata?.labels).toEqual({ team: 'b' });
  expect(forced.metadata?.managedFields?.map((f) => f.manager).sort()).toEqual(['operator', 'someone-else']);
});

test('a service account is refused (403) without a Role and allowed with one', async () => {
  const ns = await namespace('rbac');
  const saKc = await cp.kubeConfigForServiceAccount(ns, 'operator');
  const asSa = saKc.makeApiClient(CustomObjectsApi);
  const list = () => asSa.listNamespacedCustomObject({ ...LF, namespace: ns });

  const refused = await statusOf(list());
  expect(refused.code).toBe(403);
  expect(refused.body).toContain('system:serviceaccount:rbac:operator');

  const rbac = cp.adminKubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await rbac.createNamespacedRole({
    namespace: ns,
    body: {
      metadata: { name: 'lambdafunction-reader' },
      rules: [{ apiGroups: [LF.group], resources: [LF.plural], verbs: ['get', 'list', 'watch'] }],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: ns,
    body: {
      metadata: { name: 'operator-reads-lambdafunctions' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'lambdafunction-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'operator', namespace: ns }],
    },
  });
  // the authorizer's RBAC cache follows the Role/RoleBinding watch: allow a moment
  await eventually('RoleBinding to take effect', async () => (await statusOf(list())).code === 200);
  // still only what the Role grants
  expect((await statusOf(create(ns, lambdaFunction(ns, 'fn'), asSa))).code).toBe(403);
  const elsewhere = await statusOf(asSa.listNamespacedCustomObject({ ...LF, namespace: 'default' }));
  expect(elsewhere.code).toBe(403);
});

describe('an informer through the fault proxy', () => {
  const ns = 'informer';
  let proxyKc: KubeConfig;
  let api: CustomObjectsApi;
  let informer: ReturnType<typeof makeInformer<LambdaFunctionObject>>;
  let stopped = false;

  const names = () =>
    informer
      .list(ns)
      .map((o) => o.metadata!.name!)
      .sort();
  const cached = (name: string) => informer.get(name, ns);

  beforeAll(async () => {
    await namespace(ns);
    proxyKc = cp.proxyKubeConfig!;
    api = proxyKc.makeApiClient(CustomObjectsApi);
    for (const n of ['a', 'b', 'c']) {
      await create(ns, lambdaFunction(ns, n));
    }
    informer = makeInformer<LambdaFunctionObject>(
      proxyKc,
      `/apis/${LF.group}/${LF.version}/namespaces/${ns}/${LF.plural}`,
      () => api.listNamespacedCustomObject({ ...LF, namespace: ns })
    );
    // client-node's ListWatch stops on a transport error and leaves the restart to its user,
    // which is what every operator does:
    informer.on('error', () => {
      if (!stopped) {
        setTimeout(() => void informer.start(), 100);
      }
    });
    await informer.start();
    await eventually('initial list', () => names().join() === 'a,b,c');
  });

  afterAll(async () => {
    stopped = true;
    cp.proxy?.clearFaults();
    await informer?.stop();
  });

  afterEach(() => cp.proxy!.clearFaults());

  test('survives a watch answered with a 410 ERROR event and relists to the right state', async () => {
    const proxy = cp.proxy!;
    const gone = proxy.stats.injectedGone;
    // the next watch is held back (so the changes below happen while no watch is open) and then expires
    proxy.addFault({ watch: true, times: 1, action: { type: 'latency', ms: 800 } });
    proxy.addFault({ watch: true, times: 1, action: { type: 'gone', mode: 'event' } });
    await eventually('open watch', () => proxy.openWatches > 0);
    expect(proxy.cutWatches('end')).toBeGreaterThan(0);

    await custom.deleteNamespacedCustomObject({ ...LF, namespace: ns, name: 'a' });
    await custom.patchNamespacedCustomObject(
      { ...LF, namespace: ns, name: 'b', body: { metadata: { labels: { v: '2' } } } },
      mergePatch
    );
    await create(ns, lambdaFunction(ns, 'd'));

    await eventually('state after 410', () => names().join() === 'b,c,d' && cached('b')?.metadata?.labels?.v === '2');
    expect(proxy.stats.injectedGone).toBe(gone + 1);
  });

  test('survives a watch answered with HTTP 410', async () => {
    const proxy = cp.proxy!;
    proxy.addFault({ watch: true, times: 1, action: { type: 'latency', ms: 500 } });
    proxy.addFault({ watch: true, times: 1, action: { type: 'gone', mode: 'http' } });
    await eventually('open watch', () => proxy.openWatches > 0);
    proxy.cutWatches('end');
    await custom.deleteNamespacedCustomObject({ ...LF, namespace: ns, name: 'c' });
    await eventually('state after HTTP 410', () => names().join() === 'b,d');
  });

  test('survives a dropped connection and catches up from its resourceVersion', async () => {
    const proxy = cp.proxy!;
    const cut = proxy.stats.watchesCut;
    await eventually('open watch', () => proxy.openWatches > 0);
    proxy.addFault({ watch: true, times: 1, action: { type: 'latency', ms: 500 } });
    proxy.cutWatches('reset');
    await create(ns, lambdaFunction(ns, 'e'));
    await custom.patchNamespacedCustomObjectStatus(
      { ...LF, namespace: ns, name: 'd', body: { status: { phase: 'Ready' } } },
      mergePatch
    );
    await eventually('state after reset', () => names().join() === 'b,d,e' && cached('d')?.status?.phase === 'Ready');
    expect(proxy.stats.watchesCut).toBe(cut + 1);
  });

  test('ends with the right state while watches are cut mid-stream and requests fail', async () => {
    const proxy = cp.proxy!;
    proxy.setFaults([
      { watch: true, action: { type: 'cutWatch', afterEvents: 3, mode: 'end' } },
      { watch: false, method: 'GET', rate: 0.3, action: { type: 'status', status: 503 } },
    ]);
    proxy.cutWatches('end');
    for (let i = 0; i < 20; i++) {
      await create(ns, lambdaFunction(ns, `bulk-${String(i).padStart(2, '0')}`));
    }
    await custom.deleteNamespacedCustomObject({ ...LF, namespace: ns, name: 'b' });
    const expected = ['d', 'e', ...Array.from({ length: 20 }, (_, i) => `bulk-${String(i).padStart(2, '0')}`)].sort();
    await eventually('state under faults', () => names().join() === expected.join(), 30_000);
    expect(proxy.stats.watchesCut).toBeGreaterThan(3);
  });
});

test('the fault proxy injects 5xx and 409 for a share of matching requests', async () => {
  const ns = await namespace('faults');
  const proxy = cp.proxy!;
  const api = cp.proxyKubeConfig!.makeApiClient(CustomObjectsApi);
  proxy.setFaults([{ method: 'POST', path: /\/lambdafunctions/, action: { type: 'status', status: 409 }, times: 1 }]);
  expect((await statusOf(create(ns, lambdaFunction(ns, 'x'), api))).code).toBe(409);
  expect((await statusOf(create(ns, lambdaFunction(ns, 'x'), api))).code).toBe(200);

  proxy.setFaults([{ method: 'GET', rate: 0.5, action: { type: 'status', status: 500 } }]);
  const codes = await Promise.all(Array.from({ length: 40 }, () => statusOf(get(ns, 'x', api)).then((r) => r.code)));
  proxy.clearFaults();
  const failed = codes.filter((c) => c === 500).length;
  expect(failed).toBeGreaterThan(5);
  expect(failed).toBeLessThan(35);
  expect(codes.filter((c) => c !== 500 && c !== 200)).toEqual([]);

  proxy.setFaults([{ action: { type: 'latency', ms: 300 } }]);
  const t0 = Date.now();
  await get(ns, 'x', api);
  proxy.clearFaults();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
});
