// Logging for a go-plugin child: one JSON object per line on stderr, in the hclog shape Grafana parses.
// `@level` and `@message` are always strings; no `@timestamp` (Grafana stamps lines itself, and a JavaScript
// ISO timestamp with 3 fractional digits would make Grafana treat the whole line as raw text).
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

function fieldValue(value: unknown): unknown {
  if (value instanceof Error) {
    return value.message;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  return value;
}

export function formatLogLine(level: LogLevel, message: unknown, fields: LogFields = {}): string {
  const entry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith('@')) {
      entry[key] = fieldValue(value);
    }
  }
  entry['@level'] = level;
  entry['@message'] = typeof message === 'string' ? message : String(fieldValue(message));
  let line: string;
  try {
    line = JSON.stringify(entry);
  } catch {
    line = JSON.stringify({ '@level': level, '@message': entry['@message'] });
  }
  return line + '\n';
}

export function log(level: LogLevel, message: unknown, fields?: LogFields): void {
  process.stderr.write(formatLogLine(level, message, fields));
}

export const logger = {
  debug: (message: unknown, fields?: LogFields) => log('debug', message, fields),
  info: (message: unknown, fields?: LogFields) => log('info', message, fields),
  warn: (message: unknown, fields?: LogFields) => log('warn', message, fields),
  error: (message: unknown, fields?: LogFields) => log('error', message, fields),
};
