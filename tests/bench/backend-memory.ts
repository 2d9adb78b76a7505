// bench:backend's memory section (see backend.ts): realistic LambdaFunctions, the cache's memory the old way
// and the new way in fresh processes (backend-memory-child.ts), and the built executable's RSS per org.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { FunctionsResponse } from '../../backend/api/types';
import type { LambdaFunctionObject } from '../../local/control-plane/fixtures';
import { lambdaFunction } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import type { BackendProcess } from '../../local/host/server/plugin-backend/backend-process';
import { REPO_ROOT } from '../../local/host/server/plugin-backend/backend-process';
import type { OrgSettings } from '../../local/host/server/plugin-backend/plugin-client';
import { applyYamlFile, ensureNamespace } from '../backend/support/cluster-fixtures';

import type { MemorySample } from './backend-memory-child';

const STEPS = 40;

/** ~5 KB of handler code, like a small real function */
function handlerCode(i: number): string {
  const steps = Array.from(
    { length: STEPS },
    (_, s) =>
      `  // step ${s}: normalise field_${s} of the order and check it against the schema\n` +
      `  record.field_${s} = String(event.field_${s} ?? '').trim().slice(0, 256);\n`
  ).join('');
  return `'use strict';\n// order processor ${i}\nexports.handler = async (event) => {\n  const record = {};\n${steps}  return { statusCode: 200, body: JSON.stringify(record) };\n};\n`;
}

/** a LambdaFunction with inline code, dependencies and a dozen env variables */
export function realisticFunction(namespace: string, i: number): LambdaFunctionObject {
  return lambdaFunction(namespace, `fn-${i}`, {
    source: {
      inline: {
        code: handlerCode(i),
        dependencies: JSON.stringify({ dependencies: { axios: '1.7.7', lodash: '4.17.21', uuid: '10.0.0' } }),
      },
    },
    env: Array.from({ length: 12 }, (_, k) => ({
      name: `SETTING_${k}`,
      value: `value-${i}-${k}-${'x'.repeat(40)}`,
    })),
    scaling: { minReplicas: 0, maxReplicas: 10, targetConcurrency: 50 },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    slo: { objective: 0.999, latencyTarget: 0.3 },
  });
}

function measureInChild(mode: 'whole' | 'summary', kubeconfigPath: string, orgs: number): MemorySample {
  const out = execFileSync(
    path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['tests/bench/backend-memory-child.ts', '--mode', mode, '--kubeconfig', kubeconfigPath, '--orgs', String(orgs)],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1024 * 1024 }
  );
  return JSON.parse(out.trim().split('\n').pop()!) as MemorySample;
}

const mib = (n: number) => `${n.toFixed(1)} MiB`;

export function cacheMemoryBenchmark(cp: ControlPlane, functions: number): void {
  const rows = [measureInChild('whole', cp.kubeconfigPath, 2), measureInChild('summary', cp.kubeconfigPath, 2)];
  console.log(`LambdaFunction cache, ${functions} functions, 2 orgs with identical settings (fresh process each):`);
  for (const r of rows) {
    const label = r.mode === 'whole' ? 'before (whole objects, a copy per org)' : 'after (summaries, one shared cache)';
    console.log(
      `  ${label}: ${r.caches} cache(s), ${r.entries} entries, heap +${mib(r.heapMiB)} (${Math.round((r.heapMiB * 1024 * 1024) / r.entries)} B per entry, ${Math.round((r.heapMiB * 1024 * 1024) / functions)} B per function), RSS ${mib(r.rssMiB)} (+${mib(r.rssGrowthMiB)}, peak ${mib(r.peakRssMiB)})`
    );
  }
  const [whole, summary] = rows;
  console.log(
    `  heap held: ${(whole.heapMiB / summary.heapMiB).toFixed(1)}x less after; RSS growth ${mib(whole.rssGrowthMiB)} -> ${mib(summary.rssGrowthMiB)}`
  );
}

function rssOf(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

async function fill(backend: BackendProcess, settings: OrgSettings, functions: number): Promise<void> {
  for (;;) {
    const res = await backend.client!.callResource({ ...settings, role: 'Viewer', path: 'functions' });
    if (res.status === 200 && (res.json as FunctionsResponse).items.length === functions) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** a kubeconfig for grafana/grafana bound by the documented read-only RBAC: another token than the admin's */
export async function readerKubeconfig(cp: ControlPlane, dir: string): Promise<string> {
  await ensureNamespace(cp.adminKubeConfig, 'knative-lambda');
  await ensureNamespace(cp.adminKubeConfig, 'grafana');
  await cp.tokenFor('grafana', 'grafana');
  await applyYamlFile(cp.adminKubeConfig, 'backend/rbac/grafana-reader.yaml');
  const file = path.join(dir, 'reader.kubeconfig');
  fs.writeFileSync(file, (await cp.kubeConfigForServiceAccount('grafana', 'grafana')).exportConfig(), { mode: 0o600 });
  return file;
}

/** the built executable's RSS as orgs arrive: org 2 shares org 1's cache, org 3 (another token) does not */
export async function executableMemoryBenchmark(
  backend: BackendProcess,
  cp: ControlPlane,
  readerPath: string,
  functions: number
): Promise<void> {
  const org = (orgId: string, kubeconfigPath: string): OrgSettings => ({
    orgId,
    lastUpdatedMS: '1',
    jsonData: { kubernetes: { kubeconfigPath } },
  });
  const steps: Array<[string, OrgSettings]> = [
    ['org 1 (admin kubeconfig)', org('1', cp.kubeconfigPath)],
    ['+ org 2, identical settings (shares the cache)', org('2', cp.kubeconfigPath)],
    ['+ org 3, another token (a cache of its own)', org('3', readerPath)],
  ];
  console.log(`built executable, ${functions} functions (RSS after each org's first GET functions):`);
  let previous = rssOf(backend.child.pid!);
  console.log(`  started: RSS ${mib(previous)}`);
  for (const [label, settings] of steps) {
    await fill(backend, settings, functions);
    await new Promise((r) => setTimeout(r, 500));
    const rss = rssOf(backend.child.pid!);
    console.log(`  ${label}: RSS ${mib(rss)} (+${mib(rss - previous)})`);
    previous = rss;
  }
}
