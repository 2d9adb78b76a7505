// Builds what each runtime needs to run locally, the same way the image build does: the bundled Node.js wrapper,
// and one Go binary per (function dir, handler) via go/build.sh. Python runs from source.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { bundleNodeWrapper } from '../nodejs/bundle';

export const PYTHON_WRAPPER_DIR = join(__dirname, '..', 'python');
const GO_BUILD_SCRIPT = join(__dirname, '..', 'go', 'build.sh');

export class RuntimeArtifacts {
  private readonly goBinaries = new Map<string, string>();

  constructor(private readonly dir: string) {}

  nodeWrapper(): string {
    const file = join(this.dir, 'wrapper.js');
    if (!existsSync(file)) {
      bundleNodeWrapper(file);
    }
    return file;
  }

  goBinary(functionDir: string, handler: string): string {
    const key = `${functionDir}\0${handler}`;
    let binary = this.goBinaries.get(key);
    if (!binary) {
      binary = join(this.dir, `go-${this.goBinaries.size}-${handler}`);
      try {
        execFileSync('sh', [GO_BUILD_SCRIPT, functionDir, handler, binary], { stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
        throw new Error(
          `building the Go function ${handler} from ${functionDir} failed (is Go >= 1.21 installed?):\n${stderr}`
        );
      }
      this.goBinaries.set(key, binary);
    }
    return binary;
  }
}
