// Leader election on a coordination.k8s.io Lease, following client-go's rules: a lease is expired when its
// record has not changed for leaseDurationSeconds of *local* time (no clock-skew dependence); the holder
// renews every retryPeriod and steps down if it cannot renew within renewDeadline; release() empties the
// holder so a successor takes over at once. Every Lease request of a leader is cut off when the renew
// deadline runs out, so a hung request ends in a step-down (before leaseDuration lets another replica in).
import { isConflict, isNotFound } from '../kube/errors';
import type { KubeGateway, Lease } from '../kube/gateway';
import { microTime } from '../kube/micro-time';

/** how long handing the Lease back on shutdown may take before the successor is left to wait for expiry */
const RELEASE_DEADLINE_MS = 2_000;

export interface LeaseElectorOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationSeconds: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  log?: (msg: string) => void;
}

export class LeaseElector {
  private leading = false;
  private timer?: NodeJS.Timeout;
  private running = false;
  private observedRecord = '';
  private observedAt = 0;
  private lastRenewAt = 0;
  private current?: Lease;

  constructor(
    private readonly kube: KubeGateway,
    private readonly opts: LeaseElectorOptions
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.running = true;
    void this.tick();
  }

  /** stop campaigning; when leading, hand the lease back */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    if (this.leading) {
      await this.release();
      this.setLeading(false);
    }
  }

  private async tick(): Promise<void> {
    try {
      const renewed = await this.tryAcquireOrRenew();
      if (renewed) {
        this.lastRenewAt = Date.now();
      }
      this.setLeading(renewed);
    } catch (err) {
      this.opts.log?.(`leader election: ${(err as Error).message}`);
      if (this.leading && Date.now() - this.lastRenewAt >= this.opts.renewDeadlineMs) {
        this.setLeading(false);
      }
    }
    if (this.running) {
      this.timer = setTimeout(() => void this.tick(), this.opts.retryPeriodMs);
    }
  }

  private setLeading(leading: boolean): void {
    if (leading === this.leading) {
      return;
    }
    this.leading = leading;
    this.opts.log?.(`leader election: ${this.opts.identity} ${leading ? 'became' : 'is no longer'} the leader`);
    if (leading) {
      this.opts.onStartedLeading();
    } else {
      this.opts.onStoppedLeading();
    }
  }

  /** a leader's requests must end by lastRenew + renewDeadline; a candidate's get the whole renewDeadline */
  private requestDeadlineMs(): number {
    const { renewDeadlineMs } = this.opts;
    return this.leading ? Math.max(1, this.lastRenewAt + renewDeadlineMs - Date.now()) : renewDeadlineMs;
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, name, identity, leaseDurationSeconds } = this.opts;
    const now = microTime(new Date());
    let lease: Lease;
    try {
      lease = await this.kube.getLease(namespace, name, this.requestDeadlineMs());
    } catch (err) {
      if (!isNotFound(err)) {
        throw err;
      }
      this.current = await this.kube.createLease(
        namespace,
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace },
          spec: {
            holderIdentity: identity,
            leaseDurationSeconds,
            acquireTime: now,
            renewTime: now,
            leaseTransitions: 0,
          },
        },
        this.requestDeadlineMs()
      );
      return true;
    }
    const spec = lease.spec ?? {};
    const record = JSON.stringify([spec.holderIdentity, spec.renewTime, spec.acquireTime]);
    if (record !== this.observedRecord) {
      this.observedRecord = record;
      this.observedAt = Date.now();
    }
    const holder = spec.holderIdentity ?? '';
    const expired = Date.now() > this.observedAt + (spec.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
    if (holder !== '' && holder !== identity && !expired) {
      return false;
    }
    const takingOver = holder !== identity;
    lease.spec = {
      ...spec,
      holderIdentity: identity,
      leaseDurationSeconds,
      renewTime: now,
      acquireTime: takingOver ? now : spec.acquireTime,
      leaseTransitions: (spec.leaseTransitions ?? 0) + (takingOver ? 1 : 0),
    };
    try {
      this.current = await this.kube.updateLease(namespace, lease, this.requestDeadlineMs());
      return true;
    } catch (err) {
      if (isConflict(err)) {
        return false; // someone else wrote it first; look again next period
      }
      throw err;
    }
  }

  private async release(): Promise<void> {
    try {
      const lease =
        this.current ?? (await this.kube.getLease(this.opts.namespace, this.opts.name, RELEASE_DEADLINE_MS));
      if (lease.spec?.holderIdentity !== this.opts.identity) {
        return;
      }
      lease.spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(new Date()) };
      await this.kube.updateLease(this.opts.namespace, lease, RELEASE_DEADLINE_MS);
    } catch (err) {
      this.opts.log?.(`leader election: release failed: ${(err as Error).message}`);
    }
  }
}
