// What share of reads and writes the fault proxy really failed, from the requests it recorded: the configured
// rates are per rule and independent, so a request class's rate is 1 − Π(1 − rate of each rule it matches).
import type { RecordedRequest } from '../../../local/control-plane/harness';

export interface MeasuredRate {
  requests: number;
  injected: number;
  rate: number;
}

/** writes the conflict rule matches; DELETE is neither (it gets the reads' rate) */
export const WRITE_METHODS = /^(PUT|PATCH|POST)$/;

/** the chance a request fails when it matches rules firing independently at these rates */
export const combinedRate = (...rates: number[]): number => 1 - rates.reduce((pass, r) => pass * (1 - r), 1);

function measure(requests: RecordedRequest[]): MeasuredRate {
  const injected = requests.filter((r) => r.injectedStatus !== undefined).length;
  return { requests: requests.length, injected, rate: requests.length ? injected / requests.length : 0 };
}

/** non-watch GETs and POST/PUT/PATCH writes, each with the share the proxy answered with an injected status */
export function measuredFaultRates(recorded: readonly RecordedRequest[]): {
  reads: MeasuredRate;
  writes: MeasuredRate;
} {
  const plain = recorded.filter((r) => !r.watch);
  return {
    reads: measure(plain.filter((r) => r.method === 'GET')),
    writes: measure(plain.filter((r) => WRITE_METHODS.test(r.method))),
  };
}

/** a binomial share more than 4.5 standard deviations from p: the proxy is not doing what the rules say */
export function outsideBinomialBounds(measured: MeasuredRate, p: number): boolean {
  const sigma = Math.sqrt((p * (1 - p)) / Math.max(measured.requests, 1));
  return Math.abs(measured.rate - p) > 4.5 * sigma;
}

export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** responses the API server itself answered with 409 and the proxy passed through unmodified */
export const upstreamConflicts = (recorded: readonly RecordedRequest[]): number =>
  recorded.filter((r) => r.upstreamStatus === 409).length;
