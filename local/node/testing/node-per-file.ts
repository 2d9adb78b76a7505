// One real control plane and one local node per test file, with the node's log printed when a test fails.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { KubernetesObject } from '@kubernetes/client-node';
import { KubernetesObjectApi, loadAllYaml } from '@kubernetes/client-node';

import type { ControlPlane } from '../../control-plane/harness';
import { startControlPlane } from '../../control-plane/harness';
import type { LocalNode } from '../index';
import { startLocalNode } from '../index';

export const REPO = path.resolve(__dirname, '../../..');
const BASE = path.join(REPO, 'pkg-operator/k8s/base');

/** the objects of one file of the operator's kustomize base */
export const manifests = (file: string) =>
  loadAllYaml(fs.readFileSync(path.join(BASE, file), 'utf8')) as KubernetesObject[];

export interface NodeEnv {
  cp: ControlPlane;
  node: LocalNode;
  targetsDir: string;
  objects: KubernetesObjectApi;
}

export function localNodePerFile(opts: { idleWindowMs?: number; setup?: (env: NodeEnv) => Promise<void> } = {}) {
  let env: NodeEnv | undefined;
  let stateDir = '';
  const logs: string[] = [];
  beforeAll(async () => {
    const cp = await startControlPlane({ faultProxy: false });
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-node-test-'));
    const targetsDir = path.join(stateDir, 'targets');
    const node = await startLocalNode({
      adminKubeConfig: cp.adminKubeConfig,
      apiServerUrl: cp.url,
      caPem: cp.caPem,
      repoRoot: REPO,
      stateDir,
      targetsDir,
      idleWindowMs: opts.idleWindowMs,
      log: (line) => logs.push(line),
    });
    env = { cp, node, targetsDir, objects: KubernetesObjectApi.makeApiClient(cp.adminKubeConfig) };
    await opts.setup?.(env);
  }, 120_000);
  afterAll(async () => {
    if (process.env.KNATIVE_LAMBDA_NODE_LOG) {
      process.stdout.write(`local node log:\n${logs.join('\n')}\n`);
    }
    await env?.node.stop();
    await env?.cp.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });
  afterEach(() => {
    if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
      process.stdout.write(`local node log:\n${logs.join('\n')}\n`);
    }
  });
  return (): NodeEnv => {
    if (!env) {
      throw new Error('the local node has not started');
    }
    return env;
  };
}
