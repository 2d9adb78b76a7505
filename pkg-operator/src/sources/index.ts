// The sources module: the source security policy, git/inline fetching within the scratch budget, and the
// `check-source` CLI. The controller uses createSourceModule (see ./types for the contract).
import type { LambdaFunctionSpec } from '../api';

import { validateSourceWithDns } from './dns-precheck';
import { fetchSourceFiles } from './fetch-source-files';
import { type SecretReader, credentialsFor } from './git-credentials';
import { type Resolver, systemResolver } from './guarded-lookup';
import { type ClusterNetwork, clusterFromEnv, resolvePolicy } from './policy';
import { ScratchBudget } from './scratch-budget';
import type { PrepareOptions, SourceModule, SourceModuleConfig } from './types';
import { validateSource } from './validate-source';
import { throwIfRejected } from './verdict';

export * from './types';
export { policyFromEnv, POLICY_ENV } from './policy';
export { validateSource, validateLambdaFunction } from './validate-source';

export interface SourceModuleExtras {
  /** Cluster service network and DNS domain; defaults from LAMBDA_SERVICE_CIDRS / LAMBDA_CLUSTER_DOMAIN. */
  readonly cluster?: ClusterNetwork;
  /** DNS for git hosts; tests inject their own. */
  readonly resolve?: Resolver;
  readonly cloneTimeoutMs?: number;
  /** Reads the Secret git.secretRef names; without it such sources are refused. */
  readonly readSecret?: SecretReader;
}

async function gitAuth(spec: LambdaFunctionSpec, opts: PrepareOptions, readSecret?: SecretReader) {
  const secretName = spec.source?.git?.secretRef?.name;
  return secretName === undefined ? undefined : credentialsFor(secretName, opts.fn.namespace, readSecret);
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
    prepareBuildContext: async (spec, opts) => {
      throwIfRejected(validateSource(spec, policy));
      return fetchSourceFiles(spec, {
        policy,
        budget,
        scratchDir: config.tmpDir,
        resolve,
        signal: opts.signal,
        timeoutMs: config.cloneTimeoutMs,
        auth: await gitAuth(spec, opts, config.readSecret),
      });
    },
    scratchUsage: () => ({ usedBytes: budget.usedBytes, limitBytes: budget.limitBytes }),
  };
}
