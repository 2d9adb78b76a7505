import { promises as fsp } from 'node:fs';
import path from 'node:path';

import { isInside } from './confined-fs';
import { SourceError } from './verdict';

export interface FileLimits {
  readonly maxFiles: number;
  readonly maxBytes: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxFiles: 5000, maxBytes: 64 * 1024 * 1024 };

function outside(what: string): SourceError {
  return new SourceError('path_traversal', `${what}; the function source must stay inside the repository`);
}

async function realInside(root: string, target: string, what: string): Promise<string> {
  const real = await fsp.realpath(target);
  if (!isInside(root, real) || isInside(path.join(root, '.git'), real)) {
    throw outside(what);
  }
  return real;
}

/** The directory (or file) git.path names, after following symlinks, refused if it leaves the checkout. */
export async function resolveSourcePath(root: string, gitPath: string | undefined, ref: string): Promise<string> {
  const target = path.join(root, gitPath ?? '.');
  if (!(await fsp.lstat(target).catch(() => undefined))) {
    throw new SourceError('invalid_spec', `git.path "${gitPath}" does not exist at ref "${ref}"`);
  }
  return realInside(root, target, `git.path "${gitPath}" resolves outside the checkout through a symlink`);
}

/**
 * Reads every file under dir into memory, keyed by its path relative to dir. Symlinks are followed only when
 * they resolve inside the checkout (and not into .git); one pointing elsewhere rejects the whole source.
 */
export async function collectFiles(root: string, dir: string, limits: FileLimits = DEFAULT_FILE_LIMITS) {
  const files = new Map<string, Buffer>();
  let bytes = 0;
  const visited = new Set<string>();
  const add = async (relative: string, real: string) => {
    const content = await fsp.readFile(real);
    bytes += content.length;
    if (files.size >= limits.maxFiles || bytes > limits.maxBytes) {
      throw new SourceError(
        'scratch_exhausted',
        `the source has more than ${limits.maxFiles} files or ${limits.maxBytes} bytes; point git.path at the function's own directory`
      );
    }
    files.set(relative, content);
  };
  const walk = async (realDir: string, relative: string): Promise<void> => {
    if (visited.has(realDir)) {
      return;
    }
    visited.add(realDir);
    const entries = await fsp.readdir(realDir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === '.git' && realDir === root) {
        continue;
      }
      const full = path.join(realDir, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      const real = entry.isSymbolicLink()
        ? await realInside(
            root,
            full,
            `symlink "${rel}" points outside the checkout (to ${await fsp.readlink(full)})`
          ).catch((e: NodeJS.ErrnoException) => {
            throw e instanceof SourceError ? e : outside(`symlink "${rel}" is dangling or points outside the checkout`);
          })
        : full;
      const stat = await fsp.stat(real);
      if (stat.isDirectory()) {
        await walk(real, rel);
      } else if (stat.isFile()) {
        await add(rel, real);
      }
    }
  };
  const stat = await fsp.stat(dir);
  if (stat.isFile()) {
    await add(path.basename(dir), dir);
  } else {
    await walk(dir, '');
  }
  return { files, bytes };
}
