/** One JSON object per line on stdout; `trace_id` ties a line to the request's W3C trace. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export function logLine(level: 'info' | 'error', msg: string, fields: LogFields): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}
