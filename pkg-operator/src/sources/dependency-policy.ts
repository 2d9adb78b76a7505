import type { Runtime } from '../../../contract';
import { ALLOWED, type SourceVerdict, rejected } from './verdict';

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

function injection(what: string): SourceVerdict {
  return rejected('injection', `inline.dependencies: ${what}`);
}

function checkPackageJson(text: string): SourceVerdict {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return rejected('invalid_spec', 'inline.dependencies must be package.json content (valid JSON) for nodejs');
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return rejected('invalid_spec', 'inline.dependencies must be a package.json object for nodejs');
  }
  const record = manifest as Record<string, unknown>;
  const scripts = (record.scripts ?? {}) as Record<string, unknown>;
  const hook = NPM_INSTALL_HOOKS.find((name) => name in scripts);
  if (hook) {
    return injection(`the "${hook}" script would run during the build; remove it`);
  }
  for (const field of NPM_DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries((record[field] ?? {}) as Record<string, unknown>)) {
      if (!NPM_NAME.test(name)) {
        return injection(`"${name}" is not a valid npm package name`);
      }
      if (typeof range !== 'string' || !NPM_RANGE.test(range)) {
        return injection(
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

function checkRequirementsTxt(text: string): SourceVerdict {
  const bad = meaningfulLines(text, /(^|\s)#.*$/).find((line) => !PIP_REQUIREMENT.test(line));
  if (bad === undefined) {
    return ALLOWED;
  }
  return bad.startsWith('-')
    ? injection(
        `pip options such as "${bad.split(/\s/)[0]}" are not allowed (they change the index or read other files)`
      )
    : injection(`"${bad.slice(0, 80)}" is not a "name==version" requirement (no URLs, paths or environment markers)`);
}

function checkGoRequirement(words: string[]): SourceVerdict {
  const [path, version] = words;
  const fine =
    words.length === 2 && GO_MODULE_PATH.test(path) && !path.split('/').includes('..') && GO_VERSION.test(version);
  return fine ? ALLOWED : injection(`"${words.join(' ')}" is not a "module/path vX.Y.Z" requirement`);
}

function checkGoMod(text: string): SourceVerdict {
  let inBlock = false;
  for (const line of meaningfulLines(text, /\/\/.*$/)) {
    if (inBlock) {
      inBlock = line !== ')';
      const verdict = inBlock ? checkGoRequirement(line.split(/\s+/)) : ALLOWED;
      if (!verdict.allowed) {
        return verdict;
      }
      continue;
    }
    if (line.startsWith('replace')) {
      return injection('go.mod "replace" directives are not allowed (they redirect modules to paths or other hosts)');
    }
    if (!GO_DIRECTIVES.test(line) || !GO_SAFE_LINE.test(line)) {
      return injection(`unexpected go.mod line "${line.slice(0, 80)}"`);
    }
    const words = line.split(/\s+/);
    inBlock = words[1] === '(';
    const verdict = words[0] === 'require' && !inBlock ? checkGoRequirement(words.slice(1)) : ALLOWED;
    if (!verdict.allowed) {
      return verdict;
    }
  }
  return ALLOWED;
}

export function checkInlineDependencies(language: Runtime, dependencies: string): SourceVerdict {
  switch (language) {
    case 'nodejs':
      return checkPackageJson(dependencies);
    case 'python':
      return checkRequirementsTxt(dependencies);
    case 'go':
      return checkGoMod(dependencies);
  }
}
