// One pod of a Deployment run as a local process, as the kubelet would: env resolved (a missing Secret keeps it
// waiting in CreateContainerConfigError), the ServiceAccount's own token, loopback ports, an httpGet readiness
// probe, and restarts with backoff after a crash.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { V1PodTemplateSpec } from '@kubernetes/client-node';

import type { NodeContext } from '../context';
import { errorMessage } from '../context';
import { resolveImage } from '../images/local-command';
import type { NodeProcess } from '../node-processes';
import { CreateContainerConfigError, resolveEnv } from '../pods/env';
import type { PortMap } from '../pods/ports';
import { allocatePorts, rewriteBindAddress } from '../pods/ports';
import { probeOnce } from '../pods/probe';
import type { PodCredentials } from '../pods/service-account';
import { podCredentials } from '../pods/service-account';

export interface PodState {
  ready: boolean;
  waiting?: { reason: string; message: string };
}

const randomSuffix = () => Array.from(randomBytes(5), (b) => 'bcdfghjklmnpqrstvwxz2456789'[b % 27]).join('');

export class PodRunner {
  readonly name: string;
  state: PodState = { ready: false };
  private proc?: NodeProcess;
  private ports?: PortMap;
  private credentials?: PodCredentials;
  private stopped = false;
  private restarts = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ctx: NodeContext,
    private readonly namespace: string,
    private readonly deployment: string,
    readonly replicaSet: string,
    private readonly template: V1PodTemplateSpec,
    private readonly onChange: () => void
  ) {
    this.name = `${replicaSet}-${randomSuffix()}`;
    void this.runSafely();
  }

  private set(state: PodState) {
    const changed = JSON.stringify(state) !== JSON.stringify(this.state);
    this.state = state;
    if (changed) {
      this.onChange();
    }
  }

  private get labels() {
    return {
      ...this.template.metadata?.labels,
      'pod-template-hash': this.replicaSet.slice(this.deployment.length + 1),
    };
  }

  private later(ms: number) {
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.runSafely(), ms);
    }
  }

  private async runSafely(): Promise<void> {
    try {
      await this.run();
    } catch (err) {
      this.set({ ready: false, waiting: { reason: 'RunContainerError', message: errorMessage(err) } });
      this.later(5000);
    }
  }

  private async run(): Promise<void> {
    const spec = this.template.spec!;
    const container = spec.containers[0];
    const resolved = resolveImage(this.ctx.images, this.ctx.repoRoot, container);
    if (!resolved.ok) {
      this.ctx.log(`pod ${this.namespace}/${this.name}: cannot run image ${container.image}: ${resolved.message}`);
      this.set({ ready: false, waiting: { reason: 'ErrImagePull', message: resolved.message } });
      return;
    }
    const { command } = resolved;
    const dir = path.join(this.ctx.rootDir, 'pods', `${this.namespace}-${this.name}`);
    const serviceAccount = spec.serviceAccountName ?? 'default';
    let env: Record<string, string>;
    try {
      env = await resolveEnv(
        this.ctx.core,
        { namespace: this.namespace, name: this.name, serviceAccountName: serviceAccount, labels: this.labels },
        container
      );
      if (spec.automountServiceAccountToken !== false && !this.credentials) {
        this.credentials = await podCredentials(
          this.ctx.core,
          path.join(dir, 'serviceaccount'),
          this.ctx.apiServerUrl,
          this.ctx.caPem,
          this.namespace,
          serviceAccount,
          this.ctx.log
        );
      }
    } catch (err) {
      const reason = err instanceof CreateContainerConfigError ? 'CreateContainerConfigError' : 'ContainerCreating';
      this.set({ ready: false, waiting: { reason, message: errorMessage(err) } });
      this.later(2000);
      return;
    }
    this.ports ??= await allocatePorts(container);
    const ports = this.ports;
    // emptyDir volumes are directories of the pod; env pointing at their mount path points there
    const emptyDirs = new Map<string, string>();
    for (const mount of container.volumeMounts ?? []) {
      if (spec.volumes?.find((v) => v.name === mount.name)?.emptyDir) {
        const local = path.join(dir, 'volumes', mount.name);
        fs.mkdirSync(local, { recursive: true });
        emptyDirs.set(mount.mountPath, local);
      }
    }
    const localValue = (v: string) => emptyDirs.get(v) ?? rewriteBindAddress(v, ports);
    const containerEnv = Object.fromEntries(
      Object.entries({ ...command.env, ...env }).map(([k, v]) => [k, localValue(v)])
    );
    if (this.stopped) {
      return;
    }
    this.proc = this.ctx.processes.start({
      kind: 'pod',
      namespace: this.namespace,
      owner: this.deployment,
      pod: this.name,
      bin: command.bin,
      args: command.args.map((a) => rewriteBindAddress(a, ports)),
      cwd: command.cwd,
      ports: Object.fromEntries(ports.byName),
      env: {
        PATH: `${this.ctx.shimDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: process.env.HOME ?? '/tmp',
        HOSTNAME: this.name,
        ...containerEnv,
        ...(this.credentials ? { KUBECONFIG: this.credentials.kubeconfigPath } : {}),
      },
    });
    this.set({ ready: false });
    this.registerTarget(false);
    const proc = this.proc;
    void proc.exited.then((code) => this.onExit(proc, code));
    void this.probeLoop(proc);
  }

  private registerTarget(ready: boolean) {
    const container = this.template.spec!.containers[0];
    this.ctx.targets.setPod({
      namespace: this.namespace,
      name: this.name,
      labels: this.labels,
      ready,
      containers: [
        {
          name: container.name,
          ports: (container.ports ?? []).map((p) => ({
            name: p.name,
            containerPort: p.containerPort,
            address: `127.0.0.1:${this.ports?.byNumber.get(p.containerPort)}`,
          })),
        },
      ],
    });
  }

  private async probeLoop(proc: NodeProcess) {
    const probe = this.template.spec!.containers[0].readinessProbe;
    // the probe's own period, capped at 2 s so the local stack settles quickly
    const period = Math.min(2000, (probe?.periodSeconds ?? 10) * 1000);
    while (!this.stopped && this.proc === proc && !proc.hasExited()) {
      const ready = await probeOnce(probe, this.ports!);
      if (this.proc === proc && !proc.hasExited() && ready !== this.state.ready) {
        this.set({ ready });
        this.registerTarget(ready);
      }
      await new Promise((r) => setTimeout(r, ready ? period : Math.min(period, 250)));
    }
  }

  private onExit(proc: NodeProcess, code: string) {
    if (this.proc !== proc || this.stopped) {
      return;
    }
    this.proc = undefined;
    const delay = Math.min(30_000, 1000 * 2 ** this.restarts++);
    this.ctx.log(
      `pod ${this.namespace}/${this.name} exited (${code}); restarting in ${delay / 1000} s:\n${proc.logTail(10)}`
    );
    this.set({
      ready: false,
      waiting: { reason: 'CrashLoopBackOff', message: `back-off ${delay / 1000}s restarting failed container` },
    });
    this.registerTarget(false);
    this.later(delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.credentials?.stop();
    this.ctx.targets.removePod(this.namespace, this.name);
    const proc = this.proc;
    this.proc = undefined;
    const grace = (this.template.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    await proc?.stop(Math.min(grace, 10_000));
  }
}
