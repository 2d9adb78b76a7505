import { type LookupAddress, type LookupAllOptions, type LookupOneOptions, promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';

import { checkAddress } from './host-policy';
import { parseIp } from './ip-address';
import type { ResolvedPolicy } from './policy';
import { SourceError } from './verdict';

/** Resolves a host name to every address it has. Tests inject their own to play DNS (rebinding included). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver, asked for the absolute name so that cluster DNS search paths cannot widen it. */
export const systemResolver: Resolver = (hostname) =>
  dns.lookup(hostname.endsWith('.') ? hostname : `${hostname}.`, { all: true, verbatim: true });

/** Resolves a name and refuses (SourceError ssrf_blocked) if any of its addresses is blocked. */
export async function resolveChecked(
  resolve: Resolver,
  hostname: string,
  policy: ResolvedPolicy,
  hostAllowListed: boolean
) {
  const addresses = await resolve(hostname);
  if (addresses.length === 0) {
    throw new SourceError('fetch_failed', `host "${hostname}" does not resolve to any address`, true);
  }
  for (const { address } of addresses) {
    const bytes = parseIp(address);
    const verdict = bytes ? checkAddress(bytes, policy, hostAllowListed) : undefined;
    if (!verdict || !verdict.allowed) {
      const why = verdict && !verdict.allowed ? verdict.reason : `${address} is not an IP address`;
      throw new SourceError('ssrf_blocked', `host "${hostname}" resolves to a blocked address: ${why}`);
    }
  }
  return addresses;
}

/**
 * A `lookup` for net/http that checks every address the name resolves to at the moment of connecting, so a
 * name that resolved somewhere harmless during validation and somewhere internal now (DNS rebinding) is refused.
 */
export function guardedLookup(resolve: Resolver, policy: ResolvedPolicy, hostAllowListed: boolean): LookupFunction {
  return (hostname, options: LookupOneOptions | LookupAllOptions, callback) => {
    resolveChecked(resolve, hostname, policy, hostAllowListed).then(
      (all) => {
        const wanted = options.family ? all.filter((a) => a.family === options.family) : all;
        const usable = wanted.length > 0 ? wanted : all;
        if (options.all) {
          callback(null, usable);
        } else {
          callback(null, usable[0].address, usable[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '')
    );
  };
}
