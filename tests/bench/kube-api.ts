// npm run bench:kube-api — figures (not assertions) for the test control plane:
//   1. time to start it (etcd + kube-apiserver + CRDs), over a few starts
//   2. LIST latency with 10,000 LambdaFunctions (full, from the watch cache, and paginated)
//   3. watch events/s delivered to 5 concurrent watchers while LambdaFunctions are updated
// Options: --objects N (10000) --updates N (2000) --starts N (3) --concurrency N (32)
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { ControlPlane, ensureBinaries, startControlPlane } from '../support/control-plane/harness';
import { LF, lambdaFunction } from '../support/control-plane/fixtures';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const OBJECTS = arg('objects', 10_000);
const UPDATES = arg('updates', 2_000);
const STARTS = arg('starts', 3);
const CONCURRENCY = arg('concurrency', 32);
const WATCHERS = 5;
const NS = 'bench';

const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

async function parallel(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        await fn(next++);
      }
    })
  );
}

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
      cont = page.metadata?._continue || undefined;
    } while (cont);
  });
  await report(
    'single page, limit=500',
    () => custom.listNamespacedCustomObject({ ...LF, namespace: NS, limit: 500 }),
    10
  );
}

async function benchWatch(cp: ControlPlane, custom: CustomObjectsApi): Promise<void> {
  const list = await custom.listNamespacedCustomObject({ ...LF, namespace: NS, limit: 1 });
  const rv = list.metadata.resourceVersion as string;
  const received = Array.from({ length: WATCHERS }, () => 0);
  let lastAt = 0;
  const target = UPDATES;
  let resolveAll!: () => void;
  const allDone = new Promise<void>((r) => (resolveAll = r));
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
            resolveAll();
          }
        },
        (err) => err && console.error(`watcher ${w} ended: ${err}`)
      )
    )
  );
  const patch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const t0 = performance.now();
  await parallel(UPDATES, CONCURRENCY, (i) =>
    custom.patchNamespacedCustomObject(
      { ...LF, namespace: NS, name: `fn-${i % OBJECTS}`, body: { metadata: { labels: { round: String(i) } } } },
      patch
    )
  );
  const writesMs = performance.now() - t0;
  await Promise.race([allDone, new Promise((r) => setTimeout(r, 120_000))]);
  const deliveredMs = lastAt - t0;
  const total = received.reduce((a, b) => a + b, 0);
  controllers.forEach((c) => c.abort());
  console.log(
    `watch: ${UPDATES} updates written in ${ms(writesMs)} (${((UPDATES / writesMs) * 1000).toFixed(0)} writes/s, concurrency ${CONCURRENCY})`
  );
  console.log(
    `  ${WATCHERS} watchers received ${received.join('/')} events; last one ${ms(lastAt - t0)} after the first write, ` +
      `${ms(lastAt - (t0 + writesMs))} after the last write returned`
  );
  console.log(
    `  events/s: ${((total / deliveredMs) * 1000).toFixed(0)} aggregate, ${((target / deliveredMs) * 1000).toFixed(0)} per watcher ` +
      `(bounded by the write rate: the watchers keep up)`
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
