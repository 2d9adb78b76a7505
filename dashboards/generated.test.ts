import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { ALL_METRICS } from '../contract/metrics';
import { RULES_CONFIG } from '../rules/config';
import { OUTPUT_PATHS, REPO_ROOT } from '../rules/outputs';
import { sloWindows } from '../rules/slo';

import { PROMETHEUS_REF, RATE_INTERVAL_MACRO } from './datasource';
import { DASHBOARD_FILES, PROVISIONING_DIR, renderDashboards } from './render';
import { DASHBOARD_UIDS } from './uids';

const rendered = renderDashboards();
const committed = (file: string) => readFileSync(join(REPO_ROOT, PROVISIONING_DIR, file), 'utf8');
type Panel = { type: string; title: string; datasource?: unknown; targets?: Array<{ expr: string }> };
const panels = (key: keyof typeof DASHBOARD_FILES) => (rendered[key].panels ?? []) as Panel[];
const exprs = Object.keys(DASHBOARD_FILES).flatMap((k) =>
  panels(k as keyof typeof DASHBOARD_FILES).flatMap((p) => (p.targets ?? []).map((t) => t.expr))
);

describe('generated dashboards', () => {
  // Prettier formats the output and loads its parsers by dynamic import, which jest's VM refuses: run the generator.
  it('is committed as generated (npm run generate)', () => {
    const run = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['dashboards/generate.ts', '--check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('commits JSON that parses to what the builders render', () => {
    for (const [key, file] of Object.entries(DASHBOARD_FILES)) {
      expect(JSON.parse(committed(file))).toEqual(
        JSON.parse(JSON.stringify(rendered[key as keyof typeof DASHBOARD_FILES]))
      );
    }
  });

  it('keep their stable uids', () => {
    expect(rendered.functions.uid).toBe(DASHBOARD_UIDS.functions);
    expect(rendered.operator.uid).toBe(DASHBOARD_UIDS.operator);
  });

  it('have the seed panels with their visualisations', () => {
    const kinds = [...panels('functions'), ...panels('operator')].map((p) => `${p.type}: ${p.title}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'stat: Error Budget Remaining',
        'gauge: Build Queue Depth',
        'heatmap: Build Duration Heatmap',
        'timeseries: Reconcile Rate by phase',
      ])
    );
  });

  it('query the datasource variable from every panel', () => {
    const rows = [...panels('functions'), ...panels('operator')].filter((p) => p.type !== 'row');
    expect(rows.filter((p) => JSON.stringify(p.datasource) !== JSON.stringify(PROMETHEUS_REF))).toEqual([]);
  });

  it('window rates with $__rate_interval, or with a window of the rules they show (SLO, build alert)', () => {
    const ruleWindows = new Set([
      ...sloWindows(RULES_CONFIG.slo.period),
      ...Object.values(RULES_CONFIG).flatMap((v) => (v && typeof v === 'object' && 'window' in v ? [v.window] : [])),
    ]);
    const windows = exprs.flatMap((e) => [...e.matchAll(/\[([^\]:]+)\]/g)].map((m) => m[1]));
    expect(windows).toContain(RATE_INTERVAL_MACRO);
    expect(windows.filter((w) => w !== RATE_INTERVAL_MACRO && !ruleWindows.has(w))).toEqual([]);
  });

  it('read only metrics of the contract, recorded series of the rules, and up', () => {
    const rules = parse(readFileSync(join(REPO_ROOT, OUTPUT_PATHS.rulesFile), 'utf8'));
    const recorded: string[] = rules.groups.flatMap((g: { rules: Array<{ record?: string }> }) =>
      g.rules.flatMap((r) => (r.record ? [r.record] : []))
    );
    const names = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(knative_lambda[a-z_:0-9]*)/g)].map((m) => m[1])));
    const known = (n: string) =>
      ALL_METRICS.some((m) => n === m.name || n.startsWith(`${m.name}_`)) || recorded.includes(n);
    expect([...names].filter((n) => !known(n))).toEqual([]);
  });

  it('are provisioned from the directory the provider reads, and listed in plugin.json includes', () => {
    const provider = parse(committed('dashboards/knative-lambda.yaml')).providers[0];
    expect(provider.options.path).toBe('/etc/grafana/provisioning/dashboards');
    const plugin = JSON.parse(readFileSync(join(REPO_ROOT, 'plugin.json'), 'utf8'));
    const included = plugin.includes
      .filter((i: { type: string }) => i.type === 'dashboard')
      .map((i: { path: string }) => i.path);
    expect(included.sort()).toEqual(Object.values(DASHBOARD_FILES).sort());
  });
});
