import { RUNTIMES } from '../../../contract';

import { ALLOWED, type SourceVerdict, rejected } from './verdict';

/** Strict patterns for every spec value that ends up in generated files, commands or object names. */
export const PATTERNS = {
  handler: /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){1,3}$/,
  gitRef: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
  functionName: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  namespace: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  secretName: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
  runtimeVersion: /^[0-9]+(\.[0-9]+){0,2}$/,
  imageRepository: /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
  imageTag: /^[A-Za-z0-9_][A-Za-z0-9._-]*$/,
  imageDigest: /^sha256:[a-f0-9]{64}$/,
} as const;

export const LIMITS = {
  handler: 100,
  gitRef: 255,
  functionName: 45,
  namespace: 63,
  secretName: 253,
  imageRepository: 255,
  imageTag: 128,
};

type Checked = keyof typeof LIMITS;

/** the value is within the length limit and the pattern of its kind */
export function matches(kind: Checked, value: string): boolean {
  return value.length <= LIMITS[kind] && PATTERNS[kind].test(value);
}

export function checkHandler(handler: string): SourceVerdict {
  return matches('handler', handler)
    ? ALLOWED
    : rejected(
        'injection',
        `runtime.handler must look like module.function (letters, digits and "_", at most ${LIMITS.handler} characters), e.g. "index.handler"`
      );
}

/** git check-ref-format rules, narrowed to characters that are safe everywhere, or a commit id. */
export function checkGitRef(ref: string): SourceVerdict {
  const wellFormed =
    matches('gitRef', ref) &&
    !ref.includes('..') &&
    !ref.includes('//') &&
    !ref.endsWith('/') &&
    !ref.endsWith('.') &&
    !ref.endsWith('.lock') &&
    !ref.split('/').some((part) => part.startsWith('.'));
  return wellFormed
    ? ALLOWED
    : rejected(
        'injection',
        'git.ref must be a branch, tag or commit id made of letters, digits, ".", "_", "-" and "/" (no "..", no leading "-" or ".")'
      );
}

export function checkObjectName(kind: 'functionName' | 'namespace' | 'secretName', value: string): SourceVerdict {
  const label = { functionName: 'metadata.name', namespace: 'metadata.namespace', secretName: 'git.secretRef.name' }[
    kind
  ];
  return matches(kind, value)
    ? ALLOWED
    : rejected('injection', `${label} must be lowercase letters, digits and "-" (at most ${LIMITS[kind]} characters)`);
}

export function checkRuntime(language: string, version: string): SourceVerdict {
  if (!(RUNTIMES as readonly string[]).includes(language)) {
    return rejected('invalid_spec', `runtime.language must be one of ${RUNTIMES.join(', ')}`);
  }
  return PATTERNS.runtimeVersion.test(version)
    ? ALLOWED
    : rejected('invalid_spec', 'runtime.version must be a version number such as "20" or "3.11"');
}

export function checkImage(repository: string, tag?: string, digest?: string): SourceVerdict {
  if (!matches('imageRepository', repository)) {
    return rejected(
      'injection',
      'image.repository must be a lowercase image reference such as "ghcr.io/org/app" (no tag, no scheme)'
    );
  }
  if (tag !== undefined && digest !== undefined) {
    return rejected('invalid_spec', 'set at most one of image.tag and image.digest');
  }
  if (tag !== undefined && !matches('imageTag', tag)) {
    return rejected(
      'injection',
      'image.tag may only contain letters, digits, ".", "_" and "-" (at most 128 characters)'
    );
  }
  return digest === undefined || PATTERNS.imageDigest.test(digest)
    ? ALLOWED
    : rejected('injection', 'image.digest must be "sha256:" followed by 64 lowercase hex digits');
}
