import type { LambdaFunctionSpec } from '../api';

import { type Resolver, resolveChecked } from './guarded-lookup';
import { canonicalHost, isAllowListedHost } from './host-policy';
import { parseIp } from './ip-address';
import type { ResolvedPolicy } from './policy';
import { validateSource } from './validate-source';
import { ALLOWED, SourceError, type SourceVerdict, rejected } from './verdict';

/**
 * validateSource plus a look at where the git host resolves now, so a name pointing at an internal address is
 * reported before any fetch. Only a blocked answer rejects: a DNS failure is left to the fetch (connect-time
 * checks are the authoritative ones, this is an early, friendlier message).
 */
export async function validateSourceWithDns(
  spec: LambdaFunctionSpec,
  policy: ResolvedPolicy,
  resolve: Resolver
): Promise<SourceVerdict> {
  const verdict = validateSource(spec, policy);
  const git = spec?.source?.git;
  if (!verdict.allowed || !git) {
    return verdict;
  }
  const host = canonicalHost(new URL(git.url).hostname);
  if (parseIp(host)) {
    return ALLOWED;
  }
  try {
    await resolveChecked(resolve, host, policy, isAllowListedHost(host, policy));
    return ALLOWED;
  } catch (error) {
    return error instanceof SourceError && error.errorType === 'ssrf_blocked'
      ? rejected(error.errorType, error.reason)
      : ALLOWED;
  }
}
