// Child-process plumbing for the control plane: each server runs in its own process group so that one
// signal stops it and anything it spawned; a detached watchdog kills the groups and removes the data dir
// if the test process dies without calling stop() (crash, SIGKILL from jest).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  logPath: string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<string>;
  hasExited(): boolean;
}

export function startProcess(
  name: string,
  bin: string,
  args: string[],
  logPath: string,
  pgidFile: string,
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}
): ManagedProcess {
  const log = fs.openSync(logPath, 'a');
  const child = spawn(bin, args, { ...options, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) {
    throw new Error(`failed to start ${name} (${bin})`);
  }
  fs.appendFileSync(pgidFile, `${child.pid}\n`);
  let done = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve(signal ?? String(code));
    });
    child.once('error', (err) => {
      done = true;
      resolve(`spawn error: ${err.message}`);
    });
  });
  // Servers must not keep the test runner alive; stop() and the exit handler take care of them.
  child.unref();
  return { name, child, logPath, exited, hasExited: () => done };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

/** SIGTERM the process group, SIGKILL it after graceMs, resolve once the leader has exited. */
export async function stopProcess(p: ManagedProcess, graceMs = 5000): Promise<void> {
  const pid = p.child.pid;
  if (pid === undefined) {
    return;
  }
  if (!p.hasExited()) {
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    await p.exited;
    clearTimeout(timer);
  }
  // anything the leader left behind in its group
  signalGroup(pid, 'SIGKILL');
}

export function killProcessSync(p: ManagedProcess): void {
  if (p.child.pid !== undefined) {
    signalGroup(p.child.pid, 'SIGKILL');
  }
}

const WATCHDOG = `
parent="$1"; pgids="$2"; dir="$3"
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
for g in $(cat "$pgids" 2>/dev/null); do kill -TERM -- "-$g" 2>/dev/null; done
sleep 2
for g in $(cat "$pgids" 2>/dev/null); do kill -KILL -- "-$g" 2>/dev/null; done
rm -rf "$dir"
`;

/** Starts a detached watchdog that cleans up after this process if it dies without stopping the servers. */
export function startWatchdog(pgidFile: string, dataDir: string): ChildProcess {
  const w = spawn('bash', ['-c', WATCHDOG, 'watchdog', String(process.pid), pgidFile, dataDir], {
    detached: true,
    stdio: 'ignore',
    cwd: '/',
  });
  w.unref();
  return w;
}

export { freePort } from '../support/free-port';

export function logTail(p: ManagedProcess, lines = 30): string {
  try {
    return fs.readFileSync(p.logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls check() until it returns true; fails early if one of the watched processes exits. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  watched: ManagedProcess[] = []
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const dead = watched.find((p) => p.hasExited());
    if (dead) {
      throw new Error(`${dead.name} exited while waiting for ${what}:\n${logTail(dead)}`);
    }
    try {
      if (await check()) {
        return;
      }
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      const logs = watched.map((p) => `--- ${p.name} ---\n${logTail(p)}`).join('\n');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} ${lastError}\n${logs}`);
    }
    await sleep(delay);
  }
}
