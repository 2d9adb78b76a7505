// `npm run bench:operator`: prints
//   - time for 1,000 LambdaFunctions to reach Ready (the Job and Knative controllers are played by an
//     autopilot that completes every build and readies every Service as soon as it appears),
//   - API requests per function (counted by the control plane's proxy, which only the operator goes through),
//   - the operator's peak RSS during that run,
//   - its RSS with 10,000 LambdaFunctions in its cache (a follower whose caches have synced).
// The operator runs as its own process, bundled like the image, with its service account's RBAC.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { KubernetesObject } from '@kubernetes/client-node';
import { CoreV1Api, CustomObjectsApi, KubernetesObjectApi, loadAllYaml } from '@kubernetes/client-node';

import { startControlPlane } from '../../local/control-plane/harness';
import type { LambdaFunction } from '../src/api';
import { LAMBDA_API_VERSION } from '../src/api';
import { NAMESPACE_ENABLED_LABEL, optInRoleBinding } from '../src/kube/namespace-opt-in';
import { RESOURCES } from '../src/kube/resources';
import { startAutopilot } from '../test/support/autopilot';

import { bundleOperator, spawnOperator, waitReady } from './operator-process';

const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 1000);
const CACHED = Number(process.env.BENCH_CACHED_FUNCTIONS ?? 10_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const NAMESPACE = 'bench';
const LF = RESOURCES.lambdaFunction;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function createFunctions(custom: CustomObjectsApi, from: number, to: number, concurrency = 32): Promise<void> {
  let next = from;
  const worker = async () => {
    for (let i = next++; i < to; i = next++) {
      const name = `fn-${String(i).padStart(5, '0')}`;
      await custom.createNamespacedCustomObject({
        group: LF.group,
        version: LF.version,
        plural: LF.plural,
        namespace: NAMESPACE,
        body: {
          apiVersion: LAMBDA_API_VERSION,
          kind: LF.kind,
          metadata: { name, namespace: NAMESPACE },
          spec: {
            source: { inline: { code: `exports.handler = async () => ${i};\n` } },
            runtime: { language: 'nodejs', version: '20' },
          },
        },
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function countReady(custom: CustomObjectsApi): Promise<number> {
  const list = await custom.listNamespacedCustomObject({
    group: LF.group,
    version: LF.version,
    plural: LF.plural,
    namespace: NAMESPACE,
  });
  return (list.items as LambdaFunction[]).filter((f) => f.status?.phase === 'Ready').length;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-operator-'));
  const cp = await startControlPlane();
  try {
    const { entry, runtimesDir } = bundleOperator(work);
    const objects = KubernetesObjectApi.makeApiClient(cp.adminKubeConfig);
    const base = path.resolve(__dirname, '../k8s/base');
    for (const file of ['namespace.yaml', 'serviceaccount.yaml', 'rbac.yaml']) {
      for (const obj of loadAllYaml(fs.readFileSync(path.join(base, file), 'utf8')) as KubernetesObject[]) {
        await objects.create(obj);
      }
    }
    // the benchmark's namespace opts in to functions (label + RoleBinding), as pkg-operator/README.md says
    await cp.adminKubeConfig
      .makeApiClient(CoreV1Api)
      .createNamespace({ body: { metadata: { name: NAMESPACE, labels: { [NAMESPACE_ENABLED_LABEL]: 'true' } } } });
    await objects.create(
      optInRoleBinding(NAMESPACE, { namespace: 'knative-lambda', serviceAccount: 'knative-lambda-operator' })
    );
    const custom = cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
    const kubeconfig = path.join(work, 'operator.kubeconfig');
    const saKc = await cp.kubeConfigForServiceAccount('knative-lambda', 'knative-lambda-operator', { viaProxy: true });
    fs.writeFileSync(kubeconfig, saKc.exportConfig(), { mode: 0o600 });
    const flags = [
      `--kubeconfig=${kubeconfig}`,
      `--runtimes-dir=${runtimesDir}`,
      `--tmp-dir=${work}`,
      '--leader-election-namespace=knative-lambda',
      '--registry=registry.bench:5000',
      `--workers=${WORKERS}`,
    ];

    const autopilot = await startAutopilot(cp.adminKubeConfig);
    const operator = await spawnOperator(entry, [...flags, '--identity=bench-leader'], path.join(work, 'operator.log'));
    await waitReady(operator, 60_000);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, operator.memory().peakRssBytes)), 200);
    cp.proxy!.resetStats();
    const cpuBefore = operator.cpuSeconds();
    const started = Date.now();
    await createFunctions(custom, 0, FUNCTIONS);
    const created = Date.now();
    for (let ready = 0; ready < FUNCTIONS; ready = await countReady(custom)) {
      if (Date.now() - started > 15 * 60_000) {
        throw new Error(`only ${ready}/${FUNCTIONS} Ready after 15 minutes (log: ${path.join(work, 'operator.log')})`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const readySeconds = (Date.now() - started) / 1000;
    const stats = structuredClone(cp.proxy!.stats);
    clearInterval(sampler);
    peak = Math.max(peak, operator.memory().peakRssBytes);
    const cpuPerFunction = (operator.cpuSeconds() - cpuBefore) / FUNCTIONS;
    await operator.stop();
    await autopilot.stop();

    // a follower (someone else holds the lease) with 10,000 functions in its cache
    await createFunctions(custom, FUNCTIONS, CACHED);
    await custom
      .createNamespacedCustomObject({
        group: 'coordination.k8s.io',
        version: 'v1',
        plural: 'leases',
        namespace: 'knative-lambda',
        body: {
          metadata: { name: 'knative-lambda-operator' },
          spec: { holderIdentity: 'elsewhere', leaseDurationSeconds: 3600 },
        },
      })
      .catch(() => undefined);
    const follower = await spawnOperator(
      entry,
      [...flags, '--identity=bench-follower'],
      path.join(work, 'follower.log')
    );
    const syncStart = Date.now();
    await waitReady(follower, 5 * 60_000);
    const syncSeconds = (Date.now() - syncStart) / 1000;
    await new Promise((r) => setTimeout(r, 3000));
    const cached = follower.memory();
    await follower.stop();

    const nonWatch = stats.requests - stats.watches;
    console.log(`operator bench (${os.cpus().length} CPUs, Node ${process.version}, ${WORKERS} workers)`);
    console.log(
      `  ${FUNCTIONS} functions to Ready:            ${readySeconds.toFixed(1)} s (creates took ${((created - started) / 1000).toFixed(1)} s; ${(FUNCTIONS / readySeconds).toFixed(1)} functions/s)`
    );
    console.log(
      `  API requests per function:          ${(nonWatch / FUNCTIONS).toFixed(2)} (${nonWatch} requests + ${stats.watches} watch streams; by method ${JSON.stringify(stats.byMethod)})`
    );
    console.log(
      `  operator CPU per function:          ${(cpuPerFunction * 1000).toFixed(1)} ms (load average ${os.loadavg()[0].toFixed(1)} on this machine)`
    );
    console.log(`  peak RSS during the run:            ${mib(peak)}`);
    console.log(
      `  RSS with ${CACHED} functions in cache: ${mib(cached.rssBytes)} (peak ${mib(cached.peakRssBytes)}; caches synced in ${syncSeconds.toFixed(1)} s)`
    );
  } finally {
    await cp.stop();
    if (!process.env.BENCH_KEEP) {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  }
);
