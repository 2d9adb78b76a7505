import { isIP } from 'node:net';

/** Only literal loopback addresses: a host name could resolve anywhere, so it is refused too. */
export function assertLoopbackUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`target ${JSON.stringify(raw)} is not a URL`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = (isIP(host) === 4 && host.startsWith('127.')) || (isIP(host) === 6 && host === '::1');
  if (url.protocol !== 'http:' || !loopback) {
    throw new Error(
      `refusing target ${raw}: only http:// on a literal loopback address (127.0.0.0/8 or [::1]) is allowed`
    );
  }
  return url;
}
