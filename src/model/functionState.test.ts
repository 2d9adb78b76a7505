import type { FunctionCondition } from '../../backend/api/types';

import type { FunctionMetrics } from './functionMetrics';
import { computeFunctionState, type FunctionIdentityState, type FunctionState } from './functionState';

const ready: FunctionIdentityState = { phase: 'Ready', ready: true, conditions: [] };
const cond = (
  type: string,
  status: FunctionCondition['status'],
  reason?: string,
  message?: string
): FunctionCondition => ({
  type,
  status,
  reason,
  message,
});
const serving: FunctionMetrics = { firing: [], up: 1, invocationRate: 2, errorRatio: 0, burnRate: 0 };

const CASES: Array<[string, FunctionIdentityState, FunctionMetrics, FunctionState, string | undefined]> = [
  ['serving, no errors', ready, serving, 'Healthy', undefined],
  ['scaled to zero, no series at all', ready, { firing: [] }, 'Idle', 'scaled to zero, no traffic'],
  [
    'scaled to zero, stale zero rate',
    ready,
    { firing: [], invocationRate: 0, budgetRemaining: 1 },
    'Idle',
    'scaled to zero, no traffic',
  ],
  [
    'burning over 1x',
    ready,
    { ...serving, burnRate: 2.5 },
    'Degraded',
    'burning the error budget 2.5× faster than sustainable',
  ],
  ['exactly 1x is sustainable', ready, { ...serving, burnRate: 1 }, 'Healthy', undefined],
  [
    'page-level burn pair firing',
    ready,
    {
      ...serving,
      firing: [{ alertname: 'KnativeLambdaFunctionErrorBudgetBurn', severity: 'critical', long: '1h', short: '5m' }],
    },
    'Failing',
    'KnativeLambdaFunctionErrorBudgetBurn',
  ],
  [
    'ticket-level burn pair firing is not a page',
    ready,
    { ...serving, burnRate: 1.5, firing: [{ alertname: 'KnativeLambdaFunctionErrorBudgetBurn', severity: 'warning' }] },
    'Degraded',
    'burning the error budget 1.5× faster than sustainable',
  ],
  [
    'error-rate alert firing',
    ready,
    { ...serving, firing: [{ alertname: 'KnativeLambdaFunctionHighErrorRate', severity: 'warning' }] },
    'Failing',
    'KnativeLambdaFunctionHighErrorRate',
  ],
  ['target down', ready, { ...serving, up: 0 }, 'No metrics', 'a scrape target is down'],
  ['woken from zero, no rate yet: no alarm', ready, { firing: [], up: 1 }, 'Idle', 'running, no traffic yet'],
  ['running with a zero rate', ready, { firing: [], up: 1, invocationRate: 0 }, 'Idle', 'running, no traffic yet'],
  [
    'metrics-missing alert firing',
    ready,
    { ...serving, firing: [{ alertname: 'KnativeLambdaFunctionMetricsMissing', severity: 'warning' }] },
    'No metrics',
    'scraped, but no invocation series',
  ],
  [
    'building',
    {
      phase: 'Building',
      ready: false,
      conditions: [cond('SourceReady', 'True'), cond('BuildReady', 'Unknown', 'Building', 'job running')],
    },
    { firing: [] },
    'Not ready',
    'Building: job running',
  ],
  ['no status yet', { phase: 'Unknown', ready: false, conditions: [] }, { firing: [] }, 'Not ready', 'phase Unknown'],
  [
    'rejected by the source policy',
    {
      phase: 'Failed',
      ready: false,
      conditions: [
        cond('SourceReady', 'False', 'ValidationFailed', 'git URL points at a private address'),
        cond('Ready', 'False', 'NotReady'),
      ],
    },
    { firing: [] },
    'Rejected',
    'ValidationFailed: git URL points at a private address',
  ],
  [
    'build failed',
    {
      phase: 'Failed',
      ready: false,
      conditions: [cond('SourceReady', 'True'), cond('BuildReady', 'False', 'BuildFailed', 'exit 1')],
    },
    { ...serving, firing: [{ alertname: 'KnativeLambdaFunctionHighErrorRate', severity: 'warning' }] },
    'Failed',
    'BuildFailed: exit 1',
  ],
];

describe('computeFunctionState', () => {
  it.each(CASES)('%s → %s', (_name, fn, metrics, state, reason) => {
    expect(computeFunctionState(fn, metrics)).toEqual(reason === undefined ? { state } : { state, reason });
  });
});
