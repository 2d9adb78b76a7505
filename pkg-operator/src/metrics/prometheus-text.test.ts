import { OPERATOR_METRICS } from '../../../contract';

import { OperatorMetrics } from './operator-metrics';
import { prometheusText } from './prometheus-text';

test('Prometheus text keeps contract names (counters end in _total) even after an OpenMetrics render', async () => {
  const m = new OperatorMetrics();
  m.reconciled('Pending', 'success', 0.02, 'a'.repeat(32));
  m.error('validation', 'ssrf_blocked');
  const open = await m.registry.metrics();
  expect(open).toMatch(/# \{trace_id="a{32}"\} 0\.02/);
  const text = await prometheusText(m.registry);
  expect(text).toContain(`${OPERATOR_METRICS.reconcileTotal.name}{phase="Pending",result="success"} 1`);
  expect(text).toContain(`# TYPE ${OPERATOR_METRICS.errors.name} counter`);
  expect(text).toContain(`${OPERATOR_METRICS.reconcileDuration.name}_bucket{le="0.025",phase="Pending"} 1`);
  expect(text).toContain(`${OPERATOR_METRICS.reconcileDuration.name}_bucket{le="+Inf",phase="Pending"} 1`);
  expect(text).not.toContain('trace_id');
});

test('a reconcile counts once, in the phase it started from', async () => {
  const m = new OperatorMetrics();
  m.reconciled('Building', 'error', 0.5);
  const text = await prometheusText(m.registry);
  const lines = text.split('\n').filter((l) => l.startsWith(`${OPERATOR_METRICS.reconcileTotal.name}{`));
  expect(lines).toEqual([`${OPERATOR_METRICS.reconcileTotal.name}{phase="Building",result="error"} 1`]);
});
