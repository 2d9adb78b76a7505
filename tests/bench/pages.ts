// npm run bench:pages — figures (not assertions) for the Functions page with N LambdaFunctions:
//   - the production bundle: module.js (entry) and chunks, raw and gzipped
//   - per N (a baseline of 10 first, then --functions): functions created in the real kube-apiserver (+ status
//     Ready), their Prometheus history BACKFILLED with promtool (OpenMetrics → TSDB blocks, then the shipped rules
//     evaluate over it), the real backend executable behind the Grafana-shaped host, and Debian's Chromium:
//     navigation → rendered table (cold cache, then warm), /api/ds/query requests/queries/bytes of one refresh,
//     and the size of GET …/resources/functions
// Options: --functions 1000,10000  --baseline 10  --runs 3 (navigations per N)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';

import { startControlPlane } from '../../local/control-plane/harness';
import { FUNCTIONS_PAGE_QUERY_COUNT } from '../../src/queries/functionsTable';

import { arg } from './bench-kit';
import { DIST, functionsResponse, startAppHost } from './pages/app-host';
import { HISTORY_MINUTES, STEP_SECONDS } from './pages/backfill';
import { inAppNavigations, launchBrowser, navigations, refreshTraffic, type QueryTraffic } from './pages/browser';
import { bundleSizes, type BundleFile } from './pages/bundle';
import { benchFunction, createFunctions } from './pages/functions';
import { startPrometheusWithHistory } from './pages/history';
import { profileNavigation, replayDsQuery } from './pages/profile';

function listArg(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1].split(',').map(Number) : fallback;
}

const SIZES = listArg('functions', [1_000, 10_000]);
const BASELINE = arg('baseline', 10);
const RUNS = arg('runs', 3);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const s = (n: number) => `${n.toFixed(1)} s`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const traffic = (t: QueryTraffic) => `${t.requests} req / ${t.queries} queries / ${kb(t.bytes)}`;

interface Figures {
  n: number;
  createSeconds: number;
  promtoolSeconds: number;
  rulesSeconds: number;
  cacheFillSeconds: number;
  backendBytes: number;
  backendMs: number;
  coldMs: number;
  warmMs: number;
  /** click on the Functions nav link in an already booted host → rendered table: first visit, then the median */
  inAppFirstMs: number;
  inAppMs: number;
  /** of the cold navigation: when GET functions and the ds/query had been answered */
  functionsAnsweredMs: number;
  dsQueryAnsweredMs: number;
  load: QueryTraffic;
  refresh: QueryTraffic;
  /** seconds since the newest backfilled sample when N was done (over 300: the 5m rates had gone stale) */
  dataAgeSeconds: number;
}

function printBundle(): BundleFile[] {
  const files = bundleSizes(DIST);
  console.log(`bundle (${DIST}):`);
  for (const f of files) {
    console.log(`  ${f.file.padEnd(12)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}`);
  }
  const gz = files.reduce((a, f) => a + f.gzipBytes, 0);
  console.log(
    `  entry module.js gzip ${kb(files[0].gzipBytes)} (target ≤ 200 KB); all ${files.length} files gzip ${kb(gz)}`
  );
  return files;
}

/** What the Functions page itself made the browser load from dist/. */
function printPageScripts(files: BundleFile[], loaded: string[]): void {
  const used = files.filter((f) => loaded.includes(f.file));
  const gz = used.reduce((a, f) => a + f.gzipBytes, 0);
  console.log(`Functions page loaded ${used.map((f) => f.file).join(' + ')}: ${kb(gz)} gzip`);
}

/** Where the time goes: CPU self time of a profiled cold navigation, and each query's own cost. */
async function printProfile(browser: Browser, url: string, n: number, file: string): Promise<void> {
  const cpu = await profileNavigation(browser, url, n, file);
  console.log(`N=${n}: profiled cold navigation rendered at ${ms(cpu.renderedMs)} (profile ${file})`);
  console.log(`  self time by script: ${cpu.byScript.map((t) => `${t.what} ${ms(t.ms)}`).join(', ')}`);
  for (const t of cpu.byFunction) {
    console.log(`  ${ms(t.ms).padStart(8)}  ${t.what}`);
  }
  if (cpu.dsQueryBody) {
    const replay = await replayDsQuery(url, cpu.dsQueryBody);
    const perQuery = replay.queries.map((q) => `${q.refId} ${q.frames} frames ${kb(q.bytes)}`).join('; ');
    console.log(
      `  ds/query replayed from node: ${ms(replay.ms)}, ${kb(replay.bytes)} (gzip ${kb(replay.gzipBytes)}); ${perQuery}`
    );
  }
}

function printTable(rows: Figures[]): void {
  const head = [
    'N',
    'create',
    'promtool',
    'rules',
    'cache fill',
    'GET functions',
    'rendered cold (functions / ds/query answered at)',
    `rendered warm (median of ${RUNS - 1})`,
    `in-app click → rendered (first visit / median of ${RUNS - 1})`,
    'page load ds/query',
    'one refresh ds/query',
    'data age',
  ];
  console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) {
    const cells = [
      r.n === BASELINE ? `${r.n} (baseline)` : String(r.n),
      s(r.createSeconds),
      s(r.promtoolSeconds),
      s(r.rulesSeconds),
      s(r.cacheFillSeconds),
      `${kb(r.backendBytes)}, ${ms(r.backendMs)}`,
      `${ms(r.coldMs)} (${ms(r.functionsAnsweredMs)} / ${ms(r.dsQueryAnsweredMs)})`,
      ms(r.warmMs),
      `${ms(r.inAppFirstMs)} / ${ms(r.inAppMs)}`,
      traffic(r.load),
      traffic(r.refresh),
      `${r.dataAgeSeconds.toFixed(0)} s`,
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log(
    `targets: ≤ ${FUNCTIONS_PAGE_QUERY_COUNT} queries per refresh for any N; rendered < 2 s at 1,000 functions; entry ≤ 200 KB gzip\n` +
      'cold/warm: a full page load, the host (the Grafana stand-in) booting first; in-app: a click in a booted host'
  );
}

async function main(): Promise<void> {
  const bundle = printBundle();
  const work = mkdtempSync(join(tmpdir(), 'kl-bench-pages-'));
  console.log(
    `history: backfilled at ${STEP_SECONDS} s steps, ${HISTORY_MINUTES} min before each N starts until ` +
      `Prometheus starts (about as long as writing and promtool take); work dir ${work}`
  );
  const cp = await startControlPlane({ faultProxy: false });
  const browser = await launchBrowser();
  const rows: Figures[] = [];
  let created = 0;
  try {
    for (const n of [BASELINE, ...SIZES]) {
      const createSeconds = await createFunctions(cp, created, n);
      console.log(`N=${n}: ${n - created} LambdaFunctions created and marked Ready in ${s(createSeconds)}`);
      created = n;
      const dir = join(work, String(n));
      const fns = Array.from({ length: n }, (_, i) => benchFunction(i));
      const history = await startPrometheusWithHistory(join(dir, 'prometheus'), fns);
      console.log(
        `N=${n}: ${history.sampleLines} samples written in ${s(history.writeSeconds)}, promtool ${s(history.promtoolSeconds)}, ` +
          `rules evaluated over them ${s(history.rulesSeconds)} after start`
      );
      try {
        mkdirSync(join(dir, 'state'), { recursive: true });
        const host = await startAppHost(cp, join(dir, 'state'), history.prometheus.url, n);
        try {
          const backend = await functionsResponse(host.url);
          const navs = await navigations(browser, host.url, n, RUNS);
          const inApp = await inAppNavigations(browser, host.url, n, RUNS);
          const refresh = await refreshTraffic(browser, host.url, n, join(work, `functions-${n}.png`));
          await printProfile(browser, host.url, n, join(work, `functions-${n}.cpuprofile`));
          const figures: Figures = {
            n,
            createSeconds,
            promtoolSeconds: history.promtoolSeconds,
            rulesSeconds: history.rulesSeconds,
            cacheFillSeconds: host.cacheFillSeconds,
            backendBytes: backend.bytes,
            backendMs: backend.ms,
            coldMs: navs[0].renderedMs,
            functionsAnsweredMs: navs[0].functionsAnsweredMs,
            dsQueryAnsweredMs: navs[0].dsQueryAnsweredMs,
            warmMs: median(navs.slice(1).map((x) => x.renderedMs)),
            inAppFirstMs: inApp[0].renderedMs,
            inAppMs: median(inApp.slice(1).map((x) => x.renderedMs)),
            load: navs[0].load,
            refresh,
            dataAgeSeconds: Date.now() / 1000 - history.endSeconds,
          };
          rows.push(figures);
          if (n === BASELINE) {
            printPageScripts(bundle, navs[0].pluginScripts);
          }
          console.log(
            `N=${n}: rendered cold ${ms(figures.coldMs)}, warm ${navs
              .slice(1)
              .map((x) => ms(x.renderedMs))
              .join(', ')}; in-app ${inApp.map((x) => ms(x.renderedMs)).join(', ')}; ` +
              `refresh ${traffic(refresh)}; GET functions ${kb(backend.bytes)}`
          );
        } finally {
          await host.stop();
        }
      } finally {
        await history.prometheus.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    printTable(rows);
    console.log(`screenshots: ${work}/functions-<N>.png`);
    await browser.close();
    await cp.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
