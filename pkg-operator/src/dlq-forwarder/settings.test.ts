import { ForwarderConfigError, loadForwarderSettings } from './settings';

test('RABBITMQ_URL wins; otherwise the URL is built from the Secret keys, credentials escaped', () => {
  expect(loadForwarderSettings({ RABBITMQ_URL: 'amqp://u:p@mq:5672', RABBITMQ_HOST: 'ignored' }).amqpUrl).toBe(
    'amqp://u:p@mq:5672'
  );
  const settings = loadForwarderSettings({
    RABBITMQ_HOST: 'rabbitmq.rabbitmq-system.svc',
    RABBITMQ_USERNAME: 'dlq@forwarder',
    RABBITMQ_PASSWORD: 'p:a/s#s',
    RABBITMQ_VHOST: '/',
  });
  expect(settings.amqpUrl).toBe('amqp://dlq%40forwarder:p%3Aa%2Fs%23s@rabbitmq.rabbitmq-system.svc:5672/%2F');
  expect(settings).toMatchObject({ host: '0.0.0.0', port: 8080 });
});

test('missing credentials and bad listen addresses fail naming the variable', () => {
  expect(() => loadForwarderSettings({ RABBITMQ_HOST: 'mq' })).toThrow(
    new ForwarderConfigError('set RABBITMQ_URL, or RABBITMQ_USERNAME, RABBITMQ_PASSWORD (see pkg-operator/README.md)')
  );
  expect(() => loadForwarderSettings({ RABBITMQ_URL: 'amqp://mq', DLQ_FORWARDER_BIND_ADDRESS: 'localhost' })).toThrow(
    /DLQ_FORWARDER_BIND_ADDRESS=localhost/
  );
  expect(loadForwarderSettings({ RABBITMQ_URL: 'amqp://mq', DLQ_FORWARDER_BIND_ADDRESS: '127.0.0.1:0' })).toMatchObject(
    { host: '127.0.0.1', port: 0 }
  );
});

test('senders are checked by default (TokenReview, audience lambda-dlq-forwarder); only `none` turns it off', () => {
  const base = { RABBITMQ_URL: 'amqp://mq' };
  expect(loadForwarderSettings(base).senderCheck).toEqual({ audience: 'lambda-dlq-forwarder', kubeconfig: undefined });
  expect(loadForwarderSettings({ ...base, DLQ_FORWARDER_SENDER_CHECK: 'none' }).senderCheck).toBeUndefined();
  expect(() => loadForwarderSettings({ ...base, DLQ_FORWARDER_SENDER_CHECK: 'off' })).toThrow(
    /DLQ_FORWARDER_SENDER_CHECK=off: expected tokenreview or none/
  );
});
