// Runs one of the caching shell scripts beside this file (build.sh, fetch-crds.sh) and returns the lines it
// prints on stdout. Their progress on stderr goes straight to the terminal: a first run takes minutes.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export function runCacheScript(name: string, what: string): string[] {
  const script = path.join(__dirname, name);
  try {
    const out = execFileSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    return out.trim().split('\n');
  } catch (err) {
    throw new Error(`${what} failed (bash ${script}): ${(err as Error).message}`);
  }
}
