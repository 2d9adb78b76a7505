import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FUNCTION_INIT_BUCKETS, FUNCTION_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { initDurationQuantile } from '../../rules/init-duration';
import { operatorPanels } from '../../src/queries/operator';

const PROMTOOL_INSTALL = 'apt-get install -y --no-install-recommends prometheus';

interface ExprTest {
  expr: string;
  eval_time: string;
  exp_samples: Array<{ labels: string; value: number }>;
}

/** Runs `promtool test rules` (the real one) on input series and expression expectations; throws its output. */
function promtoolExprTest(inputSeries: Array<{ series: string; values: string }>, tests: ExprTest[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'kl-queries-'));
  try {
    const file = join(dir, 'queries.test.yaml');
    writeFileSync(
      file,
      // JSON is YAML: promtool reads it as its test file
      JSON.stringify({
        rule_files: [],
        tests: [{ interval: '1m', input_series: inputSeries, promql_expr_test: tests }],
      })
    );
    const run = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8' });
    if (run.error) {
      throw new Error(`promtool is not installed (${run.error.message}); install it with: ${PROMTOOL_INSTALL}`);
    }
    if (run.status !== 0) {
      throw new Error(`promtool test rules failed:\n${run.stdout}\n${run.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Grafana's interpolation of the macros the page queries use. */
const interpolated = (expr: string) => expr.replace(/\$__rate_interval/g, '5m');

/** One process's init histogram: its single observation, present from `fromMinute` for `minutes` minutes. */
function processBuckets(pod: string, seconds: number, fromMinute: number, minutes: number) {
  const les = [...FUNCTION_INIT_BUCKETS.map(String), '+Inf'];
  const values = `${'_ '.repeat(fromMinute)}1+0x${minutes}`;
  return les.map((le) => ({
    series: `${FUNCTION_METRICS.initDuration.name}_bucket{namespace="demo", function="f", runtime="go", pod="${pod}", le="${le}"}`,
    values: le === '+Inf' || seconds <= Number(le) ? values : values.replace('1+0x', '0+0x'),
  }));
}

describe('page queries evaluated by the real promtool', () => {
  it('init duration P95 is the quantile over the processes of the last hour, each counted once', () => {
    promtoolExprTest(
      [...processBuckets('a', 0.05, 0, 50), ...processBuckets('b', 0.3, 10, 40), ...processBuckets('c', 2, 20, 20)],
      [
        // 3 processes: rank 2.85 falls in (1, 2.5] holding the third: 1 + 1.5 × 0.85
        {
          expr: `round(${initDurationQuantile(0.95, '1h', ['runtime'])}, 0.001)`,
          eval_time: '45m',
          exp_samples: [{ labels: '{runtime="go"}', value: 2.275 }],
        },
        // the median process took 0.3 s: rank 1.5 in (0.25, 0.5] holding the second
        {
          expr: `round(${initDurationQuantile(0.5, '1h', [])}, 0.001)`,
          eval_time: '45m',
          exp_samples: [{ labels: '{}', value: 0.375 }],
        },
      ]
    );
  });

  const p = operatorPanels();
  const zeroSeries = {
    buildJobs: p.buildJobs.queries[1].expr,
    errors: p.errors.queries[1].expr,
    alerts: p.alerts.queries[1].expr,
  };
  const up = (value: number) => ({
    series: `up{job="${RULES_CONFIG.selectors.operatorJob}"}`,
    values: `${value}+0x30`,
  });

  it.each(Object.entries(zeroSeries))(
    'Operator %s: 0 while the operator is scraped and nothing runs or fires',
    (_panel, expr) => {
      promtoolExprTest(
        [up(1)],
        [{ expr: interpolated(expr), eval_time: '20m', exp_samples: [{ labels: '{}', value: 0 }] }]
      );
    }
  );

  it('Operator build jobs: empty (the panel says "not scraped") while the operator target is down', () => {
    promtoolExprTest([up(0)], [{ expr: interpolated(zeroSeries.buildJobs), eval_time: '20m', exp_samples: [] }]);
  });
});
