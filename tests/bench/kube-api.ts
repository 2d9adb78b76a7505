// npm run bench:kube-api — figures (not assertions) for the test control plane:
//   1. time to start it (etcd + kube-apiserver + CRDs), over a few starts
//   2. LIST latency with 10,000 LambdaFunctions (full, from the watch cache, and paginated)
//   3. watch events/s delivered to 5 concurrent watchers while LambdaFunctions are updated
// Options: --objects N (10000) --updates N (2000) --starts N (3) --concurrency N (32)
import * as https from 'node:https';

import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';

import { LF, lambdaFunction } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { ensureBinaries, startControlPlane } from '../../local/control-plane/harness';

import { arg, parallel } from './bench-kit';

const OBJECTS = arg('objects', 10_000);
const UPDATES = arg('updates', 2_000);
const STARTS = arg('starts', 3);
const CONCURRENCY = arg('concurrency', 32);
const WATCHERS = 5;
const NS = 'bench';

const ms = (n: number) => `${n.toFixed(0)} ms`;
const rate = (n: number, elapsedMs: number) => ((n / elapsedMs) * 1000).toFixed(0);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function benchStartup(): Promise<ControlPlane> {
  const totals: number[] = [];
  let cp: ControlPlane | undefined;
  for (let i = 0; i < STARTS; i++) {
    await cp?.stop();
    const t0 = performance.now();
    cp = await startControlPlane({ faultProxy: false });
    totals.push(performance.now() - t0);
    const t = cp.timings;
    console.log(
      `  start ${i + 1}: etcd ready ${ms(t.etcdReadyMs)}, apiserver ready ${ms(t.apiserverReadyMs)}, CRDs ${ms(t.crdsMs)}, total ${ms(totals[i])}`
    );
  }
  console.log(`startup: median ${ms(median(totals))}, min ${ms(Math.min(...totals))} over ${STARTS} starts`);
  return cp!;
}

async function benchList(custom: CustomObjectsApi): Promise<void> {
  await custom.listNamespacedCustomObject({ ...LF, namespace: NS, limit: 1 }); // warm up
  const report = async (label: string, fn: () => Promise<unknown>, runs = 5) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      times.push(await timeIt(fn));
    }
    console.log(`  ${label}: median ${ms(median(times))}, max ${ms(Math.max(...times))} (${runs} runs)`);
  };
  const full = await custom.listNamespacedCustomObject({ ...LF, namespace: NS });
  console.log(`LIST with ${full.items.length} LambdaFunctions (client-node, includes JSON decoding):`);
  await report('full list (consistent read)', () => custom.listNamespacedCustomObject({ ...LF, namespace: NS }));
  await report('full list, resourceVersion=0 (watch cache)', () =>
    custom.listNamespacedCustomObject({ ...LF, namespace: NS, resourceVersion: '0' })
  );
  await report('paginated, limit=500, all pages', async () => {
    let cont: string | undefined;
    do {
      const page = await custom.listNamespacedCustomObject({ ...LF, namespace: NS, limit: 500, _continue: cont });
      // custom objects come back as plain JSON: metadata.continue, not the typed model's _continue
      cont = (page.metadata?.continue as string | undefined) || undefined;
    } while (cont);
  });
  await report(
    'single page, limit=500',
    () => custom.listNamespacedCustomObject({ ...LF, namespace: NS, limit: 500 }),
    10
  );
}

interface Watchers {
  received: number[];
  lastAt: () => number;
  allDone: Promise<boolean>;
  stop: () => void;
}

/** WATCHERS concurrent watches from resourceVersion rv, each counting MODIFIED events up to target. */
async function openWatchers(cp: ControlPlane, rv: string, target: number, timeoutMs = 180_000): Promise<Watchers> {
  const received = Array.from({ length: WATCHERS }, () => 0);
  let lastAt = 0;
  let stopping = false;
  let resolveAll!: (ok: boolean) => void;
  const allDone = new Promise<boolean>((r) => (resolveAll = r));
  const timer = setTimeout(() => resolveAll(false), timeoutMs);
  const watch = new Watch(cp.adminKubeConfig);
  const controllers = await Promise.all(
    received.map((_, w) =>
      watch.watch(
        `/apis/${LF.group}/${LF.version}/namespaces/${NS}/${LF.plural}`,
        { resourceVersion: rv },
        (type) => {
          if (type !== 'MODIFIED') {
            return;
          }
          lastAt = performance.now();
          if (++received[w] === target && received.every((n) => n >= target)) {
            clearTimeout(timer);
            resolveAll(true);
          }
        },
        (err) => err && !stopping && console.error(`watcher ${w} ended: ${err}`)
      )
    )
  );
  return {
    received,
    lastAt: () => lastAt,
    allDone,
    stop: () => {
      stopping = true;
      clearTimeout(timer);
      controllers.forEach((c) => c.abort());
    },
  };
}

async function benchWatch(cp: ControlPlane, custom: CustomObjectsApi): Promise<void> {
  const list = await custom.listNamespacedCustomObject({ ...LF, namespace: NS, limit: 1 });
  const rv = list.metadata.resourceVersion as string;
  const live = await openWatchers(cp, rv, UPDATES);
  const patch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const t0 = performance.now();
  await parallel(UPDATES, CONCURRENCY, (i) =>
    custom.patchNamespacedCustomObject(
      { ...LF, namespace: NS, name: `fn-${i % OBJECTS}`, body: { metadata: { labels: { round: String(i) } } } },
      patch
    )
  );
  const writesMs = performance.now() - t0;
  await live.allDone;
  live.stop();
  const liveMs = live.lastAt() - t0;
  console.log(
    `watch, live: ${UPDATES} updates written in ${ms(writesMs)} (${rate(UPDATES, writesMs)} writes/s, concurrency ${CONCURRENCY})`
  );
  console.log(
    `  ${WATCHERS} watchers received ${live.received.join('/')} events, the last ${ms(liveMs)} after the first write: ` +
      `${rate(sum(live.received), liveMs)} events/s aggregate (bounded by the write rate)`
  );

  // the same events again, replayed from the watch cache: what the fan-out can deliver
  const t1 = performance.now();
  const replay = await openWatchers(cp, rv, UPDATES);
  const complete = await replay.allDone;
  replay.stop();
  const replayMs = replay.lastAt() - t1;
  console.log(
    `watch, replay from the watch cache: ${WATCHERS} watchers received ${replay.received.join('/')} events in ${ms(replayMs)}: ` +
      `${rate(sum(replay.received), replayMs)} events/s aggregate, ${rate(UPDATES, replayMs)} per watcher${complete ? '' : ' (INCOMPLETE)'}`
  );
}

async function benchGet(cp: ControlPlane, custom: CustomObjectsApi): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    times.push(await timeIt(() => custom.getNamespacedCustomObject({ ...LF, namespace: NS, name: `fn-${i}` })));
  }
  // client-node 1.4 builds a new https.Agent per request (no connection reuse); compare with keep-alive
  const agent = new https.Agent({ keepAlive: true, ca: cp.caPem });
  const token = cp.adminKubeConfig.getCurrentUser()?.token;
  const raw: number[] = [];
  for (let i = 0; i < 50; i++) {
    raw.push(
      await timeIt(
        () =>
          new Promise<void>((resolve, reject) => {
            const url = `${cp.url}/apis/${LF.group}/${LF.version}/namespaces/${NS}/${LF.plural}/fn-${i}`;
            https
              .get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
                res.resume();
                res.on('end', () => resolve());
              })
              .on('error', reject);
          })
      )
    );
  }
  const patchRaw = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const url = `${cp.url}/apis/${LF.group}/${LF.version}/namespaces/${NS}/${LF.plural}/fn-${i % 100}`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/merge-patch+json' };
      https
        .request(url, { method: 'PATCH', agent, headers }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PATCH ${res.statusCode}`))));
        })
        .on('error', reject)
        .end(JSON.stringify({ metadata: { annotations: { raw: String(i) } } }));
    });
  const rawWritesMs = await timeIt(() => parallel(1000, CONCURRENCY, patchRaw));
  agent.destroy();
  const patch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const writes: number[] = [];
  for (let i = 0; i < 50; i++) {
    writes.push(
      await timeIt(() =>
        custom.patchNamespacedCustomObject(
          { ...LF, namespace: NS, name: `fn-${i}`, body: { metadata: { annotations: { seq: String(i) } } } },
          patch
        )
      )
    );
  }
  console.log(
    `PATCH one LambdaFunction, one at a time: client-node median ${ms(median(writes))} (p95 ${ms(p95(writes))})`
  );
  console.log(
    `PATCH throughput over keep-alive https, concurrency ${CONCURRENCY}: ${rate(1000, rawWritesMs)} writes/s`
  );
  console.log(
    `GET one LambdaFunction: client-node median ${ms(median(times))} (p95 ${ms(p95(times))}); ` +
      `keep-alive https median ${ms(median(raw))} (p95 ${ms(p95(raw))})`
  );
}

async function main(): Promise<void> {
  const tb = performance.now();
  const bins = ensureBinaries();
  console.log(`binaries: ${bins.dir} (ensureBinaries ${ms(performance.now() - tb)})`);
  const cp = await benchStartup();
  try {
    const custom = cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
    await cp.adminKubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NS } } });
    const createMs = await timeIt(() =>
      parallel(OBJECTS, CONCURRENCY, (i) =>
        custom.createNamespacedCustomObject({ ...LF, namespace: NS, body: lambdaFunction(NS, `fn-${i}`) })
      )
    );
    console.log(
      `created ${OBJECTS} LambdaFunctions in ${ms(createMs)} (${((OBJECTS / createMs) * 1000).toFixed(0)}/s, concurrency ${CONCURRENCY})`
    );
    await benchList(custom);
    await benchGet(cp, custom);
    await benchWatch(cp, custom);
  } finally {
    await cp.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  }
);
