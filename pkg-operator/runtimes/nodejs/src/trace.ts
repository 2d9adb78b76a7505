const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ALL_ZERO = /^0+$/;

/** The trace id of a valid W3C traceparent header, else undefined (an invalid header is ignored, as the spec says). */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const value = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  if (!match || match[1] === 'ff' || ALL_ZERO.test(match[2]) || ALL_ZERO.test(match[3])) {
    return undefined;
  }
  return match[2];
}
