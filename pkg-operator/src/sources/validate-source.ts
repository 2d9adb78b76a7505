import {
  type GitSource,
  type ImageSource,
  type InlineSource,
  type LambdaFunction,
  type LambdaFunctionSpec,
  handlerOf,
  sourceKind,
} from '../api';

import { checkInlineDependencies } from './dependency-policy';
import { checkGitRef, checkHandler, checkImage, checkObjectName, checkRuntime } from './identifier-policy';
import { checkGitPath } from './path-policy';
import type { ResolvedPolicy } from './policy';
import { checkGitUrl } from './url-policy';
import { ALLOWED, type SourceVerdict, firstRejection, rejected } from './verdict';

export const MAX_INLINE_CODE_BYTES = 512 * 1024;

function checkGit(git: GitSource, policy: ResolvedPolicy): SourceVerdict {
  return firstRejection(
    () =>
      typeof git.url === 'string' ? checkGitUrl(git.url, policy) : rejected('invalid_spec', 'git.url is required'),
    () => (git.ref === undefined ? ALLOWED : checkGitRef(git.ref)),
    () => (git.path === undefined ? ALLOWED : checkGitPath(git.path)),
    () => (git.secretRef === undefined ? ALLOWED : checkObjectName('secretName', git.secretRef.name ?? ''))
  );
}

function checkInline(inline: InlineSource, spec: LambdaFunctionSpec): SourceVerdict {
  if (typeof inline.code !== 'string' || inline.code.length === 0) {
    return rejected('invalid_spec', 'inline.code must be a non-empty string');
  }
  if (Buffer.byteLength(inline.code) > MAX_INLINE_CODE_BYTES) {
    return rejected('invalid_spec', `inline.code is larger than ${MAX_INLINE_CODE_BYTES} bytes; use a git source`);
  }
  return inline.dependencies === undefined
    ? ALLOWED
    : checkInlineDependencies(spec.runtime.language, inline.dependencies);
}

function checkImageSource(image: ImageSource): SourceVerdict {
  const portOk = image.port === undefined || (Number.isInteger(image.port) && image.port >= 1 && image.port <= 65535);
  return portOk
    ? checkImage(image.repository ?? '', image.tag, image.digest)
    : rejected('invalid_spec', 'image.port must be 1-65535');
}

function checkExactlyOneSource(spec: LambdaFunctionSpec): SourceVerdict {
  const count = [spec.source?.git, spec.source?.inline, spec.source?.image].filter((s) => s !== undefined).length;
  return count === 1
    ? ALLOWED
    : rejected('invalid_spec', 'set exactly one of source.git, source.inline or source.image');
}

/** A spec with values of the wrong JSON type is refused like any other malformed spec, never thrown on. */
function guarded(check: () => SourceVerdict): SourceVerdict {
  try {
    return check();
  } catch (error) {
    return rejected(
      'invalid_spec',
      `the spec is malformed (${(error as Error).message}); compare it with the LambdaFunction CRD schema`
    );
  }
}

/** The whole source policy for one spec, without network access (DNS and redirects are checked at connect time). */
export function validateSource(spec: LambdaFunctionSpec, policy: ResolvedPolicy): SourceVerdict {
  return guarded(() => staticChecks(spec, policy));
}

function staticChecks(spec: LambdaFunctionSpec, policy: ResolvedPolicy): SourceVerdict {
  return firstRejection(
    () => (spec?.runtime ? ALLOWED : rejected('invalid_spec', 'spec.runtime is required')),
    () => checkExactlyOneSource(spec),
    () => checkRuntime(spec.runtime.language, String(spec.runtime.version ?? '')),
    () => (spec.source.image ? ALLOWED : checkHandler(handlerOf(spec))),
    () => {
      switch (sourceKind(spec.source)) {
        case 'git':
          return checkGit(spec.source.git!, policy);
        case 'inline':
          return checkInline(spec.source.inline!, spec);
        default:
          return checkImageSource(spec.source.image!);
      }
    }
  );
}

/** validateSource plus the object's own names, which also end up in generated names and files. */
export function validateLambdaFunction(fn: LambdaFunction, policy: ResolvedPolicy): SourceVerdict {
  return guarded(() =>
    firstRejection(
      () => (fn?.spec ? ALLOWED : rejected('invalid_spec', 'the object has no spec')),
      () => checkObjectName('functionName', fn.metadata?.name ?? ''),
      () => (fn.metadata?.namespace === undefined ? ALLOWED : checkObjectName('namespace', fn.metadata.namespace)),
      () => staticChecks(fn.spec, policy)
    )
  );
}
