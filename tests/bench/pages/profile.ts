// Where the time of one cold navigation goes: a Chromium CPU profile (CDP Profiler) summed by function and by
// script, and each query of the page's own /api/ds/query request replayed from Node (its frames, bytes, time).
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import type { Browser } from 'playwright-core';

import { FUNCTIONS_PATH, waitForRenderedTable } from './browser';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  what: string;
  ms: number;
}

export interface CpuSummary {
  renderedMs: number;
  byFunction: SelfTime[];
  byScript: SelfTime[];
  /** the body the page POSTed to /api/ds/query */
  dsQueryBody?: unknown;
}

const scriptOf = (url: string) => (url ? url.slice(url.lastIndexOf('/') + 1).split('?')[0] : '(native)');

function top(totals: Map<string, number>, n: number): SelfTime[] {
  return [...totals.entries()]
    .map(([what, us]) => ({ what, ms: us / 1000 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n);
}

/** Self time per function (name @ script:line) and per script, in ms. */
export function summarise(profile: CpuProfile): { byFunction: SelfTime[]; byScript: SelfTime[] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!;
    const script = scriptOf(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} @ ${script}:${frame.lineNumber + 1}`;
    const us = profile.timeDeltas[i] ?? 0;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byScript.set(script, (byScript.get(script) ?? 0) + us);
  });
  return { byFunction: top(byFunction, 15), byScript: top(byScript, 8) };
}

/** A cold navigation under the CPU profiler; the raw profile goes to `outFile` (open it in Chrome DevTools). */
export async function profileNavigation(
  browser: Browser,
  baseUrl: string,
  total: number,
  outFile: string
): Promise<CpuSummary> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let dsQueryBody: unknown;
    page.on('request', (req) => {
      if (req.url().includes('/api/ds/query')) {
        dsQueryBody = req.postDataJSON();
      }
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await page.goto(`${baseUrl}${FUNCTIONS_PATH}`, { waitUntil: 'commit' });
    const renderedMs = await waitForRenderedTable(page, total);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    writeFileSync(outFile, JSON.stringify(profile));
    return { renderedMs, ...summarise(profile), dsQueryBody };
  } finally {
    await context.close();
  }
}

export interface QueryCost {
  refId: string;
  frames: number;
  bytes: number;
}

/** The page's ds/query body sent again from Node: the answer's time, and frames and bytes per refId. */
export interface Replay {
  ms: number;
  /** the whole answer, and gzipped as Grafana sends it with [server] enable_gzip = true */
  bytes: number;
  gzipBytes: number;
  queries: QueryCost[];
}

export async function replayDsQuery(baseUrl: string, body: unknown): Promise<Replay> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/ds/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  const json = JSON.parse(text) as { results?: Record<string, { frames?: unknown[] }> };
  const queries = Object.entries(json.results ?? {}).map(([refId, result]) => ({
    refId,
    frames: result.frames?.length ?? 0,
    bytes: Buffer.byteLength(JSON.stringify(result)),
  }));
  return { ms, bytes: Buffer.byteLength(text), gzipBytes: gzipSync(text).length, queries };
}
