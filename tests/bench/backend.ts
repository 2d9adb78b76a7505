// npm run bench:backend — figures (not assertions) for the embedded backend:
//   1. GET functions with N LambdaFunctions through the gRPC path (CallResource on the built executable):
//      p50/p99 latency, response size, and the backend's RSS
//   2. memory of the LambdaFunction cache with N realistic functions (a few KB of inline code, env): the old
//      behaviour (whole objects, one copy per org) next to the new (summaries, one cache shared by orgs of
//      identical access), each in a fresh process (heap after GC, RSS, bytes per function); and the built
//      executable's RSS with 1 org, 2 orgs of identical settings (1 cache) and a 3rd org with another token
//   3. spawn-to-handshake time of the real executable next to a bare single-executable hello-world built the
//      same way (esbuild -> SEA blob -> stripped node -> postject), and their ratio, in the same run
// Options: --functions N (10000) --namespaces N (50) --requests N (200) --spawns N (15)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { CustomObjectsApi } from '@kubernetes/client-node';

import { KUBECONFIG_DIRS_VARIABLE } from '../../backend/settings/server-policy';
import { LF } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { startControlPlane } from '../../local/control-plane/harness';
import {
  BackendProcess,
  BACKEND_AMD64,
  requireBuilt,
  startBackend,
} from '../../local/host/server/plugin-backend/backend-process';
import type { OrgSettings } from '../../local/host/server/plugin-backend/plugin-client';

import { cacheMemoryBenchmark, executableMemoryBenchmark, readerKubeconfig, realisticFunction } from './backend-memory';
import { arg, parallel } from './bench-kit';

const FUNCTIONS = arg('functions', 10_000);
const NAMESPACES = arg('namespaces', 50);
const REQUESTS = arg('requests', 200);
const SPAWNS = arg('spawns', 15);

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * q) - 1)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function timedRequests(backend: BackendProcess, settings: OrgSettings, query?: string) {
  const latencies: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = process.hrtime.bigint();
    const res = await backend.client!.callResource({ ...settings, role: 'Viewer', path: 'functions', query });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) {
      throw new Error(`GET functions answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
    }
    bytes = res.body.length;
  }
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), bytes };
}

async function populate(cp: ControlPlane): Promise<void> {
  const custom = cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
  const t0 = Date.now();
  for (let n = 0; n < NAMESPACES; n++) {
    await cp.tokenFor(`bench-${n}`, 'default');
  }
  await parallel(FUNCTIONS, 32, (i) =>
    custom.createNamespacedCustomObject({
      group: LF.group,
      version: LF.version,
      plural: LF.plural,
      namespace: `bench-${i % NAMESPACES}`,
      body: realisticFunction(`bench-${i % NAMESPACES}`, i),
    })
  );
  console.log(
    `created ${FUNCTIONS} LambdaFunctions (~${(JSON.stringify(realisticFunction('bench-0', 0)).length / 1024).toFixed(1)} KiB each: inline code, env) in ${NAMESPACES} namespaces in ${((Date.now() - t0) / 1000).toFixed(1)} s`
  );
}

async function listBenchmark(backend: BackendProcess, cp: ControlPlane): Promise<void> {
  const settings: OrgSettings = {
    orgId: '1',
    lastUpdatedMS: '1',
    jsonData: { kubernetes: { kubeconfigPath: cp.kubeconfigPath } },
  };
  const idle = rssMiB(backend.child.pid!);
  const all = await timedRequests(backend, settings);
  const one = await timedRequests(backend, settings, 'namespace=bench-7');
  const loaded = rssMiB(backend.child.pid!);
  console.log(
    `GET functions, all ${FUNCTIONS}: p50 ${fmt(all.p50)}  p99 ${fmt(all.p99)}  (${(all.bytes / 1e6).toFixed(2)} MB JSON, ${REQUESTS} sequential requests)`
  );
  console.log(
    `GET functions?namespace=bench-7 (${FUNCTIONS / NAMESPACES} items): p50 ${fmt(one.p50)}  p99 ${fmt(one.p99)}`
  );
  console.log(
    `backend RSS: ${idle.rss.toFixed(0)} MiB with the caches filled, ${loaded.rss.toFixed(0)} MiB after the requests, peak ${loaded.peak.toFixed(0)} MiB`
  );
}

async function clusterBenchmarks(): Promise<void> {
  const cp = await startControlPlane({ faultProxy: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-bench-backend-'));
  try {
    await populate(cp);
    cacheMemoryBenchmark(cp, FUNCTIONS);
    const readerPath = await readerKubeconfig(cp, dir);
    const backend = await startBackend({
      env: { [KUBECONFIG_DIRS_VARIABLE]: [path.dirname(cp.kubeconfigPath), dir].join(',') },
    });
    try {
      const tSync = Date.now();
      await executableMemoryBenchmark(backend, cp, readerPath, FUNCTIONS);
      console.log(`  (the three orgs' caches filled in ${Date.now() - tSync} ms)`);
      await listBenchmark(backend, cp);
    } finally {
      await backend.kill();
    }
  } finally {
    await cp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function buildHelloWorld(dir: string): Promise<string> {
  const { buildSea, TARGETS } = await import('../../backend/build/sea.mjs');
  const [binary] = await buildSea(
    {
      contents: "process.stdout.write('1|2|tcp|127.0.0.1:1|grpc\\n'); setInterval(() => {}, 1000);",
      resolveDir: dir,
      loader: 'js',
    },
    path.join(dir, 'hello'),
    { targets: TARGETS.filter((t) => t.arch === 'amd64') }
  );
  return binary;
}

async function handshakeMs(binary: string): Promise<number> {
  const backend = new BackendProcess({ binary });
  try {
    return (await backend.handshake()).ms;
  } finally {
    backend.child.kill('SIGKILL');
    await backend.exited;
    backend.client?.close();
  }
}

async function startupBenchmark(): Promise<void> {
  const real = requireBuilt(BACKEND_AMD64);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-bench-sea-'));
  try {
    const hello = await buildHelloWorld(dir);
    const realTimes: number[] = [];
    const helloTimes: number[] = [];
    for (let i = 0; i < SPAWNS; i++) {
      realTimes.push(await handshakeMs(real));
      helloTimes.push(await handshakeMs(hello));
    }
    const [r, h] = [quantile(realTimes, 0.5), quantile(helloTimes, 0.5)];
    console.log(
      `spawn -> handshake (median of ${SPAWNS}, alternating): backend ${fmt(r)}, bare SEA hello-world ${fmt(h)}, ratio ${(r / h).toFixed(2)}x`
    );
    console.log(
      `  backend min/max ${fmt(Math.min(...realTimes))}/${fmt(Math.max(...realTimes))}; hello min/max ${fmt(Math.min(...helloTimes))}/${fmt(Math.max(...helloTimes))}`
    );
    console.log(
      `executable sizes: backend ${(fs.statSync(real).size / 1e6).toFixed(1)} MB, hello-world ${(fs.statSync(hello).size / 1e6).toFixed(1)} MB`
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:backend on ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`
  );
  await startupBenchmark();
  await clusterBenchmarks();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
