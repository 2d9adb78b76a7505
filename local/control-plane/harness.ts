// A real Kubernetes control plane for tests (envtest-style: etcd + kube-apiserver, no kubelet, no
// controller-manager), optionally fronted by the fault-injection proxy. One per test file:
//
//   let cp: ControlPlane;
//   beforeAll(async () => { cp = await startControlPlane(); }, 180_000);
//   afterAll(() => cp?.stop());
//
// See README.md for what differs from a real cluster.
import type { ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';

import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

import { ensureBinaries } from './binaries';
import { defaultCrdPaths, installCrds } from './crds';
import { FaultProxy } from './fault-proxy';
import type { ManagedProcess } from './processes';
import { freePort, killProcessSync, startProcess, startWatchdog, stopProcess, waitUntil } from './processes';

export { ensureBinaries, ensureKubectl, serverVersion, withinOneMinor } from './binaries';
export { defaultCrdPaths, HAND_WRITTEN_CRDS, lambdaFunctionCrdPath, PRODUCT_CRD } from './crds';
export { ensureUpstreamCrds, upstreamCrdPaths } from './upstream-crds';
export type { UpstreamCrdSource } from './upstream-crds';
export { FaultProxy } from './fault-proxy';
export type { FaultAction, FaultRule, RecordedRequest } from './fault-proxy';

export interface ControlPlaneOptions {
  /** CRD files to install at start; default: defaultCrdPaths() (LambdaFunction + upstream + hand-written). [] for none. */
  crds?: string[];
  /** start the fault-injection proxy (default true) */
  faultProxy?: boolean;
  /** extra kube-apiserver flags, e.g. ['--feature-gates=...'] */
  apiserverArgs?: string[];
  /** budget for etcd + apiserver readiness (default 90 s) */
  startTimeoutMs?: number;
}

export interface ServiceAccountKubeConfigOptions {
  /** point the KubeConfig at the fault proxy instead of the API server */
  viaProxy?: boolean;
  expirationSeconds?: number;
}

export interface ControlPlaneTimings {
  etcdReadyMs: number;
  apiserverReadyMs: number;
  crdsMs: number;
  totalMs: number;
}

export interface ControlPlane {
  /** https://127.0.0.1:<port> of kube-apiserver */
  url: string;
  /** kubeconfig file for the admin identity (system:masters), valid until stop() */
  kubeconfigPath: string;
  adminKubeConfig: KubeConfig;
  /** the fault proxy (undefined when started with faultProxy: false) */
  proxy?: FaultProxy;
  /** admin identity, through the fault proxy */
  proxyKubeConfig?: KubeConfig;
  /** PEM of the API server's serving certificate chain */
  caPem: string;
  timings: ControlPlaneTimings;
  /** temp dir with the etcd data, keys, certificates, logs and kubeconfig; removed by stop() */
  dataDir: string;
  /** process-group ids of etcd and kube-apiserver */
  pids: number[];
  /** Mints a token for namespace/serviceAccount through the TokenRequest API (creating both if missing). */
  tokenFor(namespace: string, serviceAccount: string, expirationSeconds?: number): Promise<string>;
  kubeConfigForServiceAccount(
    namespace: string,
    serviceAccount: string,
    opts?: ServiceAccountKubeConfigOptions
  ): Promise<KubeConfig>;
  installCrds(paths: string[]): Promise<V1CustomResourceDefinition[]>;
  stop(): Promise<void>;
}

interface Running {
  processes: ManagedProcess[];
  dataDir: string;
  watchdog?: ChildProcess;
}

const live = new Set<Running>();
let exitHandlerInstalled = false;

function installExitHandler(): void {
  if (exitHandlerInstalled) {
    return;
  }
  exitHandlerInstalled = true;
  process.on('exit', () => {
    for (const r of live) {
      r.processes.forEach(killProcessSync);
      fs.rmSync(r.dataDir, { recursive: true, force: true });
    }
  });
}

function httpsStatus(url: string, token: string, ca?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      { headers: { authorization: `Bearer ${token}` }, ca, rejectUnauthorized: ca !== undefined, timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.status === 200;
}

function kubeConfigFor(server: string, caPem: string | undefined, user: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'test-control-plane',
        server,
        caData: caPem ? Buffer.from(caPem).toString('base64') : undefined,
        // client-node refuses http:// (the fault proxy) unless skipTLSVerify is set
        skipTLSVerify: server.startsWith('http:'),
      },
    ],
    users: [{ name: user, token }],
    contexts: [{ name: 'test-control-plane', cluster: 'test-control-plane', user }],
    currentContext: 'test-control-plane',
  });
  return kc;
}

function apiStatusCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; statusCode?: unknown };
  return typeof e?.code === 'number' ? e.code : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
}

async function createIgnoringConflict(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (err) {
    if (apiStatusCode(err) !== 409) {
      throw err;
    }
  }
}

async function startServers(dataDir: string, running: Running, opts: ControlPlaneOptions) {
  const bins = ensureBinaries();
  const timeout = opts.startTimeoutMs ?? 90_000;
  const pgids = path.join(dataDir, 'pgids');
  const t0 = Date.now();

  const [clientPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcdUrl = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  // etcd, as envtest runs it: single member, loopback only, no fsync (data is thrown away)
  const etcd = startProcess(
    'etcd',
    bins.etcd,
    [
      '--name=default',
      `--data-dir=${path.join(dataDir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=default=${peerUrl}`,
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ],
    path.join(dataDir, 'etcd.log'),
    pgids
  );
  running.processes.push(etcd);
  await waitUntil('etcd /health', () => httpOk(`${etcdUrl}/health`), timeout, [etcd]);
  const etcdReadyMs = Date.now() - t0;

  const adminToken = crypto.randomBytes(24).toString('hex');
  fs.writeFileSync(path.join(dataDir, 'tokens.csv'), `${adminToken},test-admin,test-admin-uid,"system:masters"\n`, {
    mode: 0o600,
  });
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  fs.writeFileSync(path.join(dataDir, 'sa.pub'), publicKey);
  fs.writeFileSync(path.join(dataDir, 'sa.key'), privateKey, { mode: 0o600 });
  const certDir = path.join(dataDir, 'certs');
  const apiserver = startProcess(
    'kube-apiserver',
    bins.kubeApiserver,
    [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${certDir}`, // self-signed serving certificate generated here
      '--service-cluster-ip-range=10.0.0.0/24',
      '--allow-privileged=true',
      '--authorization-mode=RBAC',
      `--token-auth-file=${path.join(dataDir, 'tokens.csv')}`,
      `--service-account-key-file=${path.join(dataDir, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(dataDir, 'sa.key')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--api-audiences=https://kubernetes.default.svc.cluster.local',
      '--profiling=false',
      ...(opts.apiserverArgs ?? []),
    ],
    path.join(dataDir, 'kube-apiserver.log'),
    pgids
  );
  running.processes.push(apiserver);
  const url = `https://127.0.0.1:${apiPort}`;
  await waitUntil(
    'kube-apiserver /readyz',
    async () => (await httpsStatus(`${url}/readyz`, adminToken)) === 200,
    timeout,
    [etcd, apiserver]
  );
  const caPem = fs.readFileSync(path.join(certDir, 'apiserver.crt'), 'utf8');
  // the generated chain must verify for 127.0.0.1, or clients could not use it as their CA
  const verified = await httpsStatus(`${url}/readyz`, adminToken, caPem);
  if (verified !== 200) {
    throw new Error(`kube-apiserver readyz through verified TLS returned ${verified}`);
  }
  return { url, adminToken, caPem, etcdReadyMs, apiserverReadyMs: Date.now() - t0 };
}

export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  ensureBinaries(); // before the clock starts: a first build (or fetch, below) is not startup time
  const crdPaths = opts.crds ?? defaultCrdPaths();
  installExitHandler();
  const t0 = Date.now();
  let running: Running | undefined;
  let servers: Awaited<ReturnType<typeof startServers>> | undefined;
  for (let attempt = 1; !servers; attempt++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'knl-control-plane-'));
    running = { processes: [], dataDir };
    live.add(running);
    running.watchdog = startWatchdog(path.join(dataDir, 'pgids'), dataDir);
    try {
      servers = await startServers(dataDir, running, opts);
    } catch (err) {
      await teardown(running);
      // another process may have taken one of the free ports between probe and bind: retry then
      if (attempt >= 3 || !/address already in use/.test(String(err))) {
        throw err;
      }
    }
  }
  const r = running!;
  const { url, adminToken, caPem } = servers;
  const adminKubeConfig = kubeConfigFor(url, caPem, 'test-admin', adminToken);
  const kubeconfigPath = path.join(r.dataDir, 'kubeconfig');
  fs.writeFileSync(kubeconfigPath, adminKubeConfig.exportConfig(), { mode: 0o600 });

  let proxy: FaultProxy | undefined;
  let proxyKubeConfig: KubeConfig | undefined;
  try {
    if (opts.faultProxy !== false) {
      proxy = new FaultProxy({ upstream: url, ca: caPem });
      await proxy.start();
      proxyKubeConfig = proxy.kubeConfig(adminKubeConfig);
    }
    const tCrds = Date.now();
    await installCrds(adminKubeConfig, crdPaths);
    const timings: ControlPlaneTimings = {
      etcdReadyMs: servers.etcdReadyMs,
      apiserverReadyMs: servers.apiserverReadyMs,
      crdsMs: Date.now() - tCrds,
      totalMs: Date.now() - t0,
    };

    const core = adminKubeConfig.makeApiClient(CoreV1Api);
    const tokenFor = async (namespace: string, serviceAccount: string, expirationSeconds = 3600): Promise<string> => {
      await createIgnoringConflict(() => core.createNamespace({ body: { metadata: { name: namespace } } }));
      await createIgnoringConflict(() =>
        core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: serviceAccount } } })
      );
      const tr = await core.createNamespacedServiceAccountToken({
        name: serviceAccount,
        namespace,
        body: { spec: { audiences: [], expirationSeconds } },
      });
      if (!tr.status?.token) {
        throw new Error(`TokenRequest for ${namespace}/${serviceAccount} returned no token`);
      }
      return tr.status.token;
    };

    let stopped: Promise<void> | undefined;
    return {
      url,
      kubeconfigPath,
      adminKubeConfig,
      proxy,
      proxyKubeConfig,
      caPem,
      timings,
      dataDir: r.dataDir,
      pids: r.processes.map((p) => p.child.pid!),
      tokenFor,
      async kubeConfigForServiceAccount(namespace, serviceAccount, saOpts = {}) {
        const token = await tokenFor(namespace, serviceAccount, saOpts.expirationSeconds);
        const user = `system:serviceaccount:${namespace}:${serviceAccount}`;
        if (saOpts.viaProxy) {
          if (!proxy) {
            throw new Error('control plane was started with faultProxy: false');
          }
          return kubeConfigFor(proxy.url, undefined, user, token);
        }
        return kubeConfigFor(url, caPem, user, token);
      },
      installCrds: (paths) => installCrds(adminKubeConfig, paths),
      stop() {
        stopped ??= (async () => {
          await proxy?.stop();
          await teardown(r);
        })();
        return stopped;
      },
    };
  } catch (err) {
    await proxy?.stop();
    await teardown(r);
    throw err;
  }
}

async function teardown(r: Running): Promise<void> {
  // apiserver first (it would log etcd errors otherwise), then etcd
  for (const p of [...r.processes].reverse()) {
    await stopProcess(p);
  }
  if (process.env.KNATIVE_LAMBDA_KEEP_CONTROL_PLANE_LOGS) {
    for (const p of r.processes) {
      fs.copyFileSync(p.logPath, path.join(os.tmpdir(), `knl-${p.name}-${process.pid}.log`));
    }
  }
  fs.rmSync(r.dataDir, { recursive: true, force: true });
  r.watchdog?.kill('SIGKILL');
  live.delete(r);
}
