import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { RULES_CONFIG } from './config';
import { OUTPUT_PATHS, REPO_ROOT, renderOutputs } from './outputs';

function main(): void {
  const files = renderOutputs(RULES_CONFIG);
  const runbookDir = join(REPO_ROOT, OUTPUT_PATHS.runbooks);
  mkdirSync(runbookDir, { recursive: true });
  for (const stale of readdirSync(runbookDir)) {
    if (!files.has(`${OUTPUT_PATHS.runbooks}/${stale}`)) {
      rmSync(join(runbookDir, stale));
    }
  }
  for (const [path, content] of files) {
    mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
    writeFileSync(join(REPO_ROOT, path), content);
  }
  console.error(`generated ${files.size} files`);
}

main();
