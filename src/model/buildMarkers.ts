import type { FunctionDetailResponse } from '../../backend/api/types';

export interface Marker {
  time: number;
  timeEnd?: number;
  title: string;
  text: string;
  color: string;
}

const COLORS = { started: '#5794F2', finished: '#73BF69', failed: '#F2495C', ready: '#B877D9' };

function ms(iso: string | undefined): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

/** Build started/finished/failed and "revision Ready" markers from the backend's Jobs and Events. */
export function buildMarkers(detail: Pick<FunctionDetailResponse, 'buildJobs' | 'events'>): Marker[] {
  const markers: Marker[] = [];
  for (const job of detail.buildJobs) {
    const start = ms(job.startedAt ?? job.createdAt);
    const end = ms(job.completedAt);
    if (start !== undefined) {
      markers.push({ time: start, title: 'Build started', text: job.name, color: COLORS.started });
    }
    if (job.state === 'Failed') {
      markers.push({ time: end ?? start ?? 0, title: 'Build failed', text: job.name, color: COLORS.failed });
    } else if (job.state === 'Complete' && end !== undefined) {
      markers.push({ time: end, timeEnd: undefined, title: 'Build finished', text: job.name, color: COLORS.finished });
    }
  }
  for (const event of detail.events) {
    const at = ms(event.lastSeen);
    if (at !== undefined && /ready|revision/i.test(event.reason ?? '') && event.type === 'Normal') {
      markers.push({ time: at, title: event.reason ?? 'Ready', text: event.message ?? '', color: COLORS.ready });
    }
  }
  return markers.filter((m) => m.time > 0).sort((a, b) => a.time - b.time);
}
