// `npm run bench:stack`: the whole `npm start` stack at steady state — start time, then CPU (cores) and memory
// (RSS) of every process of the stack, sampled over a window once the demo functions have been Ready and under
// their traffic for a while. Options: --settle SECONDS (default 120), --window SECONDS (default 60).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startStack } from '../../local/stack/stack';
import { stackProcesses } from '../../local/stack/stack-processes';

import { arg } from './bench-kit';

const MARK = 'KNATIVE_LAMBDA_BENCH_MARK';

async function main(): Promise<void> {
  const settleSeconds = arg('settle', 120);
  const windowSeconds = arg('window', 60);
  process.env[MARK] = String(process.pid);
  const stateDir = mkdtempSync(join(tmpdir(), 'kl-bench-stack-'));
  const identity = { marker: `${MARK}=${process.pid}`, stateDir };
  const CLOCK_TICKS_PER_SECOND = 100;
  const phases: string[] = [];
  const started = Date.now();
  const stack = await startStack(
    { stateDir, hostPort: 0, prometheusPort: 0, idleWindowSeconds: 60, trafficSeconds: 3600, examples: true },
    (line) => phases.push(line)
  );
  const startSeconds = (Date.now() - started) / 1000;
  try {
    await new Promise((r) => setTimeout(r, settleSeconds * 1000));
    const before = new Map(stackProcesses(identity, [process.pid]).map((p) => [p.pid, p]));
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    const after = stackProcesses(identity, [process.pid]);
    const seconds = (Date.now() - t0) / 1000;
    const byName = new Map<string, { cores: number; rssMb: number; count: number }>();
    for (const p of after) {
      const ticks = p.cpuTicks - (before.get(p.pid)?.cpuTicks ?? p.cpuTicks);
      const entry = byName.get(p.name) ?? { cores: 0, rssMb: 0, count: 0 };
      entry.cores += ticks / CLOCK_TICKS_PER_SECOND / seconds;
      entry.rssMb += p.rssKib / 1024;
      entry.count += 1;
      byName.set(p.name, entry);
    }
    const total = [...byName.values()].reduce((t, e) => ({ cores: t.cores + e.cores, rssMb: t.rssMb + e.rssMb }), {
      cores: 0,
      rssMb: 0,
    });
    console.log(phases.join('\n'));
    console.log(`\nstack start (control plane → traffic running): ${startSeconds.toFixed(1)} s`);
    console.log(`steady state over ${seconds.toFixed(0)} s, ${settleSeconds} s after start, demo traffic on:`);
    console.log('process'.padEnd(20), 'count'.padStart(5), 'cores'.padStart(7), 'RSS MiB'.padStart(9));
    for (const [name, e] of [...byName.entries()].sort((a, b) => b[1].rssMb - a[1].rssMb)) {
      console.log(
        name.padEnd(20),
        String(e.count).padStart(5),
        e.cores.toFixed(3).padStart(7),
        e.rssMb.toFixed(0).padStart(9)
      );
    }
    console.log(
      'total'.padEnd(20),
      String(after.length).padStart(5),
      total.cores.toFixed(3).padStart(7),
      total.rssMb.toFixed(0).padStart(9)
    );
    console.log('budget: < 1 core and < 2048 MiB RSS');
  } finally {
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  }
);
