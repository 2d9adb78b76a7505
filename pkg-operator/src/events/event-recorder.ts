// Kubernetes Events (events.k8s.io/v1) about LambdaFunctions, recorded the way client-go's recorder does:
// an Event that repeats (same object, type, reason and note) within the series window becomes a series on
// the first Event (series.count, series.lastObservedTime) instead of a new object, and each object has a
// token bucket (burst 25, one more every 5 minutes) so a function flapping in a loop cannot flood the API.
// Recording never blocks or fails a reconcile: sends run in the background and failures are only logged.
import type { LambdaFunction } from '../api';
import { microTime } from '../kube/micro-time';

import { LruMap } from './lru-map';
import { TokenBucket } from './token-bucket';

export type EventType = 'Normal' | 'Warning';

export interface FunctionEvent {
  type: EventType;
  /** CamelCase, what happened: BuildStarted, Ready, … */
  reason: string;
  /** CamelCase, what the operator did or tried: Build, Deploy, … */
  action: string;
  note: string;
}

export interface EventSeries {
  count: number;
  lastObservedTime: string;
}

/** an events.k8s.io/v1 Event as JSON */
export interface KubeEvent {
  apiVersion: 'events.k8s.io/v1';
  kind: 'Event';
  metadata: { name: string; namespace: string };
  eventTime: string;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  note: string;
  type: EventType;
  regarding: { apiVersion?: string; kind?: string; name?: string; namespace?: string; uid?: string };
  series?: EventSeries;
}

export interface EventSink {
  createEvent(namespace: string, event: KubeEvent): Promise<unknown>;
  patchEventSeries(namespace: string, name: string, series: EventSeries): Promise<unknown>;
}

export interface EventRecorderOptions {
  /** reportingController, a qualified name */
  controller: string;
  /** reportingInstance: this replica */
  instance: string;
  log?: (msg: string) => void;
  now?: () => number;
  burst?: number;
  refillMs?: number;
  /** a repeat later than this after the last one starts a new Event (client-go: 6 minutes) */
  seriesWindowMs?: number;
}

export interface RecorderStats {
  created: number;
  patched: number;
  /** refused by the per-object token bucket */
  dropped: number;
  failed: number;
}

interface SeriesState {
  name: string;
  namespace: string;
  count: number;
  lastObserved: number;
  /** the last send for this Event; the next one waits for it (a patch must follow its create) */
  sending: Promise<boolean>;
}

/** the API bounds note to 1 kB */
const MAX_NOTE_BYTES = 1024;

function boundedNote(note: string): string {
  if (Buffer.byteLength(note) <= MAX_NOTE_BYTES) {
    return note;
  }
  // a cut inside a multi-byte character decodes to U+FFFD: drop it
  const cut = Buffer.from(note)
    .subarray(0, MAX_NOTE_BYTES - 3)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  return `${cut}...`;
}

export class EventRecorder {
  readonly stats: RecorderStats = { created: 0, patched: 0, dropped: 0, failed: 0 };
  private readonly series = new LruMap<string, SeriesState>(4096);
  private readonly buckets = new LruMap<string, TokenBucket>(4096);
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private sequence = 0;

  constructor(
    private readonly sink: EventSink,
    private readonly opts: EventRecorderOptions
  ) {
    this.now = opts.now ?? Date.now;
  }

  record(fn: LambdaFunction, event: FunctionEvent): void {
    const { name = '', namespace = '', uid = '' } = fn.metadata;
    const objectKey = uid || `${namespace}/${name}`;
    const note = boundedNote(event.note);
    const key = JSON.stringify([objectKey, event.type, event.reason, note]);
    const now = this.now();
    const existing = this.series.get(key);
    const repeats = existing !== undefined && now - existing.lastObserved <= (this.opts.seriesWindowMs ?? 360_000);
    if (existing && repeats) {
      existing.count++;
      existing.lastObserved = now;
    }
    if (!this.bucketOf(objectKey).take()) {
      this.stats.dropped++;
      return;
    }
    if (existing && repeats) {
      const series = { count: existing.count, lastObservedTime: microTime(new Date(now)) };
      this.track(existing, (created) => (created ? this.patch(key, existing, series) : Promise.resolve(false)));
      return;
    }
    const state: SeriesState = {
      name: `${name}.${(BigInt(now) * 1_000_000n + BigInt(this.sequence++ % 1_000_000)).toString(16)}`,
      namespace,
      count: 1,
      lastObserved: now,
      sending: Promise.resolve(true),
    };
    this.series.set(key, state);
    const body: KubeEvent = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: state.name, namespace },
      eventTime: microTime(new Date(now)),
      reportingController: this.opts.controller,
      reportingInstance: this.opts.instance,
      action: event.action,
      reason: event.reason,
      note,
      type: event.type,
      regarding: { apiVersion: fn.apiVersion, kind: fn.kind, name, namespace, uid: uid || undefined },
    };
    this.track(state, () => this.create(key, state, body));
  }

  /** resolves once every Event recorded so far has been sent (or has failed) */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
    }
  }

  private bucketOf(objectKey: string): TokenBucket {
    let bucket = this.buckets.get(objectKey);
    if (!bucket) {
      bucket = new TokenBucket(this.opts.burst ?? 25, this.opts.refillMs ?? 300_000, this.now);
      this.buckets.set(objectKey, bucket);
    }
    return bucket;
  }

  private track(state: SeriesState, send: (created: boolean) => Promise<boolean>): void {
    const next = state.sending.then(send);
    state.sending = next;
    this.inFlight.add(next);
    void next.finally(() => this.inFlight.delete(next));
  }

  private async create(key: string, state: SeriesState, event: KubeEvent): Promise<boolean> {
    try {
      await this.sink.createEvent(event.metadata.namespace, event);
      this.stats.created++;
      return true;
    } catch (err) {
      this.forget(key, state); // the next occurrence tries a new Event rather than patching a missing one
      this.failed(`create Event ${event.metadata.namespace}/${event.metadata.name} (${event.reason})`, err);
      return false;
    }
  }

  private async patch(key: string, state: SeriesState, series: EventSeries): Promise<boolean> {
    try {
      await this.sink.patchEventSeries(state.namespace, state.name, series);
      this.stats.patched++;
      return true;
    } catch (err) {
      this.forget(key, state); // e.g. the Event's TTL ran out: the next occurrence starts a new one
      this.failed(`update Event ${state.namespace}/${state.name} to count ${series.count}`, err);
      return false;
    }
  }

  private forget(key: string, state: SeriesState): void {
    if (this.series.get(key) === state) {
      this.series.delete(key);
    }
  }

  private failed(what: string, err: unknown): void {
    this.stats.failed++;
    this.opts.log?.(`events: ${what} failed: ${(err as Error)?.message ?? String(err)}`);
  }
}
