// The control plane leaves nothing behind: not after stop(), not when its process exits without stop(),
// not when its process is SIGKILLed (the watchdog cleans up).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startControlPlane } from '../../local/control-plane/harness';
import { processAlive } from '../../local/support/process-alive';

const HOLD = path.resolve(__dirname, '../../local/control-plane/hold.ts');

async function gone(held: { dataDir: string; pids: number[] }, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!held.pids.some(processAlive) && !fs.existsSync(held.dataDir)) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL'))); // its watchdog then cleans up

function hold(mode: 'hang' | 'exit') {
  // node itself with tsx's loader (the tsx CLI would put a second process between us and the harness)
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD, mode], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const held = new Promise<{ dataDir: string; pids: number[] }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        resolve(JSON.parse(out.split('\n')[0]));
      }
    });
    child.once('exit', (code) => reject(new Error(`hold.ts exited (${code}) before the control plane was up`)));
  });
  return { child, held };
}

test('stop() ends etcd and kube-apiserver and removes the data', async () => {
  const cp = await startControlPlane({ crds: [], faultProxy: false });
  expect(cp.pids.every(processAlive)).toBe(true);
  expect(fs.existsSync(path.join(cp.dataDir, 'etcd'))).toBe(true);
  await cp.stop();
  expect(cp.pids.some(processAlive)).toBe(false);
  expect(fs.existsSync(cp.dataDir)).toBe(false);
  await cp.stop(); // idempotent
}, 120_000);

test('a process that exits without stop() leaves nothing behind (exit handler)', async () => {
  const { held } = hold('exit');
  const h = await held.catch(() => undefined);
  expect(h).toBeDefined();
  expect(await gone(h!, 5_000)).toBe(true);
}, 120_000);

test('a SIGKILLed test process leaves nothing behind (watchdog)', async () => {
  const { child, held } = hold('hang');
  const h = await held;
  expect(h.pids.every(processAlive)).toBe(true);
  child.kill('SIGKILL');
  expect(await gone(h, 15_000)).toBe(true);
}, 120_000);
