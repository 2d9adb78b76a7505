import { promises as fsp } from 'node:fs';
import path from 'node:path';

import type { PromiseFsClient } from 'isomorphic-git';

import type { ScratchReservation } from './scratch-budget';
import { SourceError } from './verdict';

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The filesystem isomorphic-git clones through: every path must stay under the clone directory (also after
 * resolving symlinked parents), files are never written through a symlink, each written byte is charged to the
 * clone's scratch reservation before it hits the disk, and nothing more happens once the clone is aborted.
 * A refusal is reported to onRefusal first, so the clone can stop its other writes in flight at once.
 */
export function confinedFs(
  root: string,
  reservation: ScratchReservation,
  signal: AbortSignal,
  onRefusal: (refusal: SourceError) => void = () => {}
): PromiseFsClient {
  const refuse = (refusal: SourceError): never => {
    onRefusal(refusal);
    throw refusal;
  };
  const confine = (target: string): string => {
    signal.throwIfAborted();
    const resolved = path.resolve(target);
    return isInside(root, resolved)
      ? resolved
      : refuse(new SourceError('path_traversal', `the repository tried to write outside its checkout (${target})`));
  };
  const confineForWrite = async (target: string): Promise<string> => {
    const resolved = confine(target);
    if (resolved !== root && !isInside(root, await fsp.realpath(path.dirname(resolved)))) {
      refuse(
        new SourceError(
          'path_traversal',
          `the repository tried to write through a symlink that leaves the checkout (${target})`
        )
      );
    }
    const existing = await fsp.lstat(resolved).catch(() => undefined);
    if (existing?.isSymbolicLink()) {
      refuse(new SourceError('path_traversal', `the repository tried to write through a symlink (${target})`));
    }
    return resolved;
  };
  const charge = (bytes: number) => {
    try {
      reservation.add(bytes);
    } catch (error) {
      refuse(error as SourceError);
    }
  };
  const sizeOf = (data: unknown) =>
    typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;

  // Every member is async: isomorphic-git detects a promise API by calling readFile() with no arguments.
  const promises = {
    readFile: async (p: string, options?: unknown) => fsp.readFile(confine(p), options as never),
    writeFile: async (p: string, data: string | Uint8Array, options?: unknown) => {
      const target = await confineForWrite(p);
      charge(sizeOf(data));
      return fsp.writeFile(target, data, options as never);
    },
    mkdir: async (p: string, options?: unknown) => {
      const target = await confineForWrite(p);
      charge(4096);
      return fsp.mkdir(target, options as never);
    },
    rmdir: async (p: string) => fsp.rmdir(confine(p)),
    rm: async (p: string, options?: unknown) => fsp.rm(confine(p), options as never),
    unlink: async (p: string) => fsp.unlink(confine(p)),
    stat: async (p: string) => fsp.stat(confine(p)),
    lstat: async (p: string) => fsp.lstat(confine(p)),
    readdir: async (p: string) => fsp.readdir(confine(p)),
    readlink: async (p: string) => fsp.readlink(confine(p)),
    symlink: async (target: string, p: string) => {
      const link = await confineForWrite(p);
      charge(Buffer.byteLength(target));
      return fsp.symlink(target, link);
    },
    chmod: async (p: string, mode: number) => fsp.chmod(confine(p), mode),
  };
  return { promises } as unknown as PromiseFsClient;
}
