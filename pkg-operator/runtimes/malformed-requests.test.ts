// A table of malformed requests, sent with raw sockets to all three wrappers: each gets a response, and each is
// counted exactly once as a validation error, or, when the HTTP server rejects its head, not at all (the rule is
// in malformed/cases.ts). Needs python3 and Go >= 1.21.
import { FUNCTION_ERROR_TYPES, FUNCTION_METRICS, INVOCATION_STATUSES, RUNTIMES, type Runtime } from '../../contract';
import { parseExposition, sampleValue } from '../../contract/exposition';

import { DEMO_HANDLERS } from './launch/demo-handlers';
import { RuntimeLauncher, type RunningRuntime } from './launch/start-runtime';
import { MALFORMED_CASES, type Counted } from './malformed/cases';
import { sendRaw } from './malformed/raw-http';

type Counts = Record<string, number>;

async function counts(url: string): Promise<Counts> {
  const parsed = parseExposition(await (await fetch(`${url}/metrics`)).text());
  return Object.fromEntries([
    ...INVOCATION_STATUSES.map((s) => [
      `status=${s}`,
      sampleValue(parsed, FUNCTION_METRICS.invocations.name, { status: s }),
    ]),
    ...Object.keys(FUNCTION_ERROR_TYPES).map((t) => [
      `error_type=${t}`,
      sampleValue(parsed, FUNCTION_METRICS.errors.name, { error_type: t }),
    ]),
  ]);
}

function delta(before: Counts, after: Counts): Counts {
  return Object.fromEntries(
    Object.keys(after).flatMap((k) => (after[k] === before[k] ? [] : [[k, after[k] - before[k]]]))
  );
}

const COUNTS: Record<Counted, Counts> = {
  refused: {},
  validation: { 'status=error': 1, 'error_type=validation': 1 },
  success: { 'status=success': 1 },
};

const launcher = new RuntimeLauncher();
const wrappers = new Map<Runtime, RunningRuntime>();
afterAll(() => launcher.stopAll());

beforeAll(async () => {
  for (const runtime of RUNTIMES) {
    wrappers.set(
      runtime,
      await launcher.start({ runtime, functionName: 'malformed', handler: DEMO_HANDLERS.healthy[runtime] })
    );
  }
}, 120_000);

describe.each(RUNTIMES)('the %s wrapper', (runtime) => {
  it.each(MALFORMED_CASES.map((c) => [c.name, c]))('%s: answered, counted as the table says', async (_name, c) => {
    const wrapper = wrappers.get(runtime)!;
    const expected = c.except?.[runtime] ?? c;
    const before = await counts(wrapper.url);
    const exchange = await sendRaw(wrapper.spec.port, c.parts, { halfClose: c.halfClose, timeoutMs: 5000 });
    expect({ status: exchange.reply?.status, failure: exchange.failure }).toEqual({
      status: expected.status,
      failure: undefined,
    });
    expect(delta(before, await counts(wrapper.url))).toEqual(COUNTS[expected.counted]);
    expect((await fetch(`${wrapper.url}/health`)).status).toBe(200);
  });

  it('counts a well-formed request sent the same way (the table can fail)', async () => {
    const wrapper = wrappers.get(runtime)!;
    const before = await counts(wrapper.url);
    const body = '{"n":1}';
    const request = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const exchange = await sendRaw(wrapper.spec.port, [Buffer.from(request)]);
    expect(exchange.reply?.status).toBe(200);
    expect(delta(before, await counts(wrapper.url))).toEqual(COUNTS.success);
  });
});
