import { ScratchBudget } from './scratch-budget';
import { SourceError } from './verdict';

const MiB = 1024 * 1024;

describe('ScratchBudget', () => {
  it('grants reservations only while their sum fits the limit and the concurrency', async () => {
    const budget = new ScratchBudget({ limitBytes: 10 * MiB, perCloneBytes: 4 * MiB, maxConcurrent: 5 });
    const first = await budget.reserve();
    const second = await budget.reserve();
    let thirdGranted = false;
    const third = budget.reserve().then((r) => ((thirdGranted = true), r));
    await new Promise((r) => setImmediate(r));
    expect(thirdGranted).toBe(false);
    expect(budget.queuedClones).toBe(1);
    first.release();
    first.release();
    await third;
    expect(budget.activeClones).toBe(2);
    expect(budget.peakReservedBytes).toBe(8 * MiB);
    second.release();
    (await third).release();
    expect(budget.activeClones).toBe(0);
  });

  it('serves waiters in order and caps concurrency', async () => {
    const budget = new ScratchBudget({ limitBytes: 100 * MiB, perCloneBytes: MiB, maxConcurrent: 2 });
    const order: number[] = [];
    const held = await Promise.all([budget.reserve(), budget.reserve()]);
    const waiting = [1, 2, 3].map((n) => budget.reserve().then((r) => (order.push(n), r)));
    held.forEach((r) => r.release());
    const granted = await Promise.all(waiting.slice(0, 2));
    expect(order).toEqual([1, 2]);
    granted[0].release();
    (await waiting[2]).release();
    expect(order).toEqual([1, 2, 3]);
    expect(budget.peakReservedBytes).toBe(2 * MiB);
  });

  it('counts written bytes against the reservation and refuses an overflow before it happens', async () => {
    const budget = new ScratchBudget({ limitBytes: 8 * MiB, perCloneBytes: 2 * MiB, maxConcurrent: 4 });
    const reservation = await budget.reserve();
    reservation.add(MiB);
    expect(budget.usedBytes).toBe(MiB);
    let error: unknown;
    try {
      reservation.add(MiB + 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ errorType: 'scratch_exhausted' });
    expect(budget.usedBytes).toBe(MiB);
    reservation.release();
    expect(budget.usedBytes).toBe(0);
  });

  it('drops a waiter whose signal aborts', async () => {
    const budget = new ScratchBudget({ limitBytes: MiB, perCloneBytes: MiB, maxConcurrent: 1 });
    const held = await budget.reserve();
    const controller = new AbortController();
    const waiting = budget.reserve(controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    expect(budget.queuedClones).toBe(0);
    held.release();
    expect(budget.activeClones).toBe(0);
  });

  it('refuses an impossible configuration', () => {
    expect(() => new ScratchBudget({ limitBytes: MiB, perCloneBytes: 2 * MiB, maxConcurrent: 1 })).toThrow(
      /invalid scratch budget/
    );
  });
});
