// Removes the run directory when the stack's process dies without stopping (SIGKILL, OOM): the components'
// own watchdogs kill their processes within a few seconds of the parent's death, then this one removes `run/`.
import { spawn } from 'node:child_process';

const AFTER_COMPONENT_WATCHDOGS_SECONDS = 5;

const SCRIPT = `
parent="$1"; dir="$2"
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
sleep ${AFTER_COMPONENT_WATCHDOGS_SECONDS}
rm -rf "$dir"
`;

export function watchRunDir(runDir: string): void {
  const watchdog = spawn('bash', ['-c', SCRIPT, 'stack-watchdog', String(process.pid), runDir], {
    detached: true,
    stdio: 'ignore',
    cwd: '/',
  });
  watchdog.unref();
}
