// Trust boundaries of the backend between Grafana orgs and roles, through the BUILT executable over gRPC
// against a real kube-apiserver: which Kubernetes modes and kubeconfig files an org's Admin may use is the
// server's decision (GF_PLUGIN_* from [plugin.knative-lambda-app]), file errors say only "not allowed" or
// "cannot be read", and non-Admins never receive env values or inline source.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { CustomObjectsApi } from '@kubernetes/client-node';

import type { FunctionDetailResponse } from '../../backend/api/types';
import { REDACTED, specForRole } from '../../backend/resources/function-view';
import { SettingsError } from '../../backend/settings/app-settings';
import {
  allowedByServer,
  KUBECONFIG_DIRS_VARIABLE,
  modesFor,
  MODES_VARIABLE,
  serverPolicyFromEnv,
} from '../../backend/settings/server-policy';
import { lambdaFunction, LF } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { startControlPlane } from '../../local/control-plane/harness';
import type { BackendProcess } from '../../local/host/server/plugin-backend/backend-process';
import { startBackend } from '../../local/host/server/plugin-backend/backend-process';
import type { OrgSettings, Role } from '../../local/host/server/plugin-backend/plugin-client';

import { ensureNamespace } from './support/cluster-fixtures';

const NOT_CONFIGURED = 'Kubernetes access is not configured correctly: ';
const SECRET_VALUE = 'hunter2-db-password';
const SECRET_CODE = 'const apiKey = "sk-live-inline-secret";';

describe('server policy (unit)', () => {
  const kubeconfigAccess = (kubeconfigPath: string) => ({
    mode: 'kubeconfig' as const,
    kubeconfigPath,
    namespaces: null,
  });

  test('unset: the main org may use inCluster, other orgs only apiUrl (and kubeconfig files from allowed dirs)', () => {
    const policy = serverPolicyFromEnv({});
    expect(modesFor(policy, '1')).toEqual(['inCluster', 'kubeconfig', 'apiUrl']);
    expect(modesFor(policy, '2')).toEqual(['kubeconfig', 'apiUrl']);
    expect(() => allowedByServer({ mode: 'inCluster', namespaces: null }, '2', policy)).toThrow(
      'kubernetes.mode inCluster is not allowed on this Grafana server'
    );
    expect(() => allowedByServer(kubeconfigAccess('/etc/passwd'), '1', policy)).toThrow('not allowed');
  });

  test('set: the same list for every org; unknown modes and relative directories refuse to start', () => {
    const policy = serverPolicyFromEnv({ [MODES_VARIABLE]: 'apiUrl' });
    expect(modesFor(policy, '1')).toEqual(['apiUrl']);
    expect(() => serverPolicyFromEnv({ [MODES_VARIABLE]: 'apiUrl,root' })).toThrow(/unknown mode\(s\) root/);
    expect(() => serverPolicyFromEnv({ [KUBECONFIG_DIRS_VARIABLE]: 'kube' })).toThrow(/absolute/);
  });

  test('a kubeconfig outside the directories, or a symlink out of one, is not allowed; `..` does not escape', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-policy-'));
    try {
      const policy = serverPolicyFromEnv({ [KUBECONFIG_DIRS_VARIABLE]: path.join(dir, 'allowed') });
      fs.mkdirSync(path.join(dir, 'allowed'));
      fs.writeFileSync(path.join(dir, 'outside'), 'x');
      fs.symlinkSync(path.join(dir, 'outside'), path.join(dir, 'allowed', 'link'));
      for (const p of [
        path.join(dir, 'outside'),
        path.join(dir, 'allowed', '..', 'outside'),
        path.join(dir, 'allowed', 'link'),
      ]) {
        expect(() => allowedByServer(kubeconfigAccess(p), '1', policy)).toThrow('this kubeconfig path is not allowed');
      }
      expect(() => allowedByServer(kubeconfigAccess(path.join(dir, 'allowed', 'missing')), '1', policy)).toThrow(
        new SettingsError('this kubeconfig cannot be read')
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('redaction keeps names and non-secret fields', () => {
    const spec = {
      source: { inline: { code: SECRET_CODE, dependencies: 'left-pad==1' } },
      runtime: { language: 'nodejs', version: '20' },
      env: [{ name: 'DB_PASSWORD', value: SECRET_VALUE }, { name: 'EMPTY' }],
    };
    expect(specForRole(spec, false)).toEqual({
      source: { inline: { code: REDACTED, dependencies: REDACTED } },
      runtime: { language: 'nodejs', version: '20' },
      env: [{ name: 'DB_PASSWORD', value: REDACTED }, { name: 'EMPTY' }],
    });
    expect(specForRole(spec, true)).toEqual(spec);
  });
});

describe('through the built backend, against a real control plane', () => {
  let cp: ControlPlane;
  let tmp: string;
  let allowedDir: string;
  /** started with no server settings: the defaults */
  let defaults: BackendProcess;
  /** started with GF_PLUGIN_ALLOWED_KUBERNETES_MODES=kubeconfig,apiUrl and one kubeconfig directory */
  let configured: BackendProcess;

  beforeAll(async () => {
    cp = await startControlPlane();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-trust-'));
    allowedDir = path.join(tmp, 'kube');
    fs.mkdirSync(allowedDir);
    fs.copyFileSync(cp.kubeconfigPath, path.join(allowedDir, 'admin'));
    fs.writeFileSync(path.join(allowedDir, 'not-a-kubeconfig'), 'root:x:0:0:root:/root:/bin/bash\n');
    fs.symlinkSync(cp.kubeconfigPath, path.join(allowedDir, 'link-out'));
    await ensureNamespace(cp.adminKubeConfig, 'team-secret');
    await cp.adminKubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: LF.group,
      version: LF.version,
      plural: LF.plural,
      namespace: 'team-secret',
      body: lambdaFunction('team-secret', 'payments', {
        source: { inline: { code: `${SECRET_CODE}\nexports.handler = async () => ({ ok: true });\n` } },
        env: [
          { name: 'DB_PASSWORD', value: SECRET_VALUE },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
      }),
    });
    defaults = await startBackend();
    configured = await startBackend({
      env: { [MODES_VARIABLE]: 'kubeconfig,apiUrl', [KUBECONFIG_DIRS_VARIABLE]: allowedDir },
    });
  }, 180_000);

  afterAll(async () => {
    defaults?.kill();
    configured?.kill();
    await cp?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let lastUpdated = 1_700_000_000_000;
  const call = async (backend: BackendProcess, org: OrgSettings, opts: { path?: string; role?: Role } = {}) => {
    const res = await backend.client!.callResource({
      path: opts.path ?? 'functions',
      role: opts.role ?? 'Viewer',
      lastUpdatedMS: String(++lastUpdated),
      ...org,
    });
    return { status: res.status, text: res.body.toString('utf8'), json: res.json as { message?: string } };
  };
  const kubeconfigOrg = (orgId: string, kubeconfigPath: string): OrgSettings => ({
    orgId,
    jsonData: { kubernetes: { mode: 'kubeconfig', kubeconfigPath } },
  });

  test('by default another org`s Admin cannot borrow Grafana`s service account or read host files', async () => {
    const inCluster = await call(
      defaults,
      { orgId: '2', jsonData: { kubernetes: { mode: 'inCluster' } } },
      { role: 'Admin' }
    );
    expect(inCluster.status).toBe(503);
    expect(inCluster.json.message).toBe(
      `${NOT_CONFIGURED}kubernetes.mode inCluster is not allowed on this Grafana server`
    );
    // the main org may (here it fails only because this is not a pod)
    const main = await call(defaults, { orgId: '1', jsonData: { kubernetes: { mode: 'inCluster' } } });
    expect(main.json.message).toMatch(/not running in a Kubernetes pod/);
    // no kubeconfig directory is allowed by default: an existing file and a missing one get the same answer
    const answers = await Promise.all(
      [cp.kubeconfigPath, '/etc/passwd', '/nonexistent/kubeconfig'].map((p, i) =>
        call(defaults, kubeconfigOrg(String(10 + i), p))
      )
    );
    expect(new Set(answers.map((a) => a.json.message))).toEqual(
      new Set([`${NOT_CONFIGURED}this kubeconfig path is not allowed on this Grafana server`])
    );
  });

  test('the server`s list narrows every org, the main org included; per-org settings cannot widen it', async () => {
    const res = await call(
      configured,
      { orgId: '1', jsonData: { kubernetes: { mode: 'inCluster' } } },
      { role: 'Admin' }
    );
    expect(res.json.message).toBe(`${NOT_CONFIGURED}kubernetes.mode inCluster is not allowed on this Grafana server`);
  });

  test('inside an allowed directory: missing and unreadable files look the same; a symlink out is not allowed', async () => {
    const missing = await call(configured, kubeconfigOrg('20', path.join(allowedDir, 'missing')));
    const garbage = await call(configured, kubeconfigOrg('21', path.join(allowedDir, 'not-a-kubeconfig')));
    expect(missing.json.message).toBe(`${NOT_CONFIGURED}this kubeconfig cannot be read`);
    expect(garbage.json.message).toBe(missing.json.message);
    expect(garbage.text).not.toContain('root:');
    const link = await call(configured, kubeconfigOrg('22', path.join(allowedDir, 'link-out')));
    expect(link.json.message).toBe(`${NOT_CONFIGURED}this kubeconfig path is not allowed on this Grafana server`);
    const escape = await call(configured, kubeconfigOrg('23', path.join(allowedDir, '..', '..', cp.kubeconfigPath)));
    expect(escape.json.message).toMatch(/not allowed/);
  });

  describe('Viewers and Editors get env values and inline source redacted, in every route', () => {
    const org = () => kubeconfigOrg('30', path.join(allowedDir, 'admin'));
    const detail = async (role: Role) => {
      for (const deadline = Date.now() + 20_000; ;) {
        const res = await call(
          configured,
          { ...org(), lastUpdatedMS: '1700000000030' },
          { path: 'functions/team-secret/payments', role }
        );
        if (res.status === 200 || Date.now() > deadline) {
          return res;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    test.each(['Viewer', 'Editor'] as Role[])('%s', async (role) => {
      const res = await detail(role);
      expect(res.status).toBe(200);
      const spec = (res.json as unknown as FunctionDetailResponse).spec as any;
      expect(spec.env).toEqual([
        { name: 'DB_PASSWORD', value: REDACTED },
        { name: 'LOG_LEVEL', value: REDACTED },
      ]);
      expect(spec.source.inline.code).toBe(REDACTED);
      expect(spec.runtime.language).toBe('nodejs');
      const routes: Array<[string, string]> = [
        ['functions/team-secret/payments', ''],
        ['functions', ''],
        ['functions', 'namespace=team-secret'],
        ['operator', ''],
      ];
      for (const [routePath, query] of routes) {
        const res = await configured.client!.callResource({
          ...org(),
          lastUpdatedMS: '1700000000030',
          path: routePath,
          query,
          role,
        });
        const body = res.body.toString('utf8');
        expect(body).not.toContain(SECRET_VALUE);
        expect(body).not.toContain('sk-live-inline-secret');
      }
    });

    test('Admin sees them', async () => {
      const res = await detail('Admin');
      const spec = (res.json as unknown as FunctionDetailResponse).spec as any;
      expect(spec.env[0]).toEqual({ name: 'DB_PASSWORD', value: SECRET_VALUE });
      expect(spec.source.inline.code).toContain(SECRET_CODE);
    });
  });
});
