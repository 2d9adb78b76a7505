import type { Runtime } from '../../../contract';

import { ALLOWED, type SourceVerdict, firstRejection, rejected } from './verdict';

/**
 * Inline dependencies are installed inside the build. Only registry packages by name and version are accepted:
 * no URLs, local paths, VCS references, index options or install scripts, which would fetch from or run
 * anything an attacker chooses.
 */
const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]{0,213}$/;
const NPM_RANGE = /^[0-9A-Za-z.^~<>=|*+ -]{1,64}$/;
const NPM_DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'];
const NPM_INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

const PIP_REQUIREMENT =
  /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(\[[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*\])?(\s*(===|==|>=|<=|~=|!=|<|>)\s*[A-Za-z0-9.*+!-]+(\s*,\s*(===|==|>=|<=|~=|!=|<|>)\s*[A-Za-z0-9.*+!-]+)*)?$/;

const GO_MODULE_PATH = /^[A-Za-z0-9~_-]+(\.[A-Za-z0-9~_-]+)*(\/[A-Za-z0-9~_.-]+)*$/;
const GO_VERSION = /^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+incompatible)?$/;
const GO_DIRECTIVES = /^(module|go|toolchain|require|exclude|retract)\b/;
const GO_SAFE_LINE = /^[A-Za-z0-9._/~+ ()-]+$/;

/** where the checked text came from, for messages: `inline.dependencies` or a git source's root file */
type Origin = string;

const INLINE: Origin = 'inline.dependencies';

function injection(origin: Origin, what: string): SourceVerdict {
  return rejected('injection', `${origin}: ${what}`);
}

function checkPackageJson(text: string, origin: Origin): SourceVerdict {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return rejected('invalid_spec', `${origin} must be package.json content (valid JSON) for nodejs`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return rejected('invalid_spec', `${origin} must be a package.json object for nodejs`);
  }
  const record = manifest as Record<string, unknown>;
  const scripts = (record.scripts ?? {}) as Record<string, unknown>;
  const hook = NPM_INSTALL_HOOKS.find((name) => name in scripts);
  if (hook) {
    return injection(origin, `the "${hook}" script would run during the build; remove it`);
  }
  if ('workspaces' in record) {
    return injection(origin, '"workspaces" would install packages whose manifests are not checked; remove it');
  }
  for (const field of NPM_DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries((record[field] ?? {}) as Record<string, unknown>)) {
      if (!NPM_NAME.test(name)) {
        return injection(origin, `"${name}" is not a valid npm package name`);
      }
      if (typeof range !== 'string' || !NPM_RANGE.test(range)) {
        return injection(
          origin,
          `"${name}" must have a registry version range such as "^1.2.0" (no URLs, paths, git or aliases)`
        );
      }
    }
  }
  return ALLOWED;
}

function meaningfulLines(text: string, comment: RegExp): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(comment, '').trim())
    .filter(Boolean);
}

function checkRequirementsTxt(text: string, origin: Origin): SourceVerdict {
  const bad = meaningfulLines(text, /(^|\s)#.*$/).find((line) => !PIP_REQUIREMENT.test(line));
  if (bad === undefined) {
    return ALLOWED;
  }
  return bad.startsWith('-')
    ? injection(
        origin,
        `pip options such as "${bad.split(/\s/)[0]}" are not allowed (they change the index or read other files)`
      )
    : injection(
        origin,
        `"${bad.slice(0, 80)}" is not a "name==version" requirement (no URLs, paths or environment markers)`
      );
}

function checkGoRequirement(words: string[], origin: Origin): SourceVerdict {
  const [path, version] = words;
  const fine =
    words.length === 2 && GO_MODULE_PATH.test(path) && !path.split('/').includes('..') && GO_VERSION.test(version);
  return fine ? ALLOWED : injection(origin, `"${words.join(' ')}" is not a "module/path vX.Y.Z" requirement`);
}

function checkGoMod(text: string, origin: Origin): SourceVerdict {
  let inBlock = false;
  for (const line of meaningfulLines(text, /\/\/.*$/)) {
    if (inBlock) {
      inBlock = line !== ')';
      const verdict = inBlock ? checkGoRequirement(line.split(/\s+/), origin) : ALLOWED;
      if (!verdict.allowed) {
        return verdict;
      }
      continue;
    }
    if (line.startsWith('replace')) {
      return injection(
        origin,
        'go.mod "replace" directives are not allowed (they redirect modules to paths or other hosts)'
      );
    }
    if (!GO_DIRECTIVES.test(line) || !GO_SAFE_LINE.test(line)) {
      return injection(origin, `unexpected go.mod line "${line.slice(0, 80)}"`);
    }
    const words = line.split(/\s+/);
    inBlock = words[1] === '(';
    const verdict = words[0] === 'require' && !inBlock ? checkGoRequirement(words.slice(1), origin) : ALLOWED;
    if (!verdict.allowed) {
      return verdict;
    }
  }
  return ALLOWED;
}

function checkDependencies(language: Runtime, text: string, origin: Origin): SourceVerdict {
  switch (language) {
    case 'nodejs':
      return checkPackageJson(text, origin);
    case 'python':
      return checkRequirementsTxt(text, origin);
    case 'go':
      return checkGoMod(text, origin);
  }
}

export function checkInlineDependencies(language: Runtime, dependencies: string): SourceVerdict {
  return checkDependencies(language, dependencies, INLINE);
}

/** the file each runtime's build installs dependencies from, at the root of the function directory */
export const DEPENDENCY_FILES: Record<Runtime, string> = {
  nodejs: 'package.json',
  python: 'requirements.txt',
  go: 'go.mod',
};

/** files that would change where the build installs from (npm reads the project's .npmrc), refused outright */
const REFUSED_ROOT_FILES: Record<Runtime, readonly string[]> = { nodejs: ['.npmrc'], python: [], go: [] };
const NPM_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];
const NPM_REGISTRY_TARBALL = /^https:\/\/registry\.npmjs\.org\//;

/** npm installs what a lockfile resolved, so every entry must come from the public registry as a tarball */
function checkNpmLockfile(text: string, origin: Origin): SourceVerdict {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch {
    return rejected('invalid_spec', `${origin} is not valid JSON`);
  }
  const entries: Array<[string, Record<string, unknown>]> = [];
  const collect = (tree: unknown, prefix: string) => {
    for (const [name, entry] of Object.entries((tree ?? {}) as Record<string, Record<string, unknown>>)) {
      entries.push([prefix + name, entry ?? {}]);
      collect(entry?.dependencies, `${prefix}${name} > `);
    }
  };
  collect((lock as { packages?: unknown })?.packages, '');
  collect((lock as { dependencies?: unknown })?.dependencies, '');
  for (const [name, entry] of entries) {
    const resolved = entry.resolved;
    const version = typeof entry.version === 'string' ? entry.version : '';
    if (
      entry.link === true ||
      version.includes(':') ||
      (resolved !== undefined && !NPM_REGISTRY_TARBALL.test(String(resolved)))
    ) {
      return injection(
        origin,
        `"${name || '(root)'}" is not resolved from https://registry.npmjs.org (no links, paths, git or other hosts)`
      );
    }
  }
  return ALLOWED;
}

/**
 * The same policy as for inline dependencies, on the root files of a fetched git source (the function directory,
 * as the build sees it), before any build exists.
 */
export function checkGitRootFiles(language: Runtime, files: Record<string, string | Buffer>): SourceVerdict {
  const refused = REFUSED_ROOT_FILES[language].find((name) => name in files);
  if (refused) {
    return rejected(
      'injection',
      `git source: "${refused}" is not allowed in the function directory (it changes where or how the build installs dependencies); declare dependencies in ${DEPENDENCY_FILES[language]} only`
    );
  }
  const manifest = files[DEPENDENCY_FILES[language]];
  const lockfiles = language === 'nodejs' ? NPM_LOCKFILES.filter((name) => name in files) : [];
  return firstRejection(
    () =>
      manifest === undefined
        ? ALLOWED
        : checkDependencies(language, manifest.toString('utf8'), `git source ${DEPENDENCY_FILES[language]}`),
    ...lockfiles.map((name) => () => checkNpmLockfile(files[name].toString('utf8'), `git source ${name}`))
  );
}
