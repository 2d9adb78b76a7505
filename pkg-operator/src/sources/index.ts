// The sources module: the source security policy, git/inline fetching within the scratch budget, and the
// `check-source` CLI. The controller uses createSourceModule (see ./types for the contract).
import { fetchSourceFiles } from './build-context';
import { validateSourceWithDns } from './dns-precheck';
import { type Resolver, systemResolver } from './guarded-lookup';
import { type ClusterNetwork, clusterFromEnv, resolvePolicy } from './policy';
import { ScratchBudget } from './scratch-budget';
import type { SourceModule, SourceModuleConfig } from './types';

export * from './types';
export { policyFromEnv, POLICY_ENV } from './policy';
export { validateSource, validateLambdaFunction } from './validate-source';

export interface SourceModuleExtras {
  /** Cluster service network and DNS domain; defaults from LAMBDA_SERVICE_CIDRS / LAMBDA_CLUSTER_DOMAIN. */
  readonly cluster?: ClusterNetwork;
  /** DNS for git hosts; tests inject their own. */
  readonly resolve?: Resolver;
  readonly cloneTimeoutMs?: number;
}

export function createSourceModule(config: SourceModuleConfig & SourceModuleExtras): SourceModule {
  const policy = resolvePolicy(config.policy, config.cluster ?? clusterFromEnv());
  const resolve = config.resolve ?? systemResolver;
  const maxConcurrent = Math.max(1, config.maxConcurrentFetches);
  const budget = new ScratchBudget({
    limitBytes: config.scratchLimitBytes,
    perCloneBytes: Math.floor(config.scratchLimitBytes / maxConcurrent),
    maxConcurrent,
  });
  return {
    validateSource: (spec) => validateSourceWithDns(spec, policy, resolve),
    prepareBuildContext: (spec, opts) =>
      fetchSourceFiles(spec, {
        policy,
        budget,
        scratchDir: config.tmpDir,
        resolve,
        signal: opts.signal,
        timeoutMs: config.cloneTimeoutMs,
      }),
    scratchUsage: () => ({ usedBytes: budget.usedBytes, limitBytes: budget.limitBytes }),
  };
}
