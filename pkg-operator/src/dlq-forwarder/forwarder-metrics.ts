// The forwarder's one metric, named by the contract: every result starts at 0 so that the first dead letter of
// a kind shows up in rate() too. Prometheus text on GET /metrics.
import { Counter, Registry } from 'prom-client';

import type { DeadLetterResult } from '../../../contract';
import { DEAD_LETTER_RESULTS, labelNames, OPERATOR_METRICS } from '../../../contract';

export class ForwarderMetrics {
  readonly registry = new Registry();
  private readonly deadLetters = new Counter({
    name: OPERATOR_METRICS.deadLetters.name,
    help: OPERATOR_METRICS.deadLetters.help,
    labelNames: labelNames(OPERATOR_METRICS.deadLetters),
    registers: [this.registry],
  });

  constructor() {
    for (const result of DEAD_LETTER_RESULTS) {
      this.deadLetters.inc({ result }, 0);
    }
  }

  /** exactly once per dead letter received */
  count(result: DeadLetterResult): void {
    this.deadLetters.inc({ result });
  }
}

/** the result an HTTP answer to a dead letter stands for */
export function resultOf(status: number): DeadLetterResult {
  if (status >= 200 && status < 300) {
    return 'stored';
  }
  if (status === 404) {
    return 'unroutable';
  }
  return status < 500 ? 'rejected' : 'failed';
}
