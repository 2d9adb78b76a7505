// LambdaFunctions in the API server for the bench: created in bulk, then marked Ready through the status
// subresource as the operator would, so the backend's list carries phases like a running cluster's. Over one
// keep-alive https agent: client-node 1.4 opens a new TLS connection per request, several times slower here.
import * as https from 'node:https';

import { LF, lambdaFunction } from '../../../local/control-plane/fixtures';
import type { ControlPlane } from '../../../local/control-plane/harness';
import { parallel } from '../bench-kit';

import type { BenchFunction } from './backfill';

const NAMESPACES = 20;
const CONCURRENCY = 32;

export function benchFunction(i: number): BenchFunction {
  return { namespace: `bench-${i % NAMESPACES}`, name: `fn-${i}`, runtime: i % 3 === 2 ? 'python' : 'nodejs' };
}

function runtimeSpec(runtime: string) {
  return runtime === 'python'
    ? { language: 'python', version: '3.12', handler: 'main.handler' }
    : { language: 'nodejs', version: '20', handler: 'index.handler' };
}

function readyStatus(now: string) {
  return {
    status: {
      phase: 'Ready',
      observedGeneration: 1,
      conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: '', lastTransitionTime: now }],
    },
  };
}

type Send = (method: 'POST' | 'PATCH', path: string, contentType: string, body: unknown) => Promise<void>;

function kubeClient(cp: ControlPlane, agent: https.Agent): Send {
  const token = cp.adminKubeConfig.getCurrentUser()?.token;
  return (method, path, contentType, body) =>
    new Promise<void>((resolve, reject) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': contentType };
      https
        .request(`${cp.url}${path}`, { method, agent, headers }, (res) => {
          let text = '';
          res.on('data', (d) => (text = (text + String(d)).slice(0, 2000)));
          res.on('end', () =>
            (res.statusCode ?? 500) < 300
              ? resolve()
              : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))
          );
        })
        .on('error', reject)
        .end(JSON.stringify(body));
    });
}

/** Grows the cluster from `from` to `to` functions; returns the seconds it took. */
export async function createFunctions(cp: ControlPlane, from: number, to: number): Promise<number> {
  const t0 = performance.now();
  if (from === 0) {
    for (let n = 0; n < NAMESPACES; n++) {
      await cp.tokenFor(`bench-${n}`, 'default'); // creates the namespace
    }
  }
  const agent = new https.Agent({ keepAlive: true, ca: cp.caPem, maxSockets: CONCURRENCY });
  const send = kubeClient(cp, agent);
  const now = new Date().toISOString();
  try {
    await parallel(to - from, CONCURRENCY, async (k) => {
      const f = benchFunction(from + k);
      const collection = `/apis/${LF.group}/${LF.version}/namespaces/${f.namespace}/${LF.plural}`;
      const body = lambdaFunction(f.namespace, f.name, { runtime: runtimeSpec(f.runtime) });
      await send('POST', collection, 'application/json', body);
      await send('PATCH', `${collection}/${f.name}/status`, 'application/merge-patch+json', readyStatus(now));
    });
  } finally {
    agent.destroy();
  }
  return (performance.now() - t0) / 1000;
}
