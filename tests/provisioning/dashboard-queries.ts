// The queries of the committed dashboard JSON files (what Grafana loads), and Grafana's variable interpolation of
// them for one selection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DASHBOARD_FILES, PROVISIONING_DIR } from '../../dashboards/render';
import { REPO_ROOT } from '../../rules/outputs';

export interface DashboardTarget {
  dashboard: string;
  panel: string;
  refId: string;
  expr: string;
}

export interface DashboardVariable {
  dashboard: string;
  name: string;
  query: string;
}

interface DashboardJson {
  uid: string;
  panels?: Array<{ title: string; type: string; targets?: Array<{ refId: string; expr: string }> }>;
  templating?: { list?: Array<{ name: string; type: string; query?: unknown }> };
}

export function committedDashboards(): Record<string, DashboardJson> {
  return Object.fromEntries(
    Object.entries(DASHBOARD_FILES).map(([key, file]) => [
      key,
      JSON.parse(readFileSync(join(REPO_ROOT, PROVISIONING_DIR, file), 'utf8')) as DashboardJson,
    ])
  );
}

export function dashboardTargets(): DashboardTarget[] {
  return Object.values(committedDashboards()).flatMap((d) =>
    (d.panels ?? []).flatMap((p) =>
      (p.targets ?? []).map((t) => ({ dashboard: d.uid, panel: p.title, refId: t.refId, expr: t.expr }))
    )
  );
}

export function dashboardVariables(): DashboardVariable[] {
  return Object.values(committedDashboards()).flatMap((d) =>
    (d.templating?.list ?? [])
      .filter((v) => v.type === 'query')
      .map((v) => ({ dashboard: d.uid, name: v.name, query: String(v.query) }))
  );
}

/** `$name` and `${name}` replaced by the selection's values (the All value of a multi variable is `.*`). */
export function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string, bare: string) => {
    const name = braced ?? bare;
    if (!(name in values)) {
      throw new Error(`no value for ${whole} in: ${text}`);
    }
    return values[name];
  });
}

/** label_values(<selector>, <label>) as a Prometheus series match and a label name. */
export function labelValuesQuery(query: string): { match: string; label: string } {
  const parsed = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
  if (!parsed) {
    throw new Error(`not a label_values() query: ${query}`);
  }
  return { match: parsed[1], label: parsed[2] };
}
