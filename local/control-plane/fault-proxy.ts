// A fault-injection HTTP proxy in front of kube-apiserver. Clients talk plain HTTP to 127.0.0.1:<port>;
// the proxy forwards to the API server over TLS with the client's own Authorization header, so RBAC
// still applies per identity. Per test, rules make it answer with errors, add latency, cut watch
// streams mid-flight or answer watches with 410 Gone. See README.md for examples.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

import { KubeConfig } from '@kubernetes/client-node';

export interface RequestFilter {
  /** HTTP method, exact (case-insensitive) when a string */
  method?: string | RegExp;
  /** matched against path + query string, e.g. /lambdafunctions/ */
  path?: RegExp;
  /** true: only watch requests; false: only non-watch requests; unset: both */
  watch?: boolean;
}

export type FaultAction =
  /** answer with this HTTP status and a Kubernetes Status body (e.g. 500, 503, 409, 429) */
  | { type: 'status'; status: number; message?: string }
  /** delay the request by ms (+ up to jitterMs), then apply other rules / forward */
  | { type: 'latency'; ms: number; jitterMs?: number }
  /** answer a watch with 410: as a watch ERROR event on a 200 stream (what the API server does for an
   *  expired resourceVersion), or as an HTTP 410 response */
  | { type: 'gone'; mode?: 'event' | 'http' }
  /** forward the watch but cut it after afterMs and/or afterEvents events. 'end' closes the stream
   *  cleanly (like a server-side timeout); 'reset' destroys the connection (like a network failure) */
  | { type: 'cutWatch'; afterMs?: number; afterEvents?: number; mode?: 'end' | 'reset' };

export interface FaultRule extends RequestFilter {
  action: FaultAction;
  /** share (0..1) of matching requests affected; default 1 */
  rate?: number;
  /** stop after the rule fired this many times; default unlimited */
  times?: number;
}

export interface FaultProxyStats {
  requests: number;
  forwarded: number;
  injectedStatus: number;
  injectedGone: number;
  delayed: number;
  watches: number;
  watchesCut: number;
  byMethod: Record<string, number>;
}

/** one request that reached the proxy, as the RBAC test maps it to (verb, resource, namespace) */
export interface RecordedRequest {
  method: string;
  /** path + query string */
  path: string;
  watch: boolean;
  contentType?: string;
  /** the status the proxy answered with itself (a status fault; 'gone' faults answer watches only) */
  injectedStatus?: number;
  /** the API server's own status, for a request the proxy forwarded */
  upstreamStatus?: number;
}

interface ActiveRule {
  rule: FaultRule;
  fired: number;
}

interface ActiveWatch {
  cut(mode: 'end' | 'reset'): void;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function statusBody(code: number, message: string): string {
  return JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: REASONS[code] ?? 'InternalError',
    code,
  });
}

function isWatch(url: URL): boolean {
  const w = url.searchParams.get('watch');
  return w === 'true' || w === '1' || /\/watch\//.test(url.pathname);
}

function matches(rule: FaultRule, method: string, pathAndQuery: string, watch: boolean): boolean {
  if (rule.watch !== undefined && rule.watch !== watch) {
    return false;
  }
  if (typeof rule.method === 'string' && rule.method.toUpperCase() !== method) {
    return false;
  }
  if (rule.method instanceof RegExp && !rule.method.test(method)) {
    return false;
  }
  return !rule.path || rule.path.test(pathAndQuery);
}

export interface FaultProxyOptions {
  /** https://127.0.0.1:<port> of the API server */
  upstream: string;
  /** PEM CA bundle for the upstream's serving certificate */
  ca?: string;
  /** random source in [0,1) for rate decisions; default Math.random */
  random?: () => number;
}

export class FaultProxy {
  private server?: http.Server;
  private rules: ActiveRule[] = [];
  private watches = new Set<ActiveWatch>();
  private readonly agent: https.Agent;
  private readonly upstream: URL;
  private readonly random: () => number;
  url = '';
  stats: FaultProxyStats = FaultProxy.emptyStats();
  /** every request, in order (not cleared by resetStats) */
  readonly recorded: RecordedRequest[] = [];

  constructor(private readonly opts: FaultProxyOptions) {
    this.upstream = new URL(opts.upstream);
    this.random = opts.random ?? Math.random;
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 256, ca: opts.ca });
  }

  private static emptyStats(): FaultProxyStats {
    return {
      requests: 0,
      forwarded: 0,
      injectedStatus: 0,
      injectedGone: 0,
      delayed: 0,
      watches: 0,
      watchesCut: 0,
      byMethod: {},
    };
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Replaces all rules. */
  setFaults(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, fired: 0 }));
  }

  /** Adds one rule; returns a function that removes it. */
  addFault(rule: FaultRule): () => void {
    const active = { rule, fired: 0 };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  clearFaults(): void {
    this.rules = [];
  }

  resetStats(): void {
    this.stats = FaultProxy.emptyStats();
  }

  /** Number of watch streams currently open through the proxy. */
  get openWatches(): number {
    return this.watches.size;
  }

  /** Cuts every watch stream open right now; returns how many were cut. */
  cutWatches(mode: 'end' | 'reset' = 'end'): number {
    const open = [...this.watches];
    open.forEach((w) => w.cut(mode));
    return open.length;
  }

  /** A copy of `base` (same user and credentials) whose current cluster is this proxy. */
  kubeConfig(base: KubeConfig): KubeConfig {
    const user = base.getCurrentUser();
    if (!user) {
      throw new Error('base KubeConfig has no current user');
    }
    const kc = new KubeConfig();
    kc.loadFromOptions({
      // client-node refuses http:// servers unless skipTLSVerify is set (there is no TLS to verify)
      clusters: [{ name: 'fault-proxy', server: this.url, skipTLSVerify: true }],
      users: [user],
      contexts: [{ name: 'fault-proxy', cluster: 'fault-proxy', user: user.name }],
      currentContext: 'fault-proxy',
    });
    return kc;
  }

  async stop(): Promise<void> {
    this.cutWatches('reset');
    this.agent.destroy();
    const srv = this.server;
    this.server = undefined;
    if (srv) {
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    }
  }

  /** Rules that apply to this request, counted as fired. */
  private pick(method: string, pathAndQuery: string, watch: boolean): FaultRule[] {
    const picked: FaultRule[] = [];
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.times !== undefined && active.fired >= rule.times) {
        continue;
      }
      if (!matches(rule, method, pathAndQuery, watch)) {
        continue;
      }
      if ((rule.action.type === 'gone' || rule.action.type === 'cutWatch') && !watch) {
        continue;
      }
      if (this.random() >= (rule.rate ?? 1)) {
        continue;
      }
      active.fired++;
      picked.push(rule);
    }
    return picked;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.upstream);
    const pathAndQuery = url.pathname + url.search;
    const watch = isWatch(url);
    this.stats.requests++;
    const record: RecordedRequest = { method, path: pathAndQuery, watch, contentType: req.headers['content-type'] };
    this.recorded.push(record);
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    if (watch) {
      this.stats.watches++;
    }
    const rules = this.pick(method, pathAndQuery, watch);

    let delay = 0;
    for (const r of rules) {
      if (r.action.type === 'latency') {
        delay += r.action.ms + (r.action.jitterMs ? this.random() * r.action.jitterMs : 0);
      }
    }
    if (delay > 0) {
      this.stats.delayed++;
      await new Promise((r) => setTimeout(r, delay));
    }

    const terminal = rules.find((r) => r.action.type === 'status' || r.action.type === 'gone');
    if (terminal) {
      req.resume();
      if (terminal.action.type === 'status') {
        record.injectedStatus = terminal.action.status;
      }
      this.answerFault(terminal.action, res);
      return;
    }
    const cut = rules.find((r) => r.action.type === 'cutWatch')?.action as
      Extract<FaultAction, { type: 'cutWatch' }> | undefined;
    this.forward(req, res, watch, cut, record);
  }

  private answerFault(action: FaultAction, res: http.ServerResponse): void {
    if (action.type === 'status') {
      this.stats.injectedStatus++;
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
      if (action.status === 429 || action.status === 503) {
        headers['retry-after'] = '1';
      }
      res.writeHead(action.status, headers);
      res.end(statusBody(action.status, action.message ?? `fault injected by test proxy (${action.status})`));
      return;
    }
    if (action.type === 'gone') {
      this.stats.injectedGone++;
      const message = 'too old resource version: injected by test proxy';
      if (action.mode === 'http') {
        res.writeHead(410, { 'content-type': 'application/json' });
        res.end(statusBody(410, message).replace('"Expired"', '"Gone"'));
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        res.end(JSON.stringify({ type: 'ERROR', object: JSON.parse(statusBody(410, message)) }) + '\n');
      }
    }
  }

  private forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    watch: boolean,
    cut: Extract<FaultAction, { type: 'cutWatch' }> | undefined,
    record: RecordedRequest
  ): void {
    this.stats.forwarded++;
    const headers = { ...req.headers, host: this.upstream.host };
    const upstreamReq = https.request(
      {
        protocol: this.upstream.protocol,
        hostname: this.upstream.hostname,
        port: this.upstream.port,
        method: req.method,
        path: req.url,
        headers,
        agent: this.agent,
      },
      (upRes) => {
        record.upstreamStatus = upRes.statusCode;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        if (!watch || upRes.statusCode !== 200) {
          upRes.pipe(res);
          return;
        }
        // the API server flushes a watch's headers at once; clients wait for them before reading events
        res.flushHeaders();
        this.relayWatch(upstreamReq, upRes, res, cut);
      }
    );
    upstreamReq.on('error', (err) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(statusBody(503, `fault proxy: upstream error: ${err.message}`));
      } else {
        res.destroy();
      }
    });
    res.on('close', () => upstreamReq.destroy());
    req.pipe(upstreamReq);
  }

  private relayWatch(
    upstreamReq: http.ClientRequest,
    upRes: http.IncomingMessage,
    res: http.ServerResponse,
    cut: Extract<FaultAction, { type: 'cutWatch' }> | undefined
  ): void {
    let timer: NodeJS.Timeout | undefined;
    let events = 0;
    const entry: ActiveWatch = {
      cut: (mode) => {
        if (!this.watches.delete(entry)) {
          return;
        }
        this.stats.watchesCut++;
        clearTimeout(timer);
        upstreamReq.destroy();
        if (mode === 'reset') {
          res.destroy();
        } else {
          res.end();
        }
      },
    };
    this.watches.add(entry);
    const finish = () => {
      clearTimeout(timer);
      this.watches.delete(entry);
    };
    res.on('close', finish);
    upRes.on('end', () => {
      finish();
      res.end();
    });
    upRes.on('error', () => {
      finish();
      res.destroy();
    });
    if (cut?.afterMs !== undefined) {
      timer = setTimeout(() => entry.cut(cut.mode ?? 'end'), cut.afterMs);
    }
    upRes.on('data', (chunk: Buffer) => {
      if (!this.watches.has(entry)) {
        return;
      }
      if (cut?.afterEvents === undefined) {
        res.write(chunk);
        return;
      }
      // pass whole events (newline-terminated JSON) until the budget is spent, then cut
      let offset = 0;
      while (events < cut.afterEvents) {
        const nl = chunk.indexOf(0x0a, offset);
        if (nl < 0) {
          break;
        }
        events++;
        offset = nl + 1;
      }
      if (events >= cut.afterEvents) {
        res.write(chunk.subarray(0, offset));
        entry.cut(cut.mode ?? 'end');
      } else {
        res.write(chunk);
      }
    });
  }
}
