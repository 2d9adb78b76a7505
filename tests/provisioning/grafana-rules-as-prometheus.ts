// The Grafana-managed rules' inlined queries as Prometheus alerting rules, so promtool can evaluate them against
// the Prometheus rules' own unit-test scenarios. Each Prometheus alert keeps its name, labels, `for` and
// annotations and gets the expression of the Grafana rule with the same title and labels; recording rules stay for
// the scenarios' promql_expr_test entries (the inlined expressions do not read them).

interface PrometheusAlert {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
}

interface GrafanaRule {
  title: string;
  for: string;
  labels: Record<string, string>;
  data: Array<{ refId: string; datasourceUid: string; model: { expr?: string } }>;
  condition: string;
}

export interface PrometheusRulesFile {
  groups: Array<{ name: string; rules: PrometheusAlert[] }>;
}

export interface GrafanaAlertingFile {
  groups: Array<{ name: string; rules: GrafanaRule[] }>;
}

const key = (name: string, labels: Record<string, string> = {}) =>
  `${name} ${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}`;

/** The one Prometheus query of a Grafana rule (refId A; C is the server-side condition on it). */
export function grafanaQuery(rule: GrafanaRule): string {
  const queries = rule.data.filter((d) => d.datasourceUid !== '__expr__');
  if (queries.length !== 1 || !queries[0].model.expr) {
    throw new Error(`Grafana rule ${rule.title} has ${queries.length} datasource queries; expected one PromQL query`);
  }
  return queries[0].model.expr;
}

export function grafanaRulesAsPrometheus(prometheus: PrometheusRulesFile, grafana: GrafanaAlertingFile) {
  const byKey = new Map(grafana.groups.flatMap((g) => g.rules).map((r) => [key(r.title, r.labels), r]));
  const unmatched: string[] = [];
  const groups = prometheus.groups.map((group) => ({
    ...group,
    rules: group.rules.map((rule) => {
      if (!rule.alert) {
        return rule;
      }
      const twin = byKey.get(key(rule.alert, rule.labels));
      if (!twin) {
        unmatched.push(key(rule.alert, rule.labels));
        return rule;
      }
      byKey.delete(key(rule.alert, rule.labels));
      return { ...rule, expr: grafanaQuery(twin), for: twin.for };
    }),
  }));
  return { file: { groups }, unmatched, grafanaOnly: [...byKey.keys()] };
}
