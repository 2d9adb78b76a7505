import type { EchoBackend, EchoEvent, EchoSrv } from '@grafana/runtime';

/** Grafana's EchoSrv without backends: events (e.g. `reportInteraction`) are kept on `window.__hostEchoEvents`. */
export class RecordingEchoSrv implements EchoSrv {
  readonly events: EchoEvent[] = [];

  constructor() {
    (window as unknown as { __hostEchoEvents: EchoEvent[] }).__hostEchoEvents = this.events;
  }

  flush(): void {}

  addBackend(_backend: EchoBackend): void {}

  addEvent<T extends EchoEvent>(event: Omit<T, 'meta'>): void {
    this.events.push({ ...event, meta: {} } as unknown as EchoEvent);
  }
}
