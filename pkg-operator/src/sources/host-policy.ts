import { classifyAddress, serviceCidrRange } from './address-ranges';
import { type IpBytes, cidrContains, formatIp, parseCidr, parseIp } from './ip-address';
import type { ResolvedPolicy } from './policy';
import { ALLOWED, type SourceVerdict, rejected } from './verdict';

/** Lower case, without brackets or the trailing dot of an absolute DNS name. */
export function canonicalHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

export function isAllowListedHost(hostname: string, policy: ResolvedPolicy): boolean {
  const host = canonicalHost(hostname);
  return policy.allowedHosts.some((entry) =>
    entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry
  );
}

export function isAllowListedAddress(address: IpBytes, policy: ResolvedPolicy): boolean {
  return policy.allowedCidrs.some((cidr) => cidrContains(parseCidr(cidr), address));
}

/**
 * May a connection go to this address? Metadata, unspecified and multicast addresses never; other internal
 * ranges (loopback, private, link-local, CGNAT, the service network…) only when allow-listed.
 */
export function checkAddress(address: IpBytes, policy: ResolvedPolicy, hostAllowListed: boolean): SourceVerdict {
  const blocked = classifyAddress(address, policy.serviceCidrs.map(serviceCidrRange));
  if (!blocked) {
    return ALLOWED;
  }
  if (!blocked.always && (hostAllowListed || isAllowListedAddress(address, policy))) {
    return ALLOWED;
  }
  return blockedMessage(formatIp(address), blocked.what, !blocked.always);
}

const ALLOW_LIST_HINT = ' Ask the operator administrators to allow-list it if it is a trusted internal git server.';

function blockedMessage(subject: string, what: string, allowListable: boolean): SourceVerdict {
  const hint = allowListable ? ALLOW_LIST_HINT : '';
  return rejected('ssrf_blocked', `${subject} ${what}; sources must be fetched from public hosts.${hint}`);
}

const METADATA_NAMES = [
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
];
const PRIVATE_SUFFIXES = ['.internal', '.local', '.localdomain', '.intranet', '.lan', '.corp', '.arpa'];

function isKubernetesApi(host: string, clusterDomain: string): boolean {
  return /^kubernetes(\.default)?(\.svc)?$/.test(host) || host === `kubernetes.default.svc.${clusterDomain}`;
}

function describeInternalName(host: string, clusterDomain: string): string | undefined {
  if (METADATA_NAMES.includes(host)) {
    return 'a cloud metadata service name';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return 'a loopback name';
  }
  if (isKubernetesApi(host, clusterDomain)) {
    return 'the Kubernetes API server';
  }
  if (host.endsWith('.svc') || host.endsWith(`.svc.${clusterDomain}`) || host.endsWith(`.${clusterDomain}`)) {
    return 'an in-cluster service name';
  }
  if (!host.includes('.')) {
    return 'a single-label name (cluster DNS search paths would resolve it to an in-cluster service)';
  }
  const suffix = PRIVATE_SUFFIXES.find((s) => host.endsWith(s));
  return suffix ? `a private DNS name (*${suffix})` : undefined;
}

/** Static check of a URL host: literal addresses by range, names by what they denote. DNS is checked at connect time. */
export function checkHost(hostname: string, policy: ResolvedPolicy): SourceVerdict {
  const host = canonicalHost(hostname);
  const address = parseIp(host);
  if (address) {
    return checkAddress(address, policy, false);
  }
  if (isAllowListedHost(host, policy)) {
    return ALLOWED;
  }
  const internal = describeInternalName(host, policy.clusterDomain);
  if (!internal) {
    return ALLOWED;
  }
  const allowListable = !METADATA_NAMES.includes(host) && !isKubernetesApi(host, policy.clusterDomain);
  return blockedMessage(`host "${host}"`, `is ${internal}`, allowListable);
}
