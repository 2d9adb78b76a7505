import { mkdtempSync, promises as fsp, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { confinedFs } from './confined-fs';
import { ScratchBudget, type ScratchReservation } from './scratch-budget';

describe('confinedFs', () => {
  let root: string;
  let outside: string;
  let reservation: ScratchReservation;
  let controller: AbortController;
  let fs: { promises: Record<string, (...args: unknown[]) => Promise<unknown>> };

  beforeEach(async () => {
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'confined-')));
    outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'outside-')));
    reservation = await new ScratchBudget({ limitBytes: 1000, perCloneBytes: 1000, maxConcurrent: 1 }).reserve();
    controller = new AbortController();
    fs = confinedFs(root, reservation, controller.signal) as never;
  });

  afterEach(() => {
    reservation.release();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('writes inside the root and charges every byte', async () => {
    await fs.promises.writeFile(path.join(root, 'a.txt'), 'hello');
    await fs.promises.writeFile(path.join(root, 'b.bin'), new Uint8Array(100));
    expect(reservation.used).toBe(105);
    expect(await fsp.readFile(path.join(root, 'a.txt'), 'utf8')).toBe('hello');
  });

  it('refuses a write that would overflow the reservation, before writing', async () => {
    await expect(fs.promises.writeFile(path.join(root, 'big'), new Uint8Array(1001))).rejects.toMatchObject({
      errorType: 'scratch_exhausted',
    });
    await expect(fsp.stat(path.join(root, 'big'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    ['a relative escape', () => path.join(root, '..', path.basename(outside), 'x')],
    ['an absolute path elsewhere', () => path.join(outside, 'x')],
  ])('refuses %s', async (_, target) => {
    await expect(fs.promises.writeFile(target(), 'x')).rejects.toMatchObject({ errorType: 'path_traversal' });
    await expect(fs.promises.readFile(target())).rejects.toMatchObject({ errorType: 'path_traversal' });
  });

  it('refuses to write through symlinks', async () => {
    symlinkSync(outside, path.join(root, 'dir-link'));
    symlinkSync(path.join(outside, 'file'), path.join(root, 'file-link'));
    await expect(fs.promises.writeFile(path.join(root, 'dir-link', 'x'), 'x')).rejects.toMatchObject({
      errorType: 'path_traversal',
    });
    await expect(fs.promises.writeFile(path.join(root, 'file-link'), 'x')).rejects.toMatchObject({
      errorType: 'path_traversal',
    });
    expect(await fsp.readdir(outside)).toEqual([]);
  });

  it('stops every operation once aborted', async () => {
    controller.abort(new Error('cancelled'));
    await expect(fs.promises.writeFile(path.join(root, 'a'), 'x')).rejects.toThrow('cancelled');
    await expect(fs.promises.stat(root)).rejects.toThrow('cancelled');
  });
});
