// Every process the local node starts (builds, function wrappers, Deployment pods) runs in its own process group,
// listed in one pgid file that a detached watchdog reads: if the stack's Node process dies without stop()
// (even by SIGKILL), the watchdog kills the groups and removes the node's directory.
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ManagedProcess } from '../control-plane/processes';
import { killProcessSync, logTail, startProcess, startWatchdog, stopProcess } from '../control-plane/processes';

export type ProcessKind = 'build' | 'function' | 'pod';

export interface NodeProcessInfo {
  kind: ProcessKind;
  namespace: string;
  /** the Job, Revision or Deployment it belongs to */
  owner: string;
  /** the pod name the node gave it */
  pod: string;
  pid: number;
  /** loopback port → container port name, when it serves */
  ports: Record<string, number>;
  logPath: string;
}

export interface StartOptions {
  kind: ProcessKind;
  namespace: string;
  owner: string;
  pod: string;
  bin: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  ports?: Record<string, number>;
}

export interface NodeProcess {
  readonly info: NodeProcessInfo;
  readonly exited: Promise<string>;
  hasExited(): boolean;
  logTail(lines?: number): string;
  stop(graceMs?: number): Promise<void>;
}

export class NodeProcesses {
  readonly logDir: string;
  private readonly pgidFile: string;
  private readonly watchdog: ChildProcess;
  private readonly live = new Map<number, { managed: ManagedProcess; info: NodeProcessInfo }>();
  private counter = 0;
  private readonly onExit = () => this.live.forEach(({ managed }) => killProcessSync(managed));

  constructor(readonly rootDir: string) {
    this.logDir = path.join(rootDir, 'logs');
    fs.mkdirSync(this.logDir, { recursive: true });
    this.pgidFile = path.join(rootDir, 'pgids');
    fs.writeFileSync(this.pgidFile, '');
    this.watchdog = startWatchdog(this.pgidFile, rootDir);
    process.on('exit', this.onExit);
  }

  start(opts: StartOptions): NodeProcess {
    const logPath = path.join(this.logDir, `${opts.kind}-${opts.namespace}-${opts.pod}-${++this.counter}.log`);
    const managed = startProcess(opts.pod, opts.bin, opts.args, logPath, this.pgidFile, {
      env: opts.env,
      cwd: opts.cwd,
    });
    const pid = managed.child.pid!;
    const info: NodeProcessInfo = {
      kind: opts.kind,
      namespace: opts.namespace,
      owner: opts.owner,
      pod: opts.pod,
      pid,
      ports: opts.ports ?? {},
      logPath,
    };
    this.live.set(pid, { managed, info });
    void managed.exited.then(() => this.live.delete(pid));
    return {
      info,
      exited: managed.exited,
      hasExited: () => managed.hasExited(),
      logTail: (lines = 30) => logTail(managed, lines),
      stop: async (graceMs = 3000) => {
        await stopProcess(managed, graceMs);
        this.live.delete(pid);
      },
    };
  }

  list(): NodeProcessInfo[] {
    return [...this.live.values()].map(({ info }) => info);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live.values()].map(({ managed }) => stopProcess(managed, 3000)));
    this.live.clear();
    process.off('exit', this.onExit);
    this.watchdog.kill('SIGKILL');
  }
}
