// npm run bench:runtimes — figures, not assertions:
//   1. per runtime, p50/p99 latency and throughput of the demo `healthy` handler behind the wrapper versus the same
//      handler behind a bare server (tests/bench/runtimes-baseline), measured in one run and printed as ratios
//   2. time to render /metrics for 100 functions' worth of series, per runtime, text and OpenMetrics
//   3. one wrapper's /metrics scraped over HTTP after the load (p50 of 50 scrapes, OpenMetrics)
// Options: --seconds N (3, per measurement) --rounds N (3; bare and wrapper alternate, medians printed)
//          --concurrency N (8)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RUNTIMES, type Runtime } from '../../contract';
import { DEMO_DIRS, DEMO_HANDLERS } from '../../pkg-operator/runtimes/launch/demo-handlers';
import { RuntimeLauncher, freeLoopbackPort } from '../../pkg-operator/runtimes/launch/start-runtime';
import { createFunctionMetrics } from '../../pkg-operator/runtimes/nodejs/src/metrics';

import { arg } from './bench-kit';

const SECONDS = arg('seconds', 3);
const CONCURRENCY = arg('concurrency', 8);
const ROUNDS = arg('rounds', 3);
const BASELINE = join(__dirname, 'runtimes-baseline');
const GO_RUNTIME_DIR = join(__dirname, '..', '..', 'pkg-operator', 'runtimes', 'go');

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

function post(agent: Agent, port: number, path = '/', headers: Record<string, string> = {}): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: path === '/' ? 'POST' : 'GET',
        agent,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
            : reject(new Error(`HTTP ${res.statusCode}`))
        );
      }
    );
    req.on('error', reject);
    req.end(path === '/' ? '{"n":1}' : undefined);
  });
}

async function load(port: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        latencies.push(await post(agent, port));
      }
    })
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

/** Per figure, the median over rounds (bare and wrapper alternate, so both see the same machine load). */
function medianOf(rounds: LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) =>
    quantile(
      rounds.map(pick).sort((a, b) => a - b),
      0.5
    );
  return {
    requestsPerSecond: median((r) => r.requestsPerSecond),
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
  };
}

async function waitListening(port: number): Promise<void> {
  const agent = new Agent({ keepAlive: false });
  for (let i = 0; i < 200; i++) {
    try {
      await post(agent, port);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`bare server on ${port} did not answer`);
}

function bareCommand(runtime: Runtime, dir: string): [string, string[]] {
  switch (runtime) {
    case 'nodejs':
      return [process.execPath, [join(BASELINE, 'server.js')]];
    case 'python':
      return ['python3', [join(BASELINE, 'server.py')]];
    case 'go': {
      mkdirSync(join(dir, 'demo'), { recursive: true });
      writeFileSync(join(dir, 'go.mod'), 'module bench\n\ngo 1.21\n');
      copyFileSync(join(DEMO_DIRS.go, 'demo.go'), join(dir, 'demo', 'demo.go'));
      copyFileSync(join(BASELINE, 'main.go.txt'), join(dir, 'main.go'));
      execFileSync('go', ['build', '-o', join(dir, 'bare'), '.'], {
        cwd: dir,
        env: { ...process.env, CGO_ENABLED: '0' },
      });
      return [join(dir, 'bare'), []];
    }
  }
}

async function startBare(runtime: Runtime, dir: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freeLoopbackPort();
  const [bin, args] = bareCommand(runtime, dir);
  const child = spawn(bin, args, { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  await waitListening(port);
  return { port, child };
}

async function renderNode100(): Promise<Record<'text' | 'openmetrics', number>> {
  const functions = Array.from({ length: 100 }, (_, i) =>
    createFunctionMetrics({ function: `fn-${i}`, namespace: 'bench', runtime: 'nodejs' })
  );
  functions.forEach((m, i) => {
    m.recordInit(0.05);
    for (let n = 0; n < 50; n++) {
      m.recordInvocation(
        n % 10 ? 'success' : 'error',
        n % 10 ? undefined : 'handler',
        n / 100,
        i.toString(16).padStart(32, '0')
      );
    }
  });
  const time = async (accept?: string) => {
    const runs = 20;
    const started = performance.now();
    for (let r = 0; r < runs; r++) {
      await Promise.all(functions.map((m) => m.expose(accept)));
    }
    return (performance.now() - started) / runs;
  };
  await time();
  await time('application/openmetrics-text');
  return { text: await time(), openmetrics: await time('application/openmetrics-text') };
}

async function render100(runtime: Runtime): Promise<Record<'text' | 'openmetrics', number>> {
  if (runtime === 'nodejs') {
    return renderNode100();
  }
  if (runtime === 'python') {
    const out = execFileSync('python3', [join(BASELINE, 'render100.py')], { encoding: 'utf8' });
    const ms = Object.fromEntries(
      out
        .trim()
        .split('\n')
        .map((line) => [line.split(' ')[0], Number(line.split(' ')[1])])
    );
    return { text: ms.text, openmetrics: ms.openmetrics };
  }
  const out = execFileSync('go', ['test', '-run', '^$', '-bench', 'Expose100Functions', '-benchtime', '50x', '.'], {
    cwd: GO_RUNTIME_DIR,
    encoding: 'utf8',
  });
  const nsPerOp = (variant: string) =>
    Number(new RegExp(`Expose100Functions/${variant}\\S*\\s+\\d+\\s+(\\d+) ns/op`).exec(out)?.[1]) / 1e6;
  return { text: nsPerOp('text'), openmetrics: nsPerOp('openmetrics') };
}

async function scrapeP50(port: number): Promise<number> {
  const agent = new Agent({ keepAlive: true });
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    times.push(await post(agent, port, '/metrics', { accept: 'application/openmetrics-text;version=1.0.0' }));
  }
  agent.destroy();
  return quantile(
    times.sort((a, b) => a - b),
    0.5
  );
}

const fmt = (n: number, digits = 2) => n.toFixed(digits).padStart(9);

async function main(): Promise<void> {
  const launcher = new RuntimeLauncher();
  const work = mkdtempSync(join(tmpdir(), 'kl-bench-runtimes-'));
  console.log(
    `bench:runtimes — ${SECONDS}s per measurement, ${CONCURRENCY} concurrent keep-alive connections, plain JSON POST to demo healthy\n`
  );
  console.log(
    `${'runtime'.padEnd(8)} ${'variant'.padEnd(8)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`
  );
  const scrapes: string[] = [];
  try {
    for (const runtime of RUNTIMES) {
      const bare = await startBare(runtime, join(work, runtime));
      const wrapper = await launcher.start({ runtime, functionName: 'bench', handler: DEMO_HANDLERS.healthy[runtime] });
      const wrapperPort = Number(new URL(wrapper.url).port);
      await load(bare.port, 1);
      await load(wrapperPort, 1);
      const bareRounds: LoadResult[] = [];
      const wrappedRounds: LoadResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bareRounds.push(await load(bare.port, SECONDS));
        wrappedRounds.push(await load(wrapperPort, SECONDS));
      }
      const bareResult = medianOf(bareRounds);
      const wrapped = medianOf(wrappedRounds);
      bare.child.kill('SIGTERM');
      for (const [variant, r] of [
        ['bare', bareResult],
        ['wrapper', wrapped],
      ] as const) {
        console.log(
          `${runtime.padEnd(8)} ${variant.padEnd(8)} ${fmt(r.requestsPerSecond, 0)} ${fmt(r.p50)} ${fmt(r.p99)}`
        );
      }
      console.log(
        `${runtime.padEnd(8)} ${'ratio'.padEnd(8)} ${fmt(wrapped.requestsPerSecond / bareResult.requestsPerSecond)} ${fmt(wrapped.p50 / bareResult.p50)} ${fmt(wrapped.p99 / bareResult.p99)}   (wrapper / bare)`
      );
      scrapes.push(
        `${runtime.padEnd(8)} ${fmt(await scrapeP50(wrapperPort))} ms p50 for one function's /metrics (OpenMetrics, over HTTP)`
      );
      await wrapper.stop();
    }
    console.log(
      `\n/metrics render time for 100 functions' worth of series (about 45 series each, 50 invocations each), ms per full render:`
    );
    for (const runtime of RUNTIMES) {
      const r = await render100(runtime);
      console.log(`${runtime.padEnd(8)} text ${fmt(r.text)} ms   openmetrics ${fmt(r.openmetrics)} ms`);
    }
    console.log('\nscrape of a loaded wrapper:');
    scrapes.forEach((line) => console.log(line));
  } finally {
    await launcher.stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
