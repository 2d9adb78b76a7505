import { SourceError } from './verdict';

export interface ScratchBudgetOptions {
  /** Size of the scratch volume share for checkouts (the /tmp emptyDir sizeLimit). */
  readonly limitBytes: number;
  /** What one clone reserves up front and may not exceed. */
  readonly perCloneBytes: number;
  readonly maxConcurrent: number;
}

export const DEFAULT_SCRATCH: ScratchBudgetOptions = {
  limitBytes: 256 * 1024 * 1024,
  perCloneBytes: 64 * 1024 * 1024,
  maxConcurrent: 4,
};

/** One clone's share of the scratch volume: bytes are counted against it as they are written. */
export class ScratchReservation {
  private usedBytes = 0;
  private released = false;

  constructor(
    readonly capBytes: number,
    private readonly onRelease: (reservation: ScratchReservation) => void
  ) {}

  get used(): number {
    return this.released ? 0 : this.usedBytes;
  }

  /** Counts bytes about to be written; refuses (and writes nothing) when they would overflow the reservation. */
  add(bytes: number): void {
    if (this.usedBytes + bytes > this.capBytes) {
      throw new SourceError(
        'scratch_exhausted',
        `the checkout needs more than the ${this.capBytes}-byte scratch budget of one clone; use a smaller repository or ask the operator administrators to raise the limit`
      );
    }
    this.usedBytes += bytes;
  }

  release(): void {
    if (!this.released) {
      this.released = true;
      this.onRelease(this);
    }
  }
}

interface Waiter {
  readonly grant: () => void;
}

/**
 * Reservation-based accounting of the scratch volume: a clone starts only when its whole reservation fits next
 * to the running ones, so the sum of concurrent clones never exceeds the limit. Waiters are served in order.
 */
export class ScratchBudget {
  private readonly active = new Set<ScratchReservation>();
  private readonly waiting: Waiter[] = [];
  private peak = 0;

  constructor(readonly options: ScratchBudgetOptions = DEFAULT_SCRATCH) {
    const { limitBytes, perCloneBytes, maxConcurrent } = options;
    if (!(perCloneBytes > 0 && perCloneBytes <= limitBytes && maxConcurrent >= 1)) {
      throw new Error(
        `invalid scratch budget: per-clone ${perCloneBytes} must be within 1..${limitBytes}, concurrency >= 1`
      );
    }
  }

  get limitBytes(): number {
    return this.options.limitBytes;
  }

  /** Bytes currently written by running clones (the scratch_bytes gauge). */
  get usedBytes(): number {
    let sum = 0;
    this.active.forEach((r) => (sum += r.used));
    return sum;
  }

  get reservedBytes(): number {
    return this.active.size * this.options.perCloneBytes;
  }

  /** Highest reservedBytes seen since start: tests and benchmarks compare it to the limit. */
  get peakReservedBytes(): number {
    return this.peak;
  }

  get activeClones(): number {
    return this.active.size;
  }

  get queuedClones(): number {
    return this.waiting.length;
  }

  private fits(): boolean {
    const { limitBytes, perCloneBytes, maxConcurrent } = this.options;
    return this.active.size < maxConcurrent && this.reservedBytes + perCloneBytes <= limitBytes;
  }

  private grant(): ScratchReservation {
    const reservation = new ScratchReservation(this.options.perCloneBytes, (r) => {
      this.active.delete(r);
      this.wakeNext();
    });
    this.active.add(reservation);
    this.peak = Math.max(this.peak, this.reservedBytes);
    return reservation;
  }

  private wakeNext(): void {
    while (this.waiting.length > 0 && this.fits()) {
      this.waiting.shift()!.grant();
    }
  }

  /** Waits for room in the budget; rejects if the signal aborts first. */
  reserve(signal?: AbortSignal): Promise<ScratchReservation> {
    signal?.throwIfAborted();
    if (this.waiting.length === 0 && this.fits()) {
      return Promise.resolve(this.grant());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.grant());
        },
      };
      this.waiting.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
