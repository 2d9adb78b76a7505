import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { OUTPUT_PATHS, REPO_ROOT } from './outputs';

const PROMTOOL_INSTALL = 'apt-get install -y --no-install-recommends prometheus';
const testDir = join(REPO_ROOT, 'rules', 'promtool');
const testFiles = readdirSync(testDir).filter((f) => f.endsWith('.test.yaml'));
const rulesPath = join(REPO_ROOT, OUTPUT_PATHS.rulesFile);

interface PromtoolTestFile {
  group_eval_order?: string[];
  tests: Array<{
    alert_rule_test?: Array<{ alertname: string; exp_alerts?: unknown[] }>;
    promql_expr_test?: Array<{ expr: string }>;
  }>;
}

function promtool(args: string[]) {
  const run = spawnSync('promtool', args, { cwd: testDir, encoding: 'utf8' });
  if (run.error) {
    throw new Error(`promtool is not installed (${run.error.message}); install it with: ${PROMTOOL_INSTALL}`);
  }
  return run;
}

describe('promtool (real, from the prometheus package)', () => {
  beforeAll(() => {
    try {
      execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error(`promtool is required for the rules tests; install it with: ${PROMTOOL_INSTALL}`);
    }
  });

  it('accepts the generated rules file', () => {
    const run = promtool(['check', 'rules', rulesPath]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it.each(testFiles)('passes the unit tests in %s', (file) => {
    const run = promtool(['test', 'rules', file]);
    if (run.status !== 0) {
      throw new Error(`promtool test rules ${file} failed:\n${run.stdout}\n${run.stderr}`);
    }
    expect(run.stdout).toContain('SUCCESS');
  });

  it('evaluates groups in the rules file order (promtool would otherwise pick a random order)', () => {
    const groups = parse(readFileSync(rulesPath, 'utf8')).groups.map((g: { name: string }) => g.name);
    for (const file of testFiles) {
      const doc: PromtoolTestFile = parse(readFileSync(join(testDir, file), 'utf8'));
      expect(doc.group_eval_order).toEqual(groups);
    }
  });

  it('tests every alert firing and not firing, and every recording rule', () => {
    const rules = parse(readFileSync(rulesPath, 'utf8')).groups.flatMap((g: { rules: unknown[] }) => g.rules);
    const alerts = new Set<string>(
      rules.filter((r: { alert?: string }) => r.alert).map((r: { alert: string }) => r.alert)
    );
    const records: string[] = rules
      .filter((r: { record?: string }) => r.record)
      .map((r: { record: string }) => r.record);
    const firing = new Set<string>();
    const silent = new Set<string>();
    const exprs: string[] = [];
    for (const file of testFiles) {
      const doc: PromtoolTestFile = parse(readFileSync(join(testDir, file), 'utf8'));
      for (const test of doc.tests) {
        for (const a of test.alert_rule_test ?? []) {
          (a.exp_alerts?.length ? firing : silent).add(a.alertname);
        }
        exprs.push(...(test.promql_expr_test ?? []).map((p) => p.expr));
      }
    }
    expect([...alerts].filter((a) => !firing.has(a))).toEqual([]);
    expect([...alerts].filter((a) => !silent.has(a))).toEqual([]);
    expect(records.filter((r) => !exprs.some((e) => new RegExp(`${r}(?![\\w:])`).test(e)))).toEqual([]);
  });
});
