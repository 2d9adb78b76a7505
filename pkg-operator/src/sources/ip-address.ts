import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as its raw bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = Uint8Array;

export interface Cidr {
  readonly bytes: IpBytes;
  readonly prefix: number;
}

function parseIPv4(text: string): IpBytes {
  return Uint8Array.from(text.split('.').map(Number));
}

function parseIPv6(text: string): IpBytes {
  const hexOnly = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((w) => w.toString(16)).join(':')
  );
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const [head, tail] = hexOnly.split('::');
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const words = [...before, ...new Array(8 - before.length - after.length).fill(0), ...after];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

/** Parses a literal IPv4 or IPv6 address (brackets and a zone id are tolerated); undefined for anything else. */
export function parseIp(text: string): IpBytes | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(bare)) {
    return parseIPv4(bare);
  }
  return isIPv6(bare) ? parseIPv6(bare) : undefined;
}

export function formatIp(bytes: IpBytes): string {
  if (bytes.length === 4) {
    return bytes.join('.');
  }
  const words = [];
  for (let i = 0; i < 16; i += 2) {
    words.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  }
  return words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

export function parseCidr(text: string): Cidr {
  const [address, prefixText] = text.split('/');
  const bytes = parseIp(address);
  if (!bytes) {
    throw new Error(`not an IP address or CIDR: ${JSON.stringify(text)}`);
  }
  const prefix = prefixText === undefined ? bytes.length * 8 : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? '0') || prefix > bytes.length * 8) {
    throw new Error(`invalid prefix length in CIDR ${JSON.stringify(text)}`);
  }
  return { bytes, prefix };
}

export function cidrContains(cidr: Cidr, address: IpBytes): boolean {
  if (cidr.bytes.length !== address.length) {
    return false;
  }
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const width = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if ((cidr.bytes[bit / 8] & mask) !== (address[bit / 8] & mask)) {
      return false;
    }
  }
  return true;
}

const EMBEDDING_PREFIXES: ReadonlyArray<{ cidr: Cidr; offset: number }> = [
  { cidr: parseCidr('::ffff:0:0/96'), offset: 12 }, // IPv4-mapped
  { cidr: parseCidr('::/96'), offset: 12 }, // IPv4-compatible (deprecated)
  { cidr: parseCidr('64:ff9b::/96'), offset: 12 }, // NAT64 well-known prefix
  { cidr: parseCidr('2002::/16'), offset: 2 }, // 6to4
];

/**
 * The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), so it is judged like that IPv4.
 * Callers check the IPv6-only ranges (::, ::1) first: they also fall inside ::/96.
 */
export function embeddedIPv4(address: IpBytes): IpBytes | undefined {
  const match = address.length === 16 ? EMBEDDING_PREFIXES.find((p) => cidrContains(p.cidr, address)) : undefined;
  return match ? address.slice(match.offset, match.offset + 4) : undefined;
}
