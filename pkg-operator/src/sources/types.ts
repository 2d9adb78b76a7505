// The contract between the controller (owner: operator core) and the sources module (owner: the sources
// colleague). The controller imports ONLY these types and `createSourceModule` from `./index`; the
// `lambda-operator check-source` command imports `checkSourceCli` from `./cli`.
//
//   // pkg-operator/src/sources/index.ts
//   export function createSourceModule(config: SourceModuleConfig): SourceModule;
//   // pkg-operator/src/sources/cli.ts
//   export function checkSourceCli(argv: readonly string[], io?: CliIo): Promise<number>; // exit code
//
// Files produced for a build context are the USER's function only (no Dockerfile, no runtime wrapper:
// the build module adds those). Inline sources are laid out by the same rule as a git checkout:
//   code         → `<handler module>.<ext>`   (ext: nodejs js, python py, go go; module = handler up to the last '.')
//   dependencies → package.json (nodejs) | requirements.txt (python) | go.mod (go)
import type { OperatorErrorType } from '../../../contract';
import type { LambdaFunctionSpec } from '../api';

/** The error types a source can fail with (a subset of the contract's OPERATOR_ERROR_TYPES). */
export type SourceErrorType = Extract<
  OperatorErrorType,
  'invalid_spec' | 'ssrf_blocked' | 'path_traversal' | 'injection' | 'fetch_failed' | 'scratch_exhausted'
>;

export interface SourcePolicy {
  /**
   * Operator-level allow-list (flag --allow-source-hosts / env LAMBDA_ALLOW_SOURCE_HOSTS): host names,
   * IP addresses or CIDRs that may be fetched although they fall in a blocked range. Empty = block all of them.
   */
  allowList: readonly string[];
}

export type SourceVerdict =
  { allowed: true } | { allowed: false; errorType: SourceErrorType; /** a message a user can act on */ reason: string };

export interface SourceModuleConfig {
  policy: SourcePolicy;
  /** directory for checkouts; the module creates `lambda-git-clone-*` inside and removes them on every path */
  tmpDir: string;
  /** the scratch budget: sum of concurrent checkouts stays below this (default 256 MiB) */
  scratchLimitBytes: number;
  /** at most this many clones at once */
  maxConcurrentFetches: number;
}

export interface FunctionRef {
  namespace: string;
  name: string;
}

export interface PrepareOptions {
  fn: FunctionRef;
  /** aborted when the operator shuts down or the function is deleted; the checkout must be cleaned up */
  signal?: AbortSignal;
}

export interface SourceFiles {
  /** posix relative path → content: the user's function directory only */
  files: Record<string, string | Buffer>;
  /** sha256 hex over the sorted (path, content) pairs: identical sources give identical hashes */
  contentHash: string;
  /** total bytes of `files` */
  bytes: number;
}

/** Thrown (rejected) by prepareBuildContext; anything else thrown is treated as a transient error and retried. */
export class SourceError extends Error {
  constructor(
    readonly errorType: SourceErrorType,
    /** a message a user can act on; it becomes the SourceReady condition message */
    readonly reason: string,
    /** a transient failure (network, DNS, timeout, 5xx): the operator retries it with backoff */
    readonly retryable = false
  ) {
    super(reason);
    this.name = 'SourceError';
  }
}

export interface ScratchUsage {
  usedBytes: number;
  limitBytes: number;
}

export interface SourceModule {
  /** Static checks plus DNS resolution of git hosts. Never throws for bad input: returns a verdict. */
  validateSource(spec: LambdaFunctionSpec): Promise<SourceVerdict>;
  /**
   * Fetches the source (git: shallow clone with connect-time address checks, redirects included, within the
   * scratch budget; inline: lays out the files). Rejects with SourceError for a permanent, user-caused failure.
   * Not called for image sources.
   */
  prepareBuildContext(spec: LambdaFunctionSpec, opts: PrepareOptions): Promise<SourceFiles>;
  /** read at scrape time for the contract's scratch_bytes / scratch_limit_bytes */
  scratchUsage(): ScratchUsage;
}

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}
