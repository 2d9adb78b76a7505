import { cidrContains, embeddedIPv4, formatIp, parseCidr, parseIp } from './ip-address';

describe('ip-address', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('parses %s', (text, formatted) => {
    expect(formatIp(parseIp(text)!)).toBe(formatted);
  });

  it('refuses names and malformed addresses', () => {
    expect(parseIp('example.com')).toBeUndefined();
    expect(parseIp('1.2.3.256')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
  });

  it('matches CIDRs bit by bit, never across families', () => {
    const serviceNet = parseCidr('10.96.0.0/12');
    expect(cidrContains(serviceNet, parseIp('10.111.255.255')!)).toBe(true);
    expect(cidrContains(serviceNet, parseIp('10.112.0.0')!)).toBe(false);
    expect(cidrContains(parseCidr('fc00::/7'), parseIp('fd00:ec2::254')!)).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseIp('::1')!)).toBe(false);
  });

  it('rejects malformed CIDRs', () => {
    expect(() => parseCidr('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => parseCidr('10.0.0.0/x')).toThrow(/prefix/);
    expect(() => parseCidr('intranet/8')).toThrow(/not an IP/);
  });

  it.each([
    ['::ffff:a9fe:a9fe', '169.254.169.254'],
    ['::127.0.0.1', '127.0.0.1'],
    ['64:ff9b::a00:1', '10.0.0.1'],
    ['2002:7f00:1::', '127.0.0.1'],
  ])('finds the IPv4 address carried by %s', (v6, v4) => {
    expect(formatIp(embeddedIPv4(parseIp(v6)!)!)).toBe(v4);
  });

  it('finds none in a plain IPv6 address', () => {
    expect(embeddedIPv4(parseIp('2606:4700::1111')!)).toBeUndefined();
  });
});
