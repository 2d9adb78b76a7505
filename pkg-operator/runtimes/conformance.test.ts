// One behaviour, three runtimes: every wrapper is driven over real HTTP and must answer, count and expose exactly
// the same way (the reply rule, the contract metrics, exemplars, logs). Needs python3, Go >= 1.21 and promtool.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import {
  FUNCTION_ERROR_TYPES,
  FUNCTION_IDENTITY_LABELS,
  FUNCTION_METRICS,
  INVOCATION_STATUSES,
  RUNTIMES,
  formatLe,
  labelNames,
  type Runtime,
} from '../../contract';
import { parseExposition, sampleValue, type ParsedExposition } from '../../contract/exposition';

import { DEMO_HANDLERS } from './launch/demo-handlers';
import { RuntimeLauncher, type RunningRuntime } from './launch/start-runtime';

const FIXTURES: Record<Runtime, { dir: string; unserializable: string; broken?: string }> = {
  nodejs: {
    dir: join(__dirname, 'testdata', 'nodejs'),
    unserializable: 'fixtures.unserializable',
    broken: 'broken.handle',
  },
  python: {
    dir: join(__dirname, 'testdata', 'python'),
    unserializable: 'fixtures.unserializable',
    broken: 'broken.handle',
  },
  go: { dir: join(__dirname, 'testdata', 'go'), unserializable: 'Unserializable' },
};
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const OPENMETRICS_ACCEPT = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';
const { invocations, errors, duration, coldStarts, initDuration, inFlight } = FUNCTION_METRICS;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

async function post(url: string, headers: Record<string, string> = {}, body = '{"n":1}'): Promise<Reply> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function scrape(
  url: string,
  accept?: string
): Promise<{ contentType: string; text: string; parsed: ParsedExposition }> {
  const response = await fetch(`${url}/metrics`, { headers: accept ? { accept } : {} });
  const text = await response.text();
  return { contentType: response.headers.get('content-type') ?? '', text, parsed: parseExposition(text) };
}

const launcher = new RuntimeLauncher();
afterAll(() => launcher.stopAll());

describe.each(RUNTIMES)('the %s wrapper', (runtime) => {
  const start = (
    functionName: string,
    handler: string,
    extra: { functionDir?: string; timeoutSeconds?: number } = {}
  ) => launcher.start({ runtime, functionName, handler, ...extra });
  let healthy: RunningRuntime;
  let flaky: RunningRuntime;
  let timeouts: RunningRuntime;
  let unserializable: RunningRuntime;

  beforeAll(async () => {
    healthy = await start('healthy', DEMO_HANDLERS.healthy[runtime]);
    flaky = await start('flaky', DEMO_HANDLERS.flaky[runtime]);
    timeouts = await start('timeouts', DEMO_HANDLERS.sometimesTimeout[runtime], { timeoutSeconds: 1.5 });
    unserializable = await start('unserializable', FIXTURES[runtime].unserializable, {
      functionDir: FIXTURES[runtime].dir,
    });
  }, 180_000);

  it('answers plain JSON with a response CloudEvent that cannot re-trigger the function', async () => {
    const reply = await post(healthy.url, { 'ce-subject': 'ignored-without-specversion' }, '{"n":1}');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('ce-specversion')).toBe('1.0');
    expect(reply.headers.get('ce-type')).toBe('io.knative.lambda.response.success');
    expect(reply.headers.get('ce-source')).toBe('io.knative.lambda/default/healthy');
    expect(reply.headers.get('ce-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers.get('ce-subject')).toBeNull();
    expect(JSON.parse(reply.text)).toEqual({ ok: true, echo: { n: 1 } });
  });

  it('accepts binary-mode CloudEvents, replying without the subject that triggered it', async () => {
    const reply = await post(
      healthy.url,
      {
        'ce-specversion': '1.0',
        'ce-id': 'e1',
        'ce-source': 'test',
        'ce-type': 'io.knative.lambda.invoke.sync',
        'ce-subject': 'healthy',
      },
      '{"b":2}'
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('ce-subject')).toBeNull();
    expect(reply.headers.get('ce-type')).toBe('io.knative.lambda.response.success');
    expect(JSON.parse(reply.text)).toEqual({ ok: true, echo: { b: 2 } });
  });

  it('accepts structured-mode CloudEvents (data and data_base64)', async () => {
    const envelope = {
      specversion: '1.0',
      id: 'e2',
      source: 'test',
      type: 'io.knative.lambda.invoke.sync',
      subject: 'healthy',
    };
    const plain = await post(
      healthy.url,
      { 'content-type': 'application/cloudevents+json' },
      JSON.stringify({ ...envelope, data: { s: 3 } })
    );
    expect(JSON.parse(plain.text)).toEqual({ ok: true, echo: { s: 3 } });
    const base64 = await post(
      healthy.url,
      { 'content-type': 'application/cloudevents+json' },
      JSON.stringify({ ...envelope, data_base64: Buffer.from('hi').toString('base64') })
    );
    expect(JSON.parse(base64.text)).toEqual({ ok: true, echo: 'hi' });
  });

  it('rejects malformed JSON and incomplete CloudEvents with 400 and error_type validation', async () => {
    for (const [headers, body] of [
      [{}, '{not json'],
      [{ 'ce-specversion': '1.0', 'ce-source': 'test', 'ce-type': 't' }, '{}'],
      [{ 'content-type': 'application/cloudevents+json' }, '[1]'],
      [{ 'content-type': 'application/cloudevents-batch+json' }, '[]'],
    ] as Array<[Record<string, string>, string]>) {
      const reply = await post(healthy.url, headers, body);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('ce-type')).toBe('io.knative.lambda.response.error');
      expect(JSON.parse(reply.text).error.type).toBe('validation');
    }
  });

  it('refuses a body over 6 MiB with 413, counted as a validation error', async () => {
    const before = sampleValue((await scrape(healthy.url)).parsed, errors.name, { error_type: 'validation' });
    const reply = await post(healthy.url, {}, JSON.stringify({ x: 'a'.repeat(7 * 1024 * 1024) }));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.text).error.type).toBe('validation');
    expect(sampleValue((await scrape(healthy.url)).parsed, errors.name, { error_type: 'validation' })).toBe(before + 1);
  });

  it('sends no reply event for a request that is itself a response event', async () => {
    const reply = await post(healthy.url, {
      'ce-specversion': '1.0',
      'ce-id': 'r1',
      'ce-source': 'io.knative.lambda/default/other',
      'ce-type': 'io.knative.lambda.response.success',
    });
    expect(reply.status).toBe(202);
    expect(reply.headers.get('ce-type')).toBeNull();
    expect(reply.text).toBe('');
  });

  it('counts every outcome exactly once: handler errors, timeouts (504), serialization failures, in-flight', async () => {
    const flakyStatuses = [];
    for (let i = 0; i < 10; i++) {
      flakyStatuses.push((await post(flaky.url)).status);
    }
    expect(flakyStatuses.filter((s) => s === 500)).toHaveLength(1);
    const f = (await scrape(flaky.url)).parsed;
    expect(sampleValue(f, invocations.name, { status: 'success' })).toBe(9);
    expect(sampleValue(f, invocations.name, { status: 'error' })).toBe(1);
    expect(sampleValue(f, errors.name, { error_type: 'handler' })).toBe(1);
    expect(sampleValue(f, `${duration.name}_count`)).toBe(10);
    expect(sampleValue(f, coldStarts.name)).toBe(1);

    for (let i = 0; i < 4; i++) {
      expect((await post(timeouts.url)).status).toBe(200);
    }
    const slowOne = post(timeouts.url);
    let busy = 0;
    for (const until = Date.now() + 1000; busy === 0 && Date.now() < until;) {
      busy = sampleValue((await scrape(timeouts.url)).parsed, inFlight.name);
    }
    expect(busy).toBe(1);
    const timedOut = await slowOne;
    expect(timedOut.status).toBe(504);
    expect(timedOut.headers.get('ce-type')).toBe('io.knative.lambda.response.timeout');
    const t = (await scrape(timeouts.url)).parsed;
    expect(sampleValue(t, invocations.name, { status: 'timeout' })).toBe(1);
    expect(sampleValue(t, errors.name, { error_type: 'timeout' })).toBe(1);
    expect(sampleValue(t, inFlight.name)).toBe(0);
    expect(sampleValue(t, `${duration.name}_bucket`, { le: '1' })).toBe(4);
    expect(sampleValue(t, `${duration.name}_bucket`, { le: '2.5' })).toBe(5);

    const bad = await post(unserializable.url);
    expect(bad.status).toBe(500);
    expect(JSON.parse(bad.text).error.type).toBe('serialization');
    const u = (await scrape(unserializable.url)).parsed;
    expect(sampleValue(u, errors.name, { error_type: 'serialization' })).toBe(1);
    expect(sampleValue(u, invocations.name, { status: 'error' })).toBe(1);
  });

  it('exposes exactly the contract families, labels and buckets, with function/namespace/runtime on every series', async () => {
    const { contentType, parsed } = await scrape(healthy.url);
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const contract = Object.values(FUNCTION_METRICS);
    expect([...parsed.types.keys()].sort()).toEqual(contract.map((m) => m.name).sort());
    for (const metric of contract) {
      expect(parsed.types.get(metric.name)).toBe(metric.type);
      expect(parsed.help.get(metric.name)).toBe(metric.help);
    }
    const identity = { function: 'healthy', namespace: 'default', runtime };
    for (const sample of parsed.samples) {
      expect(sample.labels).toMatchObject(identity);
      const family = contract.find((m) => sample.name === m.name || sample.name.startsWith(`${m.name}_`));
      const suffix = family?.type === 'histogram' && sample.name.endsWith('_bucket') ? ['le'] : [];
      expect(Object.keys(sample.labels).sort()).toEqual([...labelNames(family!), ...suffix].sort());
    }
    const les = (name: string) => parsed.samples.filter((s) => s.name === `${name}_bucket`).map((s) => s.labels.le);
    expect(les(duration.name)).toEqual([...duration.buckets, Infinity].map(formatLe));
    expect(les(initDuration.name)).toEqual([...initDuration.buckets, Infinity].map(formatLe));
    expect(
      parsed.samples
        .filter((s) => s.name === invocations.name)
        .map((s) => s.labels.status)
        .sort()
    ).toEqual([...INVOCATION_STATUSES].sort());
    expect(
      parsed.samples
        .filter((s) => s.name === errors.name)
        .map((s) => s.labels.error_type)
        .sort()
    ).toEqual(Object.keys(FUNCTION_ERROR_TYPES).sort());
    expect(sampleValue(parsed, `${initDuration.name}_count`)).toBe(1);
    expect(sampleValue(parsed, `${initDuration.name}_sum`)).toBeGreaterThan(0);
    const total = parsed.samples.filter((s) => s.name === invocations.name).reduce((sum, s) => sum + s.value, 0);
    expect(sampleValue(parsed, `${duration.name}_count`)).toBe(total);
    expect(FUNCTION_IDENTITY_LABELS.map((l) => l.name)).toEqual(['function', 'namespace', 'runtime']);
  });

  it('passes promtool check metrics', async () => {
    const { text } = await scrape(healthy.url);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error?.message ?? '').toBe('');
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });

  it('negotiates OpenMetrics and carries the request trace id as an exemplar', async () => {
    await post(healthy.url, { traceparent: TRACEPARENT });
    const { contentType, text, parsed } = await scrape(healthy.url, OPENMETRICS_ACCEPT);
    expect(contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(parsed.endsWithEof).toBe(true);
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(parsed.types.get(invocations.name.replace(/_total$/, ''))).toBe('counter');
    const exemplars = parsed.samples
      .filter((s) => s.exemplar)
      .map((s) => ({ name: s.name, trace: s.exemplar!.labels.trace_id }));
    expect(exemplars).toContainEqual({ name: `${duration.name}_bucket`, trace: TRACE_ID });
    expect((await scrape(healthy.url)).text).not.toContain('trace_id');
  });

  it('logs one JSON line per invocation with the trace id', async () => {
    await post(healthy.url, { traceparent: TRACEPARENT });
    const lines = healthy.logLines().filter((l) => l.msg === 'invocation');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatchObject({
      level: 'info',
      function: 'healthy',
      namespace: 'default',
      runtime,
      status: 'success',
      trace_id: TRACE_ID,
      cold_start: false,
    });
    expect(lines[0].cold_start).toBe(true);
  });

  it('serves /health and answers 404 / 405 elsewhere without counting an invocation', async () => {
    expect(await (await fetch(`${healthy.url}/health`)).json()).toEqual({ status: 'ok' });
    const before = sampleValue((await scrape(healthy.url)).parsed, `${duration.name}_count`);
    expect((await fetch(`${healthy.url}/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${healthy.url}/`)).status).toBe(405);
    expect(sampleValue((await scrape(healthy.url)).parsed, `${duration.name}_count`)).toBe(before);
  });

  it('refuses to start without the env contract, naming the variable', async () => {
    await expect(
      launcher.start({
        runtime,
        functionName: 'x',
        handler: DEMO_HANDLERS.healthy[runtime],
        env: { LAMBDA_FUNCTION_NAMESPACE: 'Not_A_Name' },
      })
    ).rejects.toThrow(/LAMBDA_FUNCTION_NAMESPACE=.*Not_A_Name.*is not a Kubernetes object name/);
  });
});

describe.each(RUNTIMES.filter((r) => FIXTURES[r].broken))(
  'the %s wrapper with a handler that cannot load',
  (runtime) => {
    it('stays up and fails every invocation with error_type import', async () => {
      const broken = await launcher.start({
        runtime,
        functionName: 'broken',
        handler: FIXTURES[runtime].broken!,
        functionDir: FIXTURES[runtime].dir,
      });
      expect(await (await fetch(`${broken.url}/health`)).json()).toEqual({ status: 'handler_unavailable' });
      for (let i = 0; i < 2; i++) {
        const reply = await post(broken.url);
        expect(reply.status).toBe(500);
        expect(JSON.parse(reply.text).error).toMatchObject({ type: 'import' });
      }
      const parsed = (await scrape(broken.url)).parsed;
      expect(sampleValue(parsed, errors.name, { error_type: 'import' })).toBe(2);
      expect(sampleValue(parsed, invocations.name, { status: 'error' })).toBe(2);
    });
  }
);

describe('all runtimes', () => {
  it('expose the same series, help and counts for the same traffic', async () => {
    const normalised = await Promise.all(
      RUNTIMES.map(async (runtime) => {
        const fn = await launcher.start({ runtime, functionName: 'same', handler: DEMO_HANDLERS.flaky[runtime] });
        for (let i = 0; i < 20; i++) {
          await post(fn.url);
        }
        await post(fn.url, {}, '{broken');
        const { parsed } = await scrape(fn.url);
        const timing = (name: string) => name.endsWith('_bucket') || name.endsWith('_sum');
        return {
          help: [...parsed.help.entries()],
          types: [...parsed.types.entries()],
          samples: parsed.samples
            .map((s) => {
              const labels = Object.entries(s.labels)
                .filter(([name]) => name !== 'runtime')
                .sort();
              return `${s.name}${JSON.stringify(labels)} ${timing(s.name) ? '' : s.value}`;
            })
            .sort(),
        };
      })
    );
    expect(normalised[1]).toEqual(normalised[0]);
    expect(normalised[2]).toEqual(normalised[0]);
  });
});
