// What can be checked of the docker-compose stack without a Docker engine: mounts, images, ports, access, and that
// the services, the Prometheus config and the provisioning files name each other consistently.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { satisfies } from 'semver';

import { RUNTIME_ENV, RUNTIMES } from '../../contract';
import { exampleFunction } from '../../dashboards/demo/operator-metrics';
import { DEMO_HANDLERS } from '../../pkg-operator/runtimes/launch/demo-handlers';
import { RULES_CONFIG } from '../../rules/config';
import { REPO_ROOT } from '../../rules/outputs';

import { bindMounts, readYaml, resolvedCompose, type Service } from './compose-files';

const compose = resolvedCompose();
const services = Object.entries(compose.services);
const plugin = JSON.parse(readFileSync(join(REPO_ROOT, 'plugin.json'), 'utf8'));
const grafana = compose.services.grafana;
const prometheus = compose.services.prometheus;
const functions = services.filter(([, s]) => s.environment?.[RUNTIME_ENV.runtime]);
const hostBuilt = new Set(compose['x-host-builds'].map((b) => join(REPO_ROOT, b.out)));
type PromConfig = {
  global: { scrape_interval: string };
  rule_files: string[];
  scrape_configs: Array<{
    job_name: string;
    static_configs: Array<{ targets: string[]; labels?: Record<string, string> }>;
  }>;
};
const promConfig = readYaml(join(REPO_ROOT, 'provisioning/prometheus/prometheus.yml')) as unknown as PromConfig;
const target = (s: Service, path: string) => bindMounts(s).find((m) => m.target === path);

describe('docker-compose.yaml (checked statically: no Docker engine runs here)', () => {
  it.each(services)('%s mounts only paths that exist (or that npm run server builds), read-only', (_name, s) => {
    for (const mount of bindMounts(s)) {
      expect({ mount: mount.source, exists: existsSync(mount.source) || hostBuilt.has(mount.source) }).toEqual({
        mount: mount.source,
        exists: true,
      });
      expect({ mount: mount.target, readOnly: mount.readOnly }).toEqual({ mount: mount.target, readOnly: true });
    }
  });

  it('builds every host-built file from a source that exists', () => {
    for (const build of compose['x-host-builds']) {
      expect(existsSync(join(REPO_ROOT, build.entry))).toBe(true);
    }
  });

  it.each(services.filter(([, s]) => s.image))('%s pins its image by tag', (_name, s) => {
    expect(s.image).toMatch(/^[a-z0-9./_-]+:[A-Za-z0-9._-]+$/);
    expect(s.image?.endsWith(':latest')).toBe(false);
  });

  it('publishes ports on 127.0.0.1 only', () => {
    const published = services.flatMap(([, s]) => s.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    expect(published.filter((p) => !p.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('runs the official Grafana image, of a version the plugin supports, with glibc for the backend executables', () => {
    const [repo, tag] = (grafana.image ?? '').split(':');
    expect(repo).toBe('grafana/grafana');
    expect(tag).toMatch(/-ubuntu$/);
    expect(satisfies(tag.replace(/-ubuntu$/, ''), plugin.dependencies.grafanaDependency)).toBe(true);
  });

  it('lets anonymous users in as Viewer at most, and never in development mode', () => {
    const env = grafana.environment ?? {};
    if (env.GF_AUTH_ANONYMOUS_ENABLED === 'true') {
      expect(env.GF_AUTH_ANONYMOUS_ORG_ROLE).toBe('Viewer');
    }
    expect(env.GF_DEFAULT_APP_MODE).toBeUndefined();
    expect(services.flatMap(([, s]) => Object.values(s.environment ?? {})).filter((v) => /^Admin$/i.test(v))).toEqual(
      []
    );
  });

  it('mounts the built plugin under its id, allow-listed as unsigned, and the provisioning directory', () => {
    expect(target(grafana, `/var/lib/grafana/plugins/${plugin.id}`)?.source).toBe(join(REPO_ROOT, 'dist'));
    expect(grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS?.split(',')).toContain(plugin.id);
    expect(target(grafana, '/etc/grafana/provisioning')?.source).toBe(join(REPO_ROOT, 'provisioning'));
  });

  it('sets every ${VAR} the Grafana provisioning files use', () => {
    const files = [
      'plugins/app.yaml',
      'datasources/default.yaml',
      'dashboards/knative-lambda.yaml',
      'alerting/knative-lambda.yaml',
      'optional/tempo-datasource.yaml',
    ];
    const used = files.flatMap((f) =>
      [...readFileSync(join(REPO_ROOT, 'provisioning', f), 'utf8').matchAll(/\$\{(\w+)\}/g)].map((m) => m[1])
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((v) => !(v in (grafana.environment ?? {})))).toEqual([]);
  });

  it("points the Prometheus datasource at the prometheus service's port", () => {
    expect(grafana.environment?.PROMETHEUS_URL).toBe('http://prometheus:9090');
    expect(prometheus.ports).toContain('127.0.0.1:9090:9090/tcp');
  });

  it('runs Prometheus with exemplar storage, the provisioned config and the generated rules', () => {
    expect(prometheus.command).toContain('--enable-feature=exemplar-storage');
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    const dir = target(prometheus, '/etc/prometheus')?.source ?? '';
    expect(dir).toBe(join(REPO_ROOT, 'provisioning/prometheus'));
    expect(promConfig.rule_files.filter((f) => !existsSync(join(dir, f)))).toEqual([]);
    expect(promConfig.rule_files).toContain('knative-lambda.rules.yaml');
  });

  it('scrapes as often as the datasource timeInterval says', () => {
    const datasource = readYaml(join(REPO_ROOT, 'provisioning/datasources/default.yaml')) as {
      datasources: Array<{ jsonData: { timeInterval: string } }>;
    };
    expect(promConfig.global.scrape_interval).toBe(datasource.datasources[0].jsonData.timeInterval);
  });

  it('serves one demo function per runtime, each an example of examples/, with a demo handler', () => {
    expect(functions.map(([, s]) => s.environment?.[RUNTIME_ENV.runtime]).sort()).toEqual([...RUNTIMES].sort());
    for (const [name, s] of functions) {
      const env = s.environment ?? {};
      const runtime = env[RUNTIME_ENV.runtime] as (typeof RUNTIMES)[number];
      const example = exampleFunction(`${name}.yaml`);
      expect({ name: env[RUNTIME_ENV.function], ns: env[RUNTIME_ENV.namespace], runtime }).toEqual({
        name: example.metadata.name,
        ns: example.metadata.namespace,
        runtime: example.spec.runtime.language,
      });
      expect(Object.values(DEMO_HANDLERS).map((h) => h[runtime])).toContain(env[RUNTIME_ENV.handler]);
    }
  });

  it("runs the wrappers with their function images' base image and entrypoint", () => {
    for (const [, s] of functions) {
      const runtime = s.environment?.[RUNTIME_ENV.runtime] ?? '';
      const dockerfile = readFileSync(join(REPO_ROOT, 'pkg-operator/runtimes', runtime, 'Dockerfile'), 'utf8');
      expect(s.image).toBe(/ARG BASE_IMAGE=(\S+)/.exec(dockerfile)?.[1]);
      const entrypoint: string[] = JSON.parse(/ENTRYPOINT (\[.*\])/.exec(dockerfile)?.[1] ?? '[]');
      // The Go image's entrypoint is the binary build.sh writes; here build.sh writes it to /tmp/function.
      expect(s.command?.join(' ')).toContain(runtime === 'go' ? 'exec /tmp/function' : entrypoint.join(' '));
    }
  });

  it('scrapes the operator and every function under the job names the rules select', () => {
    const jobs = new Map(promConfig.scrape_configs.map((j) => [j.job_name, j]));
    const operator = jobs.get(RULES_CONFIG.selectors.operatorJob);
    const metricsService = compose.services['operator-metrics'];
    const port = metricsService.command?.[metricsService.command.indexOf('--port') + 1];
    expect(operator?.static_configs.flatMap((c) => c.targets)).toEqual([`operator-metrics:${port}`]);
    const fnJobs = promConfig.scrape_configs.filter((j) =>
      new RegExp(`^${RULES_CONFIG.selectors.functionTargetsJobRegex}$`).test(j.job_name)
    );
    const scraped = fnJobs.flatMap((j) => j.static_configs.map((c) => ({ target: c.targets[0], labels: c.labels })));
    expect(scraped.sort((a, b) => a.target.localeCompare(b.target))).toEqual(
      functions
        .map(([name, s]) => ({
          target: `${name}:${s.environment?.[RUNTIME_ENV.port]}`,
          labels: {
            namespace: s.environment?.[RUNTIME_ENV.namespace],
            function: s.environment?.[RUNTIME_ENV.function],
          },
        }))
        .sort((a, b) => a.target.localeCompare(b.target))
    );
  });

  it("lists exactly the served functions on the operator's metrics endpoint", () => {
    const args = compose.services['operator-metrics'].command ?? [];
    expect(args.filter((a) => a.endsWith('.yaml')).sort()).toEqual(functions.map(([name]) => `${name}.yaml`).sort());
  });

  it("sends traffic to each function over its own loopback (the generator's only allowed targets)", () => {
    const traffic = services.filter(([name]) => name.startsWith('traffic-'));
    expect(traffic.map(([, s]) => s.network_mode).sort()).toEqual(functions.map(([name]) => `service:${name}`).sort());
    for (const [, s] of traffic) {
      const fn = compose.services[(s.network_mode ?? '').replace('service:', '')];
      const spec = s.command?.[s.command.indexOf('--target') + 1];
      expect(spec).toBe(
        `${fn.environment?.[RUNTIME_ENV.function]}=http://127.0.0.1:${fn.environment?.[RUNTIME_ENV.port]}/`
      );
    }
  });
});
