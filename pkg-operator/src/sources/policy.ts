import { parseCidr, parseIp } from './ip-address';
import type { SourcePolicy } from './types';

/**
 * The source policy as the checks use it: the operator's allow-list split into names and address ranges, plus
 * the cluster facts that make names and addresses internal.
 */
export interface ResolvedPolicy {
  /**
   * Host names that may be fetched although they are internal: exact names, or `*.example.org` for subdomains.
   * http:// is accepted only for these hosts (and for addresses in allowedCidrs); their resolved addresses may be
   * private, but never a metadata, unspecified or multicast address.
   */
  readonly allowedHosts: readonly string[];
  /** Address ranges that may be connected to although they are internal (same exceptions as above). */
  readonly allowedCidrs: readonly string[];
  /** The cluster's service network(s): they contain the API server's ClusterIP. */
  readonly serviceCidrs: readonly string[];
  /** The cluster DNS domain: names under it are in-cluster services. */
  readonly clusterDomain: string;
}

export interface ClusterNetwork {
  readonly serviceCidrs: readonly string[];
  readonly clusterDomain: string;
}

export const DEFAULT_CLUSTER: ClusterNetwork = { serviceCidrs: ['10.96.0.0/12'], clusterDomain: 'cluster.local' };

export const POLICY_ENV = {
  allowList: 'LAMBDA_ALLOW_SOURCE_HOSTS',
  serviceCidrs: 'LAMBDA_SERVICE_CIDRS',
  clusterDomain: 'LAMBDA_CLUSTER_DOMAIN',
} as const;

const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Comma- or whitespace-separated list, as flags and environment variables carry it. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/** Splits and checks the allow-list; throws naming the offending entry so a bad configuration fails at startup. */
export function resolvePolicy(policy: SourcePolicy, cluster: ClusterNetwork = DEFAULT_CLUSTER): ResolvedPolicy {
  const entries = policy.allowList.map((e) => e.trim().toLowerCase().replace(/\.$/, ''));
  const isAddress = (e: string) => parseIp(e.split('/')[0]) !== undefined;
  const allowedCidrs = entries.filter(isAddress);
  const allowedHosts = entries.filter((e) => !isAddress(e));
  const badHost = allowedHosts.find((h) => !HOST_PATTERN.test(h));
  if (badHost !== undefined) {
    throw new Error(
      `invalid source allow-list entry ${JSON.stringify(badHost)}: use a host name, *.domain, an IP address or a CIDR`
    );
  }
  [...allowedCidrs, ...cluster.serviceCidrs].forEach(parseCidr);
  const clusterDomain = cluster.clusterDomain.toLowerCase().replace(/\.$/, '');
  if (!HOST_PATTERN.test(clusterDomain) || clusterDomain.startsWith('*')) {
    throw new Error(`invalid cluster domain ${JSON.stringify(cluster.clusterDomain)}`);
  }
  return { allowedHosts, allowedCidrs, serviceCidrs: cluster.serviceCidrs, clusterDomain };
}

export function clusterFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterNetwork {
  const serviceCidrs = parseList(env[POLICY_ENV.serviceCidrs]);
  return {
    serviceCidrs: serviceCidrs.length > 0 ? serviceCidrs : DEFAULT_CLUSTER.serviceCidrs,
    clusterDomain: env[POLICY_ENV.clusterDomain]?.trim() || DEFAULT_CLUSTER.clusterDomain,
  };
}

export function policyFromEnv(env: NodeJS.ProcessEnv = process.env): SourcePolicy {
  return { allowList: parseList(env[POLICY_ENV.allowList]) };
}
