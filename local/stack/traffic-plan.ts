// How the stack drives each demo function of examples/: a modest, mixed load, so every state the pages show
// (healthy, erroring, slow, timing out, bursty with cold starts, idle) is there to see.
export type TrafficProfile =
  | { kind: 'steady'; ratePerSecond: number }
  | { kind: 'bursts'; ratePerSecond: number; requests: number; everySeconds: number };

export const DEMO_TRAFFIC: Record<string, TrafficProfile> = {
  'hello-python': { kind: 'steady', ratePerSecond: 2 },
  'checkout-nodejs': { kind: 'steady', ratePerSecond: 2 },
  'resize-go': { kind: 'steady', ratePerSecond: 0.5 },
  'report-python': { kind: 'steady', ratePerSecond: 0.5 },
  'payments-python': { kind: 'steady', ratePerSecond: 4 },
  // longer than the default idle window between bursts, so each burst starts from zero
  'burst-nodejs': { kind: 'bursts', ratePerSecond: 10, requests: 40, everySeconds: 150 },
};

export interface PlannedRound {
  ratePerSecond: number;
  count: number;
}

/** What to send to one function in the round starting `elapsedSeconds` after traffic began. */
export function roundFor(profile: TrafficProfile, elapsedSeconds: number, roundSeconds: number): PlannedRound | null {
  if (profile.kind === 'steady') {
    const count = Math.max(1, Math.round(profile.ratePerSecond * roundSeconds));
    return { ratePerSecond: profile.ratePerSecond, count };
  }
  const burstStartsThisRound = elapsedSeconds % profile.everySeconds < roundSeconds;
  return burstStartsThisRound ? { ratePerSecond: profile.ratePerSecond, count: profile.requests } : null;
}
