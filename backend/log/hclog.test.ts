// Log lines Grafana's go-plugin host can parse without ever panicking.
import { formatLogLine } from './hclog';

describe('hclog lines', () => {
  it('always carries string @level and @message, no @timestamp, and never lets fields override them', () => {
    const lines = [
      formatLogLine('info', 'started', { port: 1 }),
      formatLogLine('error', 42 as unknown as string),
      formatLogLine('warn', new Error('boom'), {
        '@message': 7,
        '@timestamp': 'x',
        '@level': null,
        err: new Error('inner'),
      }),
      formatLogLine('debug', 'big', { n: BigInt('9007199254740993') }),
    ];
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1).includes('\n')).toBe(false);
      const entry = JSON.parse(line);
      expect(typeof entry['@level']).toBe('string');
      expect(typeof entry['@message']).toBe('string');
      expect(entry).not.toHaveProperty('@timestamp');
    }
    expect(JSON.parse(lines[2])).toMatchObject({ '@level': 'warn', '@message': 'boom', err: 'inner' });
    expect(JSON.parse(lines[3]).n).toBe('9007199254740993');
  });

  it('survives values JSON cannot encode', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(JSON.parse(formatLogLine('info', 'x', { circular }))).toEqual({ '@level': 'info', '@message': 'x' });
  });
});
