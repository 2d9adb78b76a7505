// One real control plane per test file with the operator's manifests applied (namespace, service account,
// RBAC from k8s/base), and operators started in-process with the service account's own token — never admin.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { BatchV1Api, CoreV1Api, CustomObjectsApi, KubernetesObjectApi, loadAllYaml } from '@kubernetes/client-node';

import type { ControlPlane } from '../../../local/control-plane/harness';
import { startControlPlane } from '../../../local/control-plane/harness';
import type { OperatorConfig } from '../../src/config/config';
import { loadConfig } from '../../src/config/config';
import { NAMESPACE_ENABLED_LABEL, optInRoleBinding } from '../../src/kube/namespace-opt-in';
import type { OperatorOverrides, RunningOperator } from '../../src/operator';
import { startOperator } from '../../src/operator';

export const OPERATOR_NAMESPACE = 'knative-lambda';
export const OPERATOR_SA = 'knative-lambda-operator';
const BASE = path.resolve(__dirname, '../../k8s/base');

export interface OperatorEnv {
  cp: ControlPlane;
  custom: CustomObjectsApi;
  batch: BatchV1Api;
  core: CoreV1Api;
  tmpDir: string;
  /** the operator's service-account identity, direct or through the fault proxy */
  operatorKubeConfig(viaProxy?: boolean): Promise<KubeConfig>;
  config(extraFlags?: string[]): OperatorConfig;
  startOperator(opts?: {
    flags?: string[];
    viaProxy?: boolean;
    overrides?: OperatorOverrides;
  }): Promise<RunningOperator>;
  /** a namespace that opted in to functions (label + RoleBinding), unless `enabled: false` */
  createNamespace(name: string, opts?: { enabled?: boolean }): Promise<string>;
  logs: string[];
  stop(): Promise<void>;
}

function manifests(file: string): KubernetesObject[] {
  return loadAllYaml(fs.readFileSync(path.join(BASE, file), 'utf8')) as KubernetesObject[];
}

export async function startOperatorEnv(): Promise<OperatorEnv> {
  const cp = await startControlPlane();
  const admin = cp.adminKubeConfig;
  const objects = KubernetesObjectApi.makeApiClient(admin);
  for (const obj of [...manifests('namespace.yaml'), ...manifests('serviceaccount.yaml'), ...manifests('rbac.yaml')]) {
    await objects.create(obj);
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-test-'));
  const running: RunningOperator[] = [];
  const logs: string[] = [];
  let counter = 0;
  const core = admin.makeApiClient(CoreV1Api);
  const env: OperatorEnv = {
    cp,
    custom: admin.makeApiClient(CustomObjectsApi),
    batch: admin.makeApiClient(BatchV1Api),
    core,
    tmpDir,
    logs,
    operatorKubeConfig: (viaProxy = false) =>
      cp.kubeConfigForServiceAccount(OPERATOR_NAMESPACE, OPERATOR_SA, { viaProxy }),
    config: (extraFlags = []) =>
      loadConfig(
        [
          '--metrics-bind-address=127.0.0.1:0',
          `--leader-election-namespace=${OPERATOR_NAMESPACE}`,
          `--identity=test-operator-${++counter}`,
          '--registry=registry.test:5000',
          `--tmp-dir=${tmpDir}`,
          '--allow-source-hosts=127.0.0.1',
          '--workers=4',
          ...extraFlags,
        ],
        {}
      ),
    async startOperator(opts = {}) {
      const kubeConfig = await env.operatorKubeConfig(opts.viaProxy);
      const operator = await startOperator(env.config(opts.flags), {
        kubeConfig,
        log: (msg) => logs.push(msg),
        backoff: { baseMs: 20, maxMs: 2000 },
        ...opts.overrides,
      });
      running.push(operator);
      return operator;
    },
    async createNamespace(name, { enabled = true } = {}) {
      const labels = enabled ? { [NAMESPACE_ENABLED_LABEL]: 'true' } : undefined;
      await core.createNamespace({ body: { metadata: { name, labels } } });
      if (enabled) {
        await objects.create(optInRoleBinding(name, { namespace: OPERATOR_NAMESPACE, serviceAccount: OPERATOR_SA }));
      }
      return name;
    },
    async stop() {
      await Promise.all(running.map((o) => o.stop()));
      await cp.stop();
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
  return env;
}

/** one control plane for the calling test file: started before its tests, stopped after them */
export function operatorEnvPerFile(): () => OperatorEnv {
  let env: OperatorEnv | undefined;
  beforeAll(async () => {
    env = await startOperatorEnv();
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
  });
  return () => {
    if (!env) {
      throw new Error('the operator test environment has not started');
    }
    return env;
  };
}
