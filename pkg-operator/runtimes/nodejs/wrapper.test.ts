import { FUNCTION_METRICS } from '../../../contract';

import { decodeRequest } from './src/cloudevent';
import { ConfigError, readConfig } from './src/config';
import { InvocationFailure } from './src/failure';
import { invokeHandler } from './src/invoke';
import { createFunctionMetrics } from './src/metrics';
import { traceIdOf } from './src/trace';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const OPTIONS = { functionName: 'fn', namespace: 'ns', timeoutMs: 1000 };

async function failureOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof InvocationFailure ? error.errorType : `not an InvocationFailure: ${error}`;
  }
}

describe('Node.js wrapper internals', () => {
  it('parses W3C traceparent and ignores invalid ones', () => {
    expect(traceIdOf(`00-${TRACE_ID}-00f067aa0ba902b7-01`)).toBe(TRACE_ID);
    for (const bad of [
      `ff-${TRACE_ID}-00f067aa0ba902b7-01`,
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      'x',
      undefined,
    ]) {
      expect(traceIdOf(bad)).toBeUndefined();
    }
  });

  it('reads the env contract and names the bad variable', () => {
    const valid = { LAMBDA_FUNCTION_NAME: 'fn', LAMBDA_FUNCTION_NAMESPACE: 'ns', LAMBDA_HANDLER: 'index.handler' };
    expect(readConfig({ ...valid, LAMBDA_TIMEOUT_SECONDS: '1.5' })).toMatchObject({
      timeoutMs: 1500,
      port: 8080,
      handler: 'index.handler',
      listenAddress: '0.0.0.0',
      runtime: 'nodejs',
    });
    for (const [key, bad] of [
      ['LAMBDA_FUNCTION_NAME', ''],
      ['LAMBDA_HANDLER', ''],
      ['LAMBDA_HANDLER', '../x.y'],
      ['LAMBDA_TIMEOUT_SECONDS', '-1'],
      ['PORT', '80.5'],
      ['LAMBDA_RUNTIME', 'go'],
    ]) {
      expect(() => readConfig({ ...valid, [key]: bad })).toThrow(ConfigError);
      expect(() => readConfig({ ...valid, [key]: bad })).toThrow(key);
    }
  });

  it('decodes the three request modes', () => {
    expect(decodeRequest({}, Buffer.from('{"a":1}'))).toEqual({ data: { a: 1 } });
    const binary = decodeRequest(
      { 'ce-specversion': '1.0', 'ce-id': '1', 'ce-source': 's', 'ce-type': 't', 'content-type': 'text/plain' },
      Buffer.from('hi')
    );
    expect(binary).toEqual({
      data: 'hi',
      event: { specversion: '1.0', id: '1', source: 's', type: 't', datacontenttype: 'text/plain' },
    });
    const structured = decodeRequest(
      { 'content-type': 'application/cloudevents+json' },
      Buffer.from('{"specversion":"1.0","id":"1","source":"s","type":"t","data":{"b":2}}')
    );
    expect(structured.data).toEqual({ b: 2 });
    expect(() =>
      decodeRequest({ 'ce-specversion': '1.0', 'ce-source': 's', 'ce-type': 't' }, Buffer.from('{}'))
    ).toThrow('missing required attribute(s): id');
  });

  it('maps handler outcomes to the contract error types', async () => {
    expect(await invokeHandler({ handler: () => ({ a: 1 }) }, null, OPTIONS)).toBe('{"a":1}');
    expect(await invokeHandler({ handler: () => undefined }, null, OPTIONS)).toBe('null');
    expect(
      await failureOf(
        invokeHandler(
          {
            handler: () => {
              throw new Error('boom');
            },
          },
          null,
          OPTIONS
        )
      )
    ).toBe('handler');
    expect(await failureOf(invokeHandler({ handler: () => Promise.reject(new Error('boom')) }, null, OPTIONS))).toBe(
      'handler'
    );
    expect(
      await failureOf(
        invokeHandler({ handler: () => new Promise(() => undefined) }, null, { ...OPTIONS, timeoutMs: 20 })
      )
    ).toBe('timeout');
    expect(await failureOf(invokeHandler({ handler: () => ({ n: 1n }) }, null, OPTIONS))).toBe('serialization');
    expect(await failureOf(invokeHandler({ importError: 'missing' }, null, OPTIONS))).toBe('import');
  });

  it('keeps counter names intact in text format after rendering OpenMetrics (prom-client renames in place)', async () => {
    const metrics = createFunctionMetrics({ function: 'fn', namespace: 'ns', runtime: 'nodejs' });
    metrics.recordInvocation('success', undefined, 0.3, TRACE_ID);
    const openMetrics = await metrics.expose('application/openmetrics-text; version=1.0.0');
    expect(openMetrics.body).toContain(`# TYPE ${FUNCTION_METRICS.invocations.name.replace(/_total$/, '')} counter`);
    expect(openMetrics.body).toContain(
      `le="0.5",function="fn",namespace="ns",runtime="nodejs"} 1 # {trace_id="${TRACE_ID}"} 0.3`
    );
    const text = await metrics.expose(undefined);
    expect(text.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text.body).toContain(`# TYPE ${FUNCTION_METRICS.invocations.name} counter`);
    expect(text.body).toContain(`${FUNCTION_METRICS.coldStarts.name}{function="fn",namespace="ns",runtime="nodejs"} 1`);
    expect(text.body).not.toContain('trace_id');
  });
});
