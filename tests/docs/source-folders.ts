// The repository's source folders as git tracks them: every folder one or two levels deep, and the children of
// the folders docs/architecture.md treats as modules. A dot folder (`.config/`, the scaffold's tooling) counts
// by itself, not its children.
import { execFileSync } from 'node:child_process';

const NEVER_SOURCE = new Set(['node_modules', 'dist', 'generated']);

/** Every file git tracks, repository-relative: what a fresh clone has. */
export function trackedFiles(repoRoot: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
}

/** Every folder that holds a tracked file, at any depth, except dependency and build output folders. */
export function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const segments = file.split('/').slice(0, -1);
    for (let depth = 1; depth <= segments.length; depth++) {
      folders.add(segments.slice(0, depth).join('/'));
    }
  }
  return [...folders].filter((f) => !f.split('/').some((s) => NEVER_SOURCE.has(s))).sort();
}

export function foldersTheDocMustName(all: readonly string[], modules: readonly string[]): string[] {
  const parentOf = (f: string) => f.split('/').slice(0, -1).join('/');
  return all.filter((f) => {
    const segments = f.split('/');
    if (segments.slice(0, -1).some((s) => s.startsWith('.'))) {
      return false;
    }
    return segments.length <= 2 || modules.includes(parentOf(f));
  });
}
