import { ALLOWED, type SourceVerdict, rejected } from './verdict';

export const MAX_GIT_PATH_LENGTH = 512;

const SHELL_METACHARACTERS = /[;&|`$()<>'"*?!{}[\]\s]/;
const SAFE_PATH = /^[A-Za-z0-9._/-]+$/;

function traversal(detail: string): SourceVerdict {
  return rejected(
    'path_traversal',
    `git path ${detail}; give a relative directory inside the repository, e.g. "functions/hello"`
  );
}

/** Static check of spec.source.git.path; symlinks are checked after the clone (see checkout-guard). */
export function checkGitPath(path: string): SourceVerdict {
  if (path.length > MAX_GIT_PATH_LENGTH) {
    return rejected('invalid_spec', `git path must be at most ${MAX_GIT_PATH_LENGTH} characters long`);
  }
  if (path.includes('\0')) {
    return traversal('contains a NUL byte');
  }
  if (path.includes('\\')) {
    return traversal('contains a backslash');
  }
  if (path.includes('%')) {
    return traversal('contains percent-encoding, which is not decoded');
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('~')) {
    return traversal('is absolute');
  }
  if (path.split('/').some((segment) => segment === '..')) {
    return traversal('contains a path traversal sequence (..)');
  }
  if (SHELL_METACHARACTERS.test(path)) {
    return rejected(
      'injection',
      'git path contains whitespace, quotes or shell metacharacters; use letters, digits, ".", "_", "-" and "/"'
    );
  }
  if (!SAFE_PATH.test(path) || path.split('/').some((segment) => segment === '.' || segment === '.git')) {
    return traversal('may only contain letters, digits, ".", "_", "-" and "/", and no "." or ".git" segments');
  }
  return ALLOWED;
}
