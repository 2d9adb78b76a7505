// The paths the "Who owns what" table of docs/architecture.md names, resolved against the repository: a row's
// first column is its module; a one-segment folder in a row (`api/`) is the module's child, or the top-level folder
// of that name when the module has no such child (`rules/` in the src/ row); a longer path whose first segment is a
// top-level folder (`pkg-operator/test/`) is from the repository root, any other one (`api/types.ts`) is relative
// to the module again.

export interface NamedPath {
  /** repository-relative, without a trailing slash */
  path: string;
  /** the doc wrote it with a trailing slash */
  folder: boolean;
}

const TABLE_HEADING = '## Who owns what';

function tableRows(markdown: string): string[][] {
  const start = markdown.indexOf(TABLE_HEADING);
  if (start < 0) {
    throw new Error(`no "${TABLE_HEADING}" section`);
  }
  const rows: string[][] = [];
  for (const line of markdown.slice(start + TABLE_HEADING.length).split('\n')) {
    if (line.startsWith('## ')) {
      break;
    }
    if (line.startsWith('|') && !/^\|\s*-/.test(line)) {
      rows.push(line.split('|').slice(1, -1));
    }
  }
  return rows.slice(1);
}

function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** `runtimes/{python,go}/x` → `runtimes/python/x`, `runtimes/go/x` */
function expandBraces(token: string): string[] {
  const match = /\{([^}]+)\}/.exec(token);
  if (!match) {
    return [token];
  }
  return match[1]
    .split(',')
    .flatMap((choice) =>
      expandBraces(token.slice(0, match.index) + choice + token.slice(match.index + match[0].length))
    );
}

function isPathLike(token: string): boolean {
  return token.includes('/') && !/^[/<:.]/.test(token) && !/\s/.test(token);
}

export interface Repository {
  topLevel: ReadonlySet<string>;
  exists(path: string): boolean;
}

function resolve(token: string, module: string, repo: Repository): NamedPath {
  const folder = token.endsWith('/');
  const bare = token.replace(/\/+$/, '');
  const [first, ...more] = bare.split('/');
  const child = `${module}/${bare}`;
  const fromRoot = repo.topLevel.has(first) && (more.length > 0 || !repo.exists(child));
  return { path: fromRoot ? bare : child, folder };
}

/** Every path-like code span of the table's rows, resolved; each row's module itself included. */
export function namedPaths(markdown: string, repo: Repository): NamedPath[] {
  return tableRows(markdown).flatMap(([moduleCell, ...rest]) => {
    const modules = codeSpans(moduleCell).map((m) => m.replace(/\/+$/, ''));
    if (!modules.length) {
      throw new Error(`a row without a module: ${moduleCell}`);
    }
    const own = modules.map((path) => ({ path, folder: true }));
    const inRow = codeSpans(rest.join('|'))
      .flatMap(expandBraces)
      .filter(isPathLike)
      .map((token) => resolve(token, modules[0], repo));
    return [...own, ...inRow];
  });
}

/** The modules of the table (first column), for the folders whose children the doc must list. */
export function tableModules(markdown: string): string[] {
  return tableRows(markdown).flatMap(([moduleCell]) => codeSpans(moduleCell).map((m) => m.replace(/\/+$/, '')));
}
