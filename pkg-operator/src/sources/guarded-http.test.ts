import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { GuardedHttpClient } from './guarded-http';
import { resolvePolicy } from './policy';

interface Recorder {
  url: string;
  seen: Array<{ path: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function drain(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<number> {
  let bytes = 0;
  for await (const chunk of body ?? []) {
    bytes += chunk.length;
  }
  return bytes;
}

describe('GuardedHttpClient', () => {
  const policy = resolvePolicy({ allowList: ['127.0.0.1'] });
  let target: Recorder;
  let origin: Recorder;

  beforeAll(async () => {
    target = await serve((_, res) => res.end('x'.repeat(1000)));
    origin = await serve((req, res) => {
      const location = req.url === '/same' ? '/final' : req.url === '/loop' ? '/loop' : `${target.url}/elsewhere`;
      res.writeHead(req.url === '/final' ? 200 : 302, { location }).end('ok');
    });
  });

  afterAll(async () => {
    await Promise.all([target.close(), origin.close()]);
  });

  it('keeps credentials on same-origin redirects and drops them across origins', async () => {
    const client = new GuardedHttpClient({ policy, maxResponseBytes: 10_000 });
    const same = await client.request({ url: `${origin.url}/same`, headers: { authorization: 'Basic c2VjcmV0' } });
    expect(same.url).toBe(`${origin.url}/final`);
    expect(origin.seen.at(-1)!.headers.authorization).toBe('Basic c2VjcmV0');
    const cross = await client.request({ url: `${origin.url}/cross`, headers: { authorization: 'Basic c2VjcmV0' } });
    expect(cross.url).toBe(`${target.url}/elsewhere`);
    expect(await drain(cross.body)).toBe(1000);
    expect(target.seen.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('caps the bytes of all responses together', async () => {
    const client = new GuardedHttpClient({ policy, maxResponseBytes: 1500 });
    expect(await drain((await client.request({ url: `${target.url}/a` })).body)).toBe(1000);
    const second = await client.request({ url: `${target.url}/b` });
    await expect(drain(second.body)).rejects.toMatchObject({ errorType: 'scratch_exhausted' });
  });

  it('gives up on redirect loops', async () => {
    const client = new GuardedHttpClient({ policy, maxResponseBytes: 10_000, maxRedirects: 3 });
    await expect(client.request({ url: `${origin.url}/loop` })).rejects.toMatchObject({ errorType: 'fetch_failed' });
    expect(origin.seen.filter((s) => s.path === '/loop').length).toBe(4);
  });
});
