// One real control plane (with the fault proxy) for a whole test file, plus a temporary directory the server
// policy allows kubeconfig files in; faults are cleared after each test. Call at the top level of the file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { KUBECONFIG_DIRS_VARIABLE } from '../../../backend/settings/server-policy';
import type { ControlPlane } from '../../../local/control-plane/harness';
import { startControlPlane } from '../../../local/control-plane/harness';

export interface ControlPlaneSuite {
  cp: ControlPlane;
  /** allowed by GF_PLUGIN_KUBECONFIG_DIRS while the file runs */
  dir: string;
}

export function controlPlaneSuite(prefix: string): ControlPlaneSuite {
  const suite = {} as ControlPlaneSuite;
  const savedDirs = process.env[KUBECONFIG_DIRS_VARIABLE];
  beforeAll(async () => {
    suite.cp = await startControlPlane();
    suite.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    process.env[KUBECONFIG_DIRS_VARIABLE] = suite.dir;
  }, 180_000);
  afterAll(async () => {
    process.env[KUBECONFIG_DIRS_VARIABLE] = savedDirs;
    await suite.cp?.stop();
    if (suite.dir) {
      fs.rmSync(suite.dir, { recursive: true, force: true });
    }
  });
  afterEach(() => suite.cp?.proxy!.clearFaults());
  return suite;
}
