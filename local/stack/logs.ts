// Each component's log lines go to <state>/logs/<component>.log, so the terminal shows only the stack's phases.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

import type { StackPaths } from './state-dir';

export function appendLog(paths: StackPaths, component: string, line: string): void {
  appendFileSync(join(paths.logs, `${component}.log`), `${new Date().toISOString()} ${line}\n`);
}
