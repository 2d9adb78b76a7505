import { type LambdaFunctionSpec, handlerOf } from '../api';

import { DEFAULT_FILE_LIMITS, type FileLimits, collectFiles, resolveSourcePath } from './checkout-files';
import { contentHash } from './content-hash';
import { checkGitRootFiles } from './dependency-policy';
import { DEFAULT_REF, type GitCloneOptions, withGitCheckout } from './git-clone';
import { inlineFiles } from './inline-files';
import type { SourceFiles } from './types';
import { validateSource } from './validate-source';
import { throwIfRejected } from './verdict';

export interface FetchOptions extends GitCloneOptions {
  readonly fileLimits?: FileLimits;
}

async function gitFiles(spec: LambdaFunctionSpec, options: FetchOptions): Promise<Record<string, Buffer>> {
  const git = spec.source.git!;
  const files = await withGitCheckout(git, options, async (root) => {
    const dir = await resolveSourcePath(root, git.path, git.ref ?? DEFAULT_REF);
    return Object.fromEntries((await collectFiles(root, dir, options.fileLimits ?? DEFAULT_FILE_LIMITS)).files);
  });
  throwIfRejected(checkGitRootFiles(spec.runtime.language, files));
  return files;
}

/**
 * Validates the spec against the source policy and fetches the function's own files. Throws SourceError (contract
 * error type plus a message for the user) on any rejection or failure, and leaves nothing on disk either way.
 * Image sources have no files: their hash is the image reference.
 */
export async function fetchSourceFiles(spec: LambdaFunctionSpec, options: FetchOptions): Promise<SourceFiles> {
  throwIfRejected(validateSource(spec, options.policy));
  const { git, inline, image } = spec.source;
  if (image) {
    const reference = `${image.repository}${image.digest ? `@${image.digest}` : `:${image.tag ?? 'latest'}`}`;
    return { files: {}, contentHash: reference, bytes: 0 };
  }
  const files = git ? await gitFiles(spec, options) : inlineFiles(spec.runtime.language, handlerOf(spec), inline!);
  const bytes = Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
  return { files, contentHash: contentHash(files), bytes };
}
