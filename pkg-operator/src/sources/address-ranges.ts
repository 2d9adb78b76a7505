import { type Cidr, type IpBytes, cidrContains, embeddedIPv4, parseCidr } from './ip-address';

export interface BlockedRange {
  readonly cidr: Cidr;
  /** What the address is, as a predicate the rejection message puts after it. */
  readonly what: string;
  /** Never reachable, whatever the operator allow-list says. */
  readonly always: boolean;
}

const range = (cidr: string, what: string, always = false): BlockedRange => ({ cidr: parseCidr(cidr), what, always });

/** Most specific first: the first match names the range in the message. */
const BLOCKED_RANGES: readonly BlockedRange[] = [
  range('169.254.169.254/32', 'is the cloud metadata endpoint (AWS, GCP, Azure, OpenStack)', true),
  range('169.254.170.2/32', 'is the AWS ECS task metadata endpoint', true),
  range('100.100.100.200/32', 'is the Alibaba Cloud metadata endpoint', true),
  range('192.0.0.192/32', 'is the Oracle Cloud metadata endpoint', true),
  range('fd00:ec2::254/128', 'is the AWS IPv6 metadata endpoint', true),
  range('0.0.0.0/8', 'is in the unspecified ("this host") range', true),
  range('::/128', 'is the unspecified IPv6 address', true),
  range('224.0.0.0/4', 'is in a multicast range', true),
  range('ff00::/8', 'is in an IPv6 multicast range', true),
  range('240.0.0.0/4', 'is in a reserved range (including broadcast)', true),
  range('127.0.0.0/8', 'is in the loopback range'),
  range('::1/128', 'is the IPv6 loopback address'),
  range('169.254.0.0/16', 'is in the link-local range'),
  range('fe80::/10', 'is in the IPv6 link-local range'),
  range('fec0::/10', 'is in the deprecated IPv6 site-local range'),
  range('10.0.0.0/8', 'is in a private range (10.0.0.0/8)'),
  range('172.16.0.0/12', 'is in a private range (172.16.0.0/12)'),
  range('192.168.0.0/16', 'is in a private range (192.168.0.0/16)'),
  range('fc00::/7', 'is in an IPv6 unique-local (private) range'),
  range('100.64.0.0/10', 'is in the carrier-grade NAT range'),
  range('192.0.0.0/24', 'is in the IETF protocol assignments range'),
  range('198.18.0.0/15', 'is in the benchmarking range'),
  range('192.0.2.0/24', 'is in a documentation range'),
  range('198.51.100.0/24', 'is in a documentation range'),
  range('203.0.113.0/24', 'is in a documentation range'),
  range('2001:db8::/32', 'is in the IPv6 documentation range'),
  range('100::/64', 'is in the IPv6 discard range'),
  range('2001::/32', 'is a Teredo tunnel address, which hides the real destination'),
  range('64:ff9b:1::/48', 'is in the local-use NAT64 range'),
];

/** Where an address lands: the first blocked range it is in (IPv6 forms carrying an IPv4 are judged as that IPv4). */
export function classifyAddress(
  address: IpBytes,
  extraBlocked: readonly BlockedRange[] = []
): BlockedRange | undefined {
  const ranges = [
    ...BLOCKED_RANGES.filter((r) => r.always),
    ...extraBlocked,
    ...BLOCKED_RANGES.filter((r) => !r.always),
  ];
  const direct = ranges.find((r) => cidrContains(r.cidr, address));
  if (direct) {
    return direct;
  }
  const v4 = embeddedIPv4(address);
  return v4 ? classifyAddress(v4, extraBlocked) : undefined;
}

export function serviceCidrRange(cidr: string): BlockedRange {
  return range(cidr, `is in the Kubernetes service network (${cidr}), which includes the API server`);
}
