import { decodeCloudEvent } from './cloud-event';

const required = { specversion: '1.0', id: 'e1', source: '/s', type: 't', subject: 'fn' };
const structured = (event: object) =>
  decodeCloudEvent({ 'content-type': 'application/cloudevents+json' }, Buffer.from(JSON.stringify(event)));

test('binary mode: ce-* headers are the attributes, the body is the data, content-type the datacontenttype', () => {
  const decoded = decodeCloudEvent(
    {
      'ce-specversion': '1.0',
      'ce-id': 'e1',
      'ce-source': '/s',
      'ce-type': 't',
      'content-type': 'text/plain',
      host: 'x',
    },
    Buffer.from('hello')
  );
  expect(decoded).toEqual({
    event: {
      attributes: { specversion: '1.0', id: 'e1', source: '/s', type: 't', datacontenttype: 'text/plain' },
      data: Buffer.from('hello'),
    },
  });
});

test('structured mode: data_base64 is decoded, text data kept as text, JSON data serialised', () => {
  const binary = Buffer.from([0, 1, 2, 255]);
  expect(structured({ ...required, data_base64: binary.toString('base64') })).toMatchObject({
    event: { data: binary },
  });
  expect(structured({ ...required, datacontenttype: 'text/plain', data: 'plain "text"' })).toMatchObject({
    event: { data: Buffer.from('plain "text"') },
  });
  expect(structured({ ...required, datacontenttype: 'application/json', data: 'a JSON string' })).toMatchObject({
    event: { data: Buffer.from('"a JSON string"') },
  });
  expect(structured({ ...required, data: { n: 1 } })).toMatchObject({ event: { data: Buffer.from('{"n":1}') } });
  expect(structured(required)).toMatchObject({ event: { data: Buffer.alloc(0) } });
});

test('structured mode: scalar extensions become strings, nested values are not attributes', () => {
  const decoded = structured({ ...required, knativeerrorcode: 500, retried: true, nested: { a: 1 } });
  expect('event' in decoded && decoded.event.attributes).toEqual({
    ...required,
    knativeerrorcode: '500',
    retried: 'true',
  });
});

test('what is not one CloudEvent is refused with a reason', () => {
  expect(decodeCloudEvent({}, Buffer.from('x'))).toEqual({
    error: 'not a CloudEvent: missing specversion, id, source, type',
  });
  expect(structured({ specversion: '1.0', id: 'e1', source: '/s' })).toEqual({
    error: 'not a CloudEvent: missing type',
  });
  expect(structured([required])).toEqual({ error: 'structured CloudEvent must be a JSON object' });
  expect(decodeCloudEvent({ 'content-type': 'application/cloudevents+json' }, Buffer.from('{'))).toMatchObject({
    error: expect.stringMatching(/not valid JSON/),
  });
  expect(
    decodeCloudEvent({ 'content-type': 'application/cloudevents-batch+json' }, Buffer.from(JSON.stringify([required])))
  ).toEqual({ error: 'batched CloudEvents are not accepted; send one event per request' });
});
