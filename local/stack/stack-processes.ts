// The processes of one running stack, found from /proc: those that inherited a marker in their environment, and
// those the local node and the host start with an environment of their own (pods, the backend), which carry the
// stack's state directory in their environment, command line or working directory.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const PAGE_KIB = 4;

export interface StackProcess {
  pid: number;
  name: string;
  /** user + system CPU time so far, in clock ticks (1/100 s) */
  cpuTicks: number;
  rssKib: number;
}

export interface StackIdentity {
  /** `NAME=value` in the environment of the stack's process, inherited by what it spawns */
  marker: string;
  stateDir: string;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function belongs(pid: string, identity: StackIdentity): boolean {
  const environ = read(`/proc/${pid}/environ`);
  if (environ.split('\0').includes(identity.marker) || environ.includes(identity.stateDir)) {
    return true;
  }
  if (read(`/proc/${pid}/cmdline`).includes(identity.stateDir)) {
    return true;
  }
  try {
    return readlinkSync(`/proc/${pid}/cwd`).startsWith(identity.stateDir);
  } catch {
    return false;
  }
}

export function stackProcesses(identity: StackIdentity, alsoPids: number[] = []): StackProcess[] {
  const found: StackProcess[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (!alsoPids.includes(Number(pid)) && !belongs(pid, identity)) {
      continue;
    }
    const stat = read(`/proc/${pid}/stat`);
    const statm = read(`/proc/${pid}/statm`);
    if (!stat || !statm) {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    found.push({
      pid: Number(pid),
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssKib: Number(statm.split(' ')[1]) * PAGE_KIB,
    });
  }
  return found;
}
