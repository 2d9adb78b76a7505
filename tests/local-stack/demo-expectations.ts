// What each function of examples/ is meant to show: the phase it reaches, and the alerts it is meant to fire.
import type { Runtime } from '../../contract';

export interface DemoExpectation {
  runtime: Runtime;
  phase: 'Ready' | 'Failed';
  /** for Failed: the condition that says why */
  failure?: { type: string; reason: string; message: RegExp };
  /** receives traffic from the stack (so its series exist) */
  traffic: boolean;
}

export const DEMO_FUNCTIONS: Record<string, DemoExpectation> = {
  'hello-python': { runtime: 'python', phase: 'Ready', traffic: true },
  'checkout-nodejs': { runtime: 'nodejs', phase: 'Ready', traffic: true },
  'resize-go': { runtime: 'go', phase: 'Ready', traffic: true },
  'report-python': { runtime: 'python', phase: 'Ready', traffic: true },
  'payments-python': { runtime: 'python', phase: 'Ready', traffic: true },
  'burst-nodejs': { runtime: 'nodejs', phase: 'Ready', traffic: true },
  'nightly-go': { runtime: 'go', phase: 'Ready', traffic: false },
  'broken-go': {
    runtime: 'go',
    phase: 'Failed',
    failure: { type: 'BuildReady', reason: 'BuildFailed', message: /undefined: result/ },
    traffic: false,
  },
  'metadata-python': {
    runtime: 'python',
    phase: 'Failed',
    failure: { type: 'SourceReady', reason: 'ValidationFailed', message: /169\.254\.169\.254/ },
    traffic: false,
  },
};

/** 10% errors (checkout) and 10% timeouts (report): both are failures to the error-rate rule. */
export const MEANT_TO_FIRE_HIGH_ERROR_RATE = ['checkout-nodejs', 'report-python'];
/** No demo function is Ready with running pods and invisible metrics: idle and scaled-to-zero ones must not fire. */
export const MEANT_TO_FIRE_METRICS_MISSING: string[] = [];

export const DEMO_NAMESPACE = 'lambda-demo';
