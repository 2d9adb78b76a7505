// The replica of one Revision (the local node runs at most one per Revision: no autoscaling beyond 0 ↔ 1): the
// function wrapper started on the built artefact, probed until ready, registered as a scrape target, and stopped
// after an idle window when the Revision may scale to zero. A crash is restarted with backoff, like the kubelet.
import { randomBytes } from 'node:crypto';

import { freePort } from '../../support/free-port';
import type { NodeContext } from '../context';
import type { NodeProcess } from '../node-processes';
import type { PodPort } from '../targets/monitor-targets';

export interface ReplicaSpec {
  namespace: string;
  revision: string;
  /** pod labels: the template's plus Knative's */
  labels: Record<string, string>;
  containerName: string;
  containerPort: number;
  minScale: number;
  /** starts the process listening on the port; the caller owns env and command */
  launch(port: number, pod: string): Promise<NodeProcess>;
  /** resolves when the replica answers its readiness probe; rejects when it cannot become ready */
  waitReady(port: number, proc: NodeProcess): Promise<void>;
  onReplicas(actual: number, desired: number): void;
}

interface Replica {
  pod: string;
  port: number;
  proc: NodeProcess;
}

const podSuffix = () => `${randomBytes(5).toString('hex')}-${randomBytes(3).toString('hex').slice(0, 5)}`;

export class RevisionReplicas {
  private replica?: Replica;
  private starting?: Promise<Replica>;
  private inFlight = 0;
  private lastActivity = Date.now();
  private readonly idleTimer: NodeJS.Timeout;
  private stopped = false;
  private crashes = 0;

  constructor(
    private readonly ctx: NodeContext,
    private readonly spec: ReplicaSpec
  ) {
    this.idleTimer = setInterval(() => void this.scaleDownIfIdle(), Math.min(1000, Math.max(50, ctx.idleWindowMs / 4)));
    this.idleTimer.unref();
  }

  get actual(): number {
    return this.replica ? 1 : 0;
  }

  /** starts the first replica (Knative's initial scale of 1); rejects with the reason it cannot run */
  async start(): Promise<void> {
    await this.ensure();
  }

  acquire(): Promise<number> {
    this.inFlight++;
    this.lastActivity = Date.now();
    return this.ensure().then((r) => r.port);
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.lastActivity = Date.now();
  }

  private ensure(): Promise<Replica> {
    if (this.replica) {
      return Promise.resolve(this.replica);
    }
    if (this.stopped) {
      return Promise.reject(new Error(`revision ${this.spec.revision} is no longer served`));
    }
    this.starting ??= this.startReplica().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startReplica(): Promise<Replica> {
    const port = await freePort();
    const pod = `${this.spec.revision}-deployment-${podSuffix()}`;
    this.spec.onReplicas(0, 1);
    const started = Date.now();
    const proc = await this.spec.launch(port, pod);
    try {
      await this.spec.waitReady(port, proc);
    } catch (err) {
      await proc.stop(500);
      this.spec.onReplicas(0, this.spec.minScale);
      throw err;
    }
    if (this.stopped) {
      await proc.stop();
      throw new Error(`revision ${this.spec.revision} is no longer served`);
    }
    this.ctx.log(`${this.spec.namespace}/${this.spec.revision}: ${pod} ready in ${Date.now() - started} ms`);
    const replica: Replica = { pod, port, proc };
    this.replica = replica;
    this.lastActivity = Date.now();
    const ports: PodPort[] = [
      { name: 'user-port', containerPort: this.spec.containerPort, address: `127.0.0.1:${port}` },
    ];
    this.ctx.targets.setPod({
      namespace: this.spec.namespace,
      name: pod,
      labels: this.spec.labels,
      ready: true,
      containers: [{ name: this.spec.containerName, ports }],
    });
    this.spec.onReplicas(1, 1);
    void proc.exited.then((code) => this.onExit(replica, code));
    return replica;
  }

  private onExit(replica: Replica, code: string): void {
    if (this.replica !== replica) {
      return; // stopped on purpose
    }
    this.replica = undefined;
    this.ctx.targets.removePod(this.spec.namespace, replica.pod);
    this.spec.onReplicas(0, Math.max(this.spec.minScale, this.inFlight > 0 ? 1 : 0));
    this.ctx.log(
      `${this.spec.namespace}/${this.spec.revision}: ${replica.pod} exited (${code}):\n${replica.proc.logTail(10)}`
    );
    if (this.stopped || this.spec.minScale === 0) {
      return; // the next request starts a new one
    }
    const delay = Math.min(30_000, 1000 * 2 ** this.crashes++);
    setTimeout(() => void this.ensure().catch(() => undefined), delay).unref();
  }

  private async scaleDownIfIdle(): Promise<void> {
    const replica = this.replica;
    if (!replica || this.spec.minScale > 0 || this.inFlight > 0 || this.starting) {
      return;
    }
    if (Date.now() - this.lastActivity < this.ctx.idleWindowMs) {
      return;
    }
    this.replica = undefined;
    this.ctx.targets.removePod(this.spec.namespace, replica.pod);
    await replica.proc.stop();
    this.ctx.log(`${this.spec.namespace}/${this.spec.revision}: scaled to zero after ${this.ctx.idleWindowMs} ms idle`);
    this.spec.onReplicas(0, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.idleTimer);
    await this.starting?.catch(() => undefined);
    const replica = this.replica;
    this.replica = undefined;
    if (replica) {
      this.ctx.targets.removePod(this.spec.namespace, replica.pod);
      await replica.proc.stop();
    }
  }
}
