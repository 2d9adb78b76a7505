// docs/architecture.md lists every folder that exists, and nothing that does not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { namedPaths, tableModules } from './owners-table';
import { foldersOf, foldersTheDocMustName, trackedFiles } from './source-folders';

const REPO_ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(REPO_ROOT, 'docs', 'architecture.md'), 'utf8');

const files = new Set(trackedFiles(REPO_ROOT));
const all = foldersOf([...files]);
const folders = new Set(all);
const topLevel = new Set(all.filter((f) => !f.includes('/')));
const named = namedPaths(DOC, { topLevel, exists: (path) => folders.has(path) || files.has(path) });

function isNamed(folder: string): boolean {
  return named.some((n) => n.path === folder || n.path.startsWith(`${folder}/`));
}

/**
 * Whether a fresh clone has what the doc names (an empty folder left on disk does not count). A file may be named as
 * a module specifier (`kube/resources`) or a glob (`runbooks/*.md`): then its folder must exist.
 */
function exists({ path, folder }: { path: string; folder: boolean }): boolean {
  if (folder) {
    return folders.has(path);
  }
  if (path.includes('*')) {
    return folders.has(path.slice(0, path.lastIndexOf('/')));
  }
  return files.has(path) || files.has(`${path}.ts`) || folders.has(path);
}

describe('docs/architecture.md "Who owns what"', () => {
  it('names every source folder git tracks (two levels deep, and the children of each module)', () => {
    const mustName = foldersTheDocMustName(all, tableModules(DOC));
    expect(mustName).toEqual(
      expect.arrayContaining(['pkg-operator/src/api', 'src/api', 'backend/rbac', 'pkg-operator/test'])
    );
    expect(mustName.filter((f) => !isNamed(f))).toEqual([]);
  });

  it('names no path that does not exist', () => {
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((n) => !exists(n)).map((n) => n.path)).toEqual([]);
  });
});

describe('reading the table', () => {
  const table = [
    '## Who owns what',
    '',
    '| module | owns |',
    '| --- | --- |',
    '| `tests/` | `backend/` and `docs/`, with `rules/` |',
    '| `pkg-operator/src/` | `api/` (`phaseOf`), `pkg-operator/test/`, `api/types.ts`, `runtimes/{python,go}/` at `/metrics` |',
    '',
    '## Next',
    '| `ignored/` | `not-read/` |',
  ].join('\n');
  const existing = new Set(['tests/backend', 'tests/docs', 'pkg-operator/src/api']);
  const repo = {
    topLevel: new Set(['tests', 'pkg-operator', 'backend', 'rules']),
    exists: (p: string) => existing.has(p),
  };
  const paths = namedPaths(table, repo).map((n) => n.path);

  it('reads a one-segment folder as the module child where it exists, else as the top-level folder of that name', () => {
    expect(paths).toEqual(expect.arrayContaining(['tests/backend', 'tests/docs', 'pkg-operator/src/api', 'rules']));
    expect(paths).not.toContain('backend');
    expect(paths).not.toContain('tests/rules');
  });

  it('reads a longer path from the root when it starts with a top-level folder, else from the module', () => {
    expect(paths).toEqual(expect.arrayContaining(['pkg-operator/test', 'pkg-operator/src/api/types.ts']));
  });

  it('expands braces, skips URL paths and words, and stops at the next section', () => {
    expect(paths).toEqual(expect.arrayContaining(['pkg-operator/src/runtimes/python', 'pkg-operator/src/runtimes/go']));
    expect(paths.filter((p) => /metrics|phaseOf|ignored|not-read/.test(p))).toEqual([]);
    expect(paths).toHaveLength(10);
  });
});
