// One measurement of bench:backend's memory section, in a fresh process: fills LambdaFunction caches for
// `--orgs` orgs of identical settings from the API server in `--kubeconfig`, the old way (`--mode whole`:
// whole objects, one copy per org) or the new (`--mode summary`: one shared cache of summaries), and prints
// one JSON line: heap growth after GC, RSS, entries held.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

import { KubeConfig } from '@kubernetes/client-node';

import { FunctionStores } from '../../backend/kube/function-stores';
import type { LambdaFunctionObject } from '../../backend/kube/lambda-functions';
import { LambdaFunctionStore } from '../../backend/kube/lambda-functions';

import { arg } from './bench-kit';

export interface MemorySample {
  mode: string;
  orgs: number;
  caches: number;
  entries: number;
  heapMiB: number;
  rssMiB: number;
  rssGrowthMiB: number;
  /** the process's highest RSS: the transient cost of the LIST pages */
  peakRssMiB: number;
}

type Store = LambdaFunctionStore<unknown>;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MiB = 1024 * 1024;

function sample(): { heap: number; rss: number } {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed / MiB, rss: usage.rss / MiB };
}

/** what the cache kept before: the object without its managedFields */
function wholeObject(fn: LambdaFunctionObject): LambdaFunctionObject {
  delete fn.metadata?.managedFields;
  return fn;
}

function storesFor(mode: string, kc: KubeConfig, orgs: number): Store[] {
  const orgIndexes = Array.from({ length: orgs }, (_, i) => i);
  if (mode === 'whole') {
    return orgIndexes.map(() => new LambdaFunctionStore(kc, null, () => undefined, wholeObject));
  }
  const shared = new FunctionStores(() => undefined);
  return orgIndexes.map(() => shared.acquire(kc, null).store);
}

async function main(): Promise<void> {
  const mode = process.argv[process.argv.indexOf('--mode') + 1];
  const kc = new KubeConfig();
  kc.loadFromFile(process.argv[process.argv.indexOf('--kubeconfig') + 1]);
  const orgs = arg('orgs', 2);
  const before = sample();
  const stores = storesFor(mode, kc, orgs);
  const states = await Promise.all(stores.map((s) => s.settle(300_000)));
  if (states.some((s) => s !== 'synced')) {
    throw new Error(`caches did not sync: ${states.join(', ')}`);
  }
  const after = sample();
  const distinct = [...new Set(stores)];
  const result: MemorySample = {
    mode,
    orgs,
    caches: distinct.length,
    entries: distinct.reduce((n, s) => n + s.size, 0),
    heapMiB: after.heap - before.heap,
    rssMiB: after.rss,
    rssGrowthMiB: after.rss - before.rss,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  distinct.forEach((s) => s.stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
