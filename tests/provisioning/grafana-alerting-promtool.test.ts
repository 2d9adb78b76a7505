import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse, stringify } from 'yaml';

import { OUTPUT_PATHS, REPO_ROOT } from '../../rules/outputs';

import { grafanaQuery, grafanaRulesAsPrometheus, type GrafanaAlertingFile } from './grafana-rules-as-prometheus';

const INSTALL = 'apt-get install -y --no-install-recommends prometheus';
const scenarioDir = join(REPO_ROOT, 'rules', 'promtool');
const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.test.yaml'));
const grafana: GrafanaAlertingFile = parse(readFileSync(join(REPO_ROOT, OUTPUT_PATHS.grafanaAlerts), 'utf8'));
const prometheus = parse(readFileSync(join(REPO_ROOT, OUTPUT_PATHS.rulesFile), 'utf8'));
const derived = grafanaRulesAsPrometheus(prometheus, grafana);

describe('the provisioned Grafana-managed rules, evaluated by the real promtool', () => {
  let dir: string;
  beforeAll(() => {
    const probe = spawnSync('promtool', ['--version']);
    if (probe.error || probe.status !== 0) {
      throw new Error(`promtool is required; install it with: ${INSTALL}`);
    }
    dir = mkdtempSync(join(tmpdir(), 'kl-grafana-rules-'));
    writeFileSync(join(dir, 'grafana-rules.yaml'), stringify(derived.file));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pairs every Grafana rule with the Prometheus alert of the same title and labels, one to one', () => {
    expect(derived.unmatched).toEqual([]);
    expect(derived.grafanaOnly).toEqual([]);
  });

  it('inlines every recorded series: no Grafana query reads a recording rule', () => {
    const records = prometheus.groups.flatMap((g: { rules: Array<{ record?: string }> }) =>
      g.rules.filter((r) => r.record).map((r) => r.record as string)
    );
    const reading = grafana.groups
      .flatMap((g) => g.rules)
      .filter((r) => records.some((rec: string) => new RegExp(`${rec}(?![\\w:])`).test(grafanaQuery(r))))
      .map((r) => r.title);
    expect(reading).toEqual([]);
  });

  it('is valid Prometheus rule syntax (promtool check rules)', () => {
    const run = spawnSync('promtool', ['check', 'rules', join(dir, 'grafana-rules.yaml')], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it.each(scenarios)('fires exactly where the Prometheus rules fire in %s', (file) => {
    const scenario = parse(readFileSync(join(scenarioDir, file), 'utf8'));
    scenario.rule_files = [join(dir, 'grafana-rules.yaml')];
    const testFile = join(dir, file);
    writeFileSync(testFile, stringify(scenario));
    const run = spawnSync('promtool', ['test', 'rules', testFile], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0) {
      throw new Error(`promtool test rules (Grafana queries) ${file} failed:\n${run.stdout}\n${run.stderr}`);
    }
    expect(run.stdout).toContain('SUCCESS');
  });
});
