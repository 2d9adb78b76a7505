// The protocol encoding: int64 without precision loss, field numbers compatible with Grafana's backend.proto.
import { messageCodec } from './messages';
import type { CallResourceRequest, CheckHealthResponse } from './wire-types';

/** protobuf varint of a (two's complement) int64 */
function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}

describe('protocol encoding', () => {
  const request = messageCodec<CallResourceRequest>('pluginv2.CallResourceRequest');

  it('decodes int64 fields exactly, including the never-saved lastUpdatedMS', () => {
    // CallResourceRequest{pluginContext(1){orgId(1)=2^53+1, appInstanceSettings(4){lastUpdatedMS(5)=-6795364578871}}}
    const settings = [0x28, ...varint(-6795364578871n)];
    const context = [0x08, ...varint(9007199254740993n), 0x22, settings.length, ...settings];
    const bytes = Buffer.from([0x0a, context.length, ...context]);
    const decoded = request.decode(bytes);
    expect(decoded.pluginContext!.orgId).toBe('9007199254740993');
    expect(decoded.pluginContext!.appInstanceSettings!.lastUpdatedMS).toBe('-6795364578871');
    expect(decoded.pluginContext!.appInstanceSettings!.jsonData).toEqual(Buffer.alloc(0));
    expect(decoded.body).toEqual(Buffer.alloc(0));
    expect(decoded.headers).toEqual({});
  });

  it('uses the field numbers of backend.proto', () => {
    const bytes = request.encode({
      path: 'functions',
      method: 'GET',
      url: 'functions?x=1',
      headers: { Accept: { values: ['application/json'] } },
      body: Buffer.from('{}'),
    } as CallResourceRequest);
    // path=2, method=3, url=4, headers=5 (map entry), body=6
    expect(bytes.subarray(0, 11)).toEqual(Buffer.from([0x12, 9, ...Buffer.from('functions')]));
    expect(bytes.includes(Buffer.from([0x1a, 3, ...Buffer.from('GET')]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x22, 13]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x32, 2, 0x7b, 0x7d]))).toBe(true);
    const health = messageCodec<CheckHealthResponse>('pluginv2.CheckHealthResponse');
    expect(health.encode({ status: 'ERROR', message: 'm', jsonDetails: Buffer.from('{}') })).toEqual(
      Buffer.from([0x08, 2, 0x12, 1, 0x6d, 0x1a, 2, 0x7b, 0x7d])
    );
  });
});
