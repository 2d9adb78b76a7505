import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';

import { guardedLookup, type Resolver, systemResolver } from './guarded-lookup';
import { canonicalHost, isAllowListedHost } from './host-policy';
import { parseIp } from './ip-address';
import type { ResolvedPolicy } from './policy';
import { checkFetchUrl } from './url-policy';
import { SourceError, throwIfRejected } from './verdict';

export interface GuardedHttpOptions {
  readonly policy: ResolvedPolicy;
  /** Most bytes all responses of this client may carry together (the clone's scratch reservation). */
  readonly maxResponseBytes: number;
  readonly resolve?: Resolver;
  readonly signal?: AbortSignal;
  readonly maxRedirects?: number;
  /** A connection that stays silent this long is dropped. */
  readonly idleTimeoutMs?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

async function collect(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<Buffer | undefined> {
  if (!body) {
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]]))
  );
}

/** isomorphic-git's HTTP client, with every hop checked by the source policy and the response bytes capped. */
export class GuardedHttpClient implements HttpClient {
  private received = 0;

  constructor(private readonly options: GuardedHttpOptions) {}

  get bytesReceived(): number {
    return this.received;
  }

  request = async (request: GitHttpRequest): Promise<GitHttpResponse> => {
    const method = request.method ?? 'GET';
    const body = await collect(request.body);
    let headers = { ...request.headers };
    let url = new URL(request.url);
    for (let hop = 0; hop <= (this.options.maxRedirects ?? 5); hop++) {
      const response = await this.send(url, method, headers, body);
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || !location) {
        return this.toGitResponse(url, method, response);
      }
      response.resume();
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
      }
      url = next;
    }
    throw new SourceError('fetch_failed', `too many redirects fetching ${request.url}`);
  };

  private send(url: URL, method: string, headers: Record<string, string>, body?: Buffer): Promise<IncomingMessage> {
    throwIfRejected(checkFetchUrl(url, this.options.policy));
    const { policy, resolve = systemResolver, signal, idleTimeoutMs = 30_000 } = this.options;
    const host = canonicalHost(url.hostname);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolvePromise, reject) => {
      const req = transport.request(
        {
          method,
          host,
          port: url.port || undefined,
          path: url.pathname + url.search,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
          servername: parseIp(host) ? undefined : host,
          lookup: guardedLookup(resolve, policy, isAllowListedHost(host, policy)),
          agent: false,
          signal,
        },
        resolvePromise
      );
      req.setTimeout(idleTimeoutMs, () =>
        req.destroy(new SourceError('fetch_failed', `${url.host} did not answer within ${idleTimeoutMs / 1000}s`, true))
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private toGitResponse(url: URL, method: string, response: IncomingMessage): GitHttpResponse {
    return {
      url: url.href,
      method,
      statusCode: response.statusCode ?? 0,
      statusMessage: response.statusMessage ?? '',
      headers: flattenHeaders(response.headers),
      body: this.capped(response),
    };
  }

  private async *capped(response: IncomingMessage): AsyncIterableIterator<Uint8Array> {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      this.received += chunk.length;
      if (this.received > this.options.maxResponseBytes) {
        response.destroy();
        throw new SourceError(
          'scratch_exhausted',
          `the repository is larger than the ${this.options.maxResponseBytes}-byte scratch budget of one clone; use a smaller repository or git.path in a smaller one, or ask the operator administrators to raise the limit`
        );
      }
      yield chunk;
    }
  }
}
