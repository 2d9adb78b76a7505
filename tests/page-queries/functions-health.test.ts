// The Functions page's health query evaluated by a real Prometheus engine (promtool test rules, over the shipped
// recording rules): which functions get which health series. Fails loudly without promtool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RULES_CONFIG } from '../../rules/config';
import { functionsTableQueries, HEALTH_SERIES, TABLE_REF } from '../../src/queries/functionsTable';

const RULES_FILE = join(__dirname, '..', '..', 'provisioning', 'prometheus', 'knative-lambda.rules.yaml');
/** The job the PodMonitor gives function pods (matched by the rules' functionTargetsJobRegex). */
const JOB = `${RULES_CONFIG.selectors.operatorNamespace}/knative-lambda-functions`;
const MINUTES = 70;

/** A counter growing by `perMinute` every minute, `MINUTES` samples. */
const growing = (perMinute: number) => `0+${perMinute}x${MINUTES}`;
const flat = (value: number) => `${value}x${MINUTES}`;

function invocations(name: string, status: string, values: string) {
  return {
    series: `knative_lambda_function_invocations_total{function="${name}", namespace="team", runtime="nodejs", status="${status}"}`,
    values,
  };
}

const up = (name: string, pod: string, value: number) => ({
  series: `up{job="${JOB}", function="${name}", namespace="team", pod="${pod}"}`,
  values: flat(value),
});

/** healthy: traffic, no errors; burning: 10 % errors; pod-down: one of two pods down; idle: a pod, no traffic. */
const INPUT = [
  invocations('healthy', 'success', growing(60)),
  invocations('healthy', 'error', flat(0)),
  up('healthy', 'a', 1),
  invocations('burning', 'success', growing(54)),
  invocations('burning', 'error', growing(6)),
  up('burning', 'a', 1),
  invocations('pod-down', 'success', growing(60)),
  invocations('pod-down', 'error', flat(0)),
  up('pod-down', 'a', 1),
  up('pod-down', 'b', 0),
  up('idle', 'a', 1),
];

interface Expectation {
  expr: string;
  /** label sets (`{...}`) of the samples, each counted once */
  labels: string[];
}

const seriesOf = (name: string, series: string) => `{function="${name}", namespace="team", series="${series}"}`;

function runPromtool(expectations: Expectation[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kl-functions-health-'));
  try {
    const file = join(dir, 'health.test.yaml');
    const test = {
      rule_files: [RULES_FILE],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: INPUT,
          promql_expr_test: expectations.map((e) => ({
            expr: e.expr,
            eval_time: '65m',
            exp_samples: e.labels.map((labels) => ({ labels, value: 1 })),
          })),
        },
      ],
    };
    writeFileSync(file, JSON.stringify(test)); // JSON is YAML
    const run = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8' });
    if (run.error) {
      throw new Error(
        `promtool is required (${run.error.message}): apt-get install -y --no-install-recommends prometheus`
      );
    }
    return `${run.status}\n${run.stdout}${run.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the health and errors queries on a real Prometheus engine', () => {
  const queries = functionsTableQueries();
  const exprOf = (refId: string) => queries.find((q) => q.refId === refId)!.expr;
  const health = `count by (function, namespace, series) (${exprOf(TABLE_REF.health)})`;

  it('sends no series for a healthy function; burn and guard where burning; up where down or idle', () => {
    const out = runPromtool([
      {
        expr: health,
        labels: [
          seriesOf('burning', HEALTH_SERIES.burn),
          seriesOf('burning', HEALTH_SERIES.guardInvocations),
          seriesOf('burning', HEALTH_SERIES.guardFailures),
          seriesOf('pod-down', HEALTH_SERIES.up),
          seriesOf('idle', HEALTH_SERIES.up),
        ],
      },
      {
        expr: `count by (function, namespace) (${exprOf(TABLE_REF.errors)})`,
        labels: ['{function="burning", namespace="team"}'],
      },
    ]);
    expect(out).toMatch(/^0\n[\s\S]*SUCCESS/);
  });

  it('fails when a healthy function is expected to send health series (the check can fail)', () => {
    const out = runPromtool([{ expr: health, labels: [seriesOf('healthy', HEALTH_SERIES.burn)] }]);
    expect(out).toMatch(/^1\n[\s\S]*FAILED/);
  });
});
