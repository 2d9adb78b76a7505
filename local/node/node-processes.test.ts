// Every process the node starts dies with the node, even when the node's process is SIGKILLed (the watchdog).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { waitFor } from '../support/wait-for';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('a SIGKILLed node process leaves no child, grandchild or directory behind', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing/hold-processes.ts')], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const held = await new Promise<{ dir: string; pids: number[]; grandchildFile: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) {
          resolve(JSON.parse(out.split('\n')[0]));
        }
      });
      child.once('exit', (code) => reject(new Error(`hold-processes.ts exited (${code})`)));
    });
    const grandchild = await waitFor('the grandchild pid', async () => {
      const text = fs.existsSync(held.grandchildFile) ? fs.readFileSync(held.grandchildFile, 'utf8').trim() : '';
      return text ? Number(text) : undefined;
    });
    const pids = [...held.pids, grandchild];
    expect(pids.every(alive)).toBe(true);
    child.kill('SIGKILL');
    await waitFor('everything gone', async () => !pids.some(alive) && !fs.existsSync(held.dir), {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
    fs.rmSync(held.grandchildFile, { force: true });
  } finally {
    child.kill('SIGKILL');
  }
}, 30_000);
