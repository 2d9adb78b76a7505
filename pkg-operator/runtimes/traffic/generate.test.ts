import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { generateTraffic } from './generate';
import { assertLoopbackUrl } from './loopback';

describe('loopback-only targets', () => {
  it.each(['http://127.0.0.1:8080/', 'http://127.1.2.3/', 'http://[::1]:9/'])('accepts %s', (url) => {
    expect(assertLoopbackUrl(url).toString()).toBe(new URL(url).toString());
  });

  it.each([
    'http://example.com/',
    'http://localhost:8080/',
    'https://127.0.0.1/',
    'http://10.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(() => assertLoopbackUrl(url)).toThrow(/refusing target|not a URL/);
  });
});

describe('generateTraffic', () => {
  let server: Server;
  let url: string;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    let n = 0;
    server = createServer((req, res) => {
      seen.push(req);
      req.resume();
      n += 1;
      const type = n % 4 === 0 ? 'io.knative.lambda.response.error' : 'io.knative.lambda.response.success';
      res.writeHead(n % 4 === 0 ? 500 : 200, { 'ce-type': type }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends count requests per target at the set rate, with a traceparent, and reports the outcomes', async () => {
    seen.length = 0;
    const summary = await generateTraffic({
      targets: [{ name: 'a', url }],
      ratePerSecond: 100,
      count: 20,
      maxSeconds: 10,
    });
    expect(summary.stoppedBy).toBe('count');
    expect(summary.durationSeconds).toBeGreaterThanOrEqual(0.19);
    expect(summary.targets.a).toMatchObject({
      sent: 20,
      outcomes: { success: 15, error: 5, timeout: 0, no_reply: 0 },
      httpStatus: { 200: 15, 500: 5 },
    });
    expect(new Set(summary.targets.a.traceIds).size).toBe(20);
    expect(seen.map((req) => String(req.headers.traceparent).split('-')[1]).sort()).toEqual(
      [...summary.targets.a.traceIds].sort()
    );
    expect(seen.every((req) => req.headers['ce-specversion'] === '1.0')).toBe(true);
  });

  it('stops at max-seconds', async () => {
    const summary = await generateTraffic({
      targets: [{ name: 'a', url }],
      ratePerSecond: 10,
      count: 1000,
      maxSeconds: 0.5,
    });
    expect(summary.stoppedBy).toBe('time');
    expect(summary.targets.a.sent).toBeLessThanOrEqual(6);
    expect(summary.durationSeconds).toBeLessThan(2);
  });

  it('refuses unbounded or remote runs before sending anything', async () => {
    seen.length = 0;
    await expect(
      generateTraffic({ targets: [{ name: 'a', url }], ratePerSecond: 10, count: 1e9, maxSeconds: 1 })
    ).rejects.toThrow(/count/);
    await expect(
      generateTraffic({ targets: [{ name: 'a', url }], ratePerSecond: 10, count: 1, maxSeconds: 1e9 })
    ).rejects.toThrow(/max-seconds/);
    await expect(
      generateTraffic({
        targets: [{ name: 'a', url: 'http://example.com/' }],
        ratePerSecond: 10,
        count: 1,
        maxSeconds: 1,
      })
    ).rejects.toThrow(/refusing/);
    expect(seen).toHaveLength(0);
  });
});
