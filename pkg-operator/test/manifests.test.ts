// The manifests in pkg-operator/k8s: the CRD matches the contract, the Deployment is hardened, and the RBAC
// roles match the API call table by scope (test/operator-rbac.test.ts checks them against the calls recorded at
// the API server's door).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseAllDocuments } from 'yaml';

import { K8S_LABELS, PHASES, RUNTIMES } from '../../contract';
import { RULES_CONFIG } from '../../rules/config';
import { CONDITION_TYPES, DEFAULT_LATENCY_TARGET_SECONDS, DEFAULT_SLO_OBJECTIVE } from '../src/api';
import { loadConfig } from '../src/config/config';
import { FUNCTION_CONTAINER } from '../src/deploy/knative-service';
import { loadForwarderSettings } from '../src/dlq-forwarder/settings';
import { trigger } from '../src/eventing/resources';
import type { ApiCall } from '../src/kube/api-calls';
import { API_CALLS } from '../src/kube/api-calls';
import { FUNCTIONS_CLUSTER_ROLE, NAMESPACE_ENABLED_LABEL, optInInstructions } from '../src/kube/namespace-opt-in';
import { DLQ_FORWARDER_AUDIENCE, DLQ_FORWARDER_NAME } from '../src/naming/names';

import { inlineSpec } from './support/lambda';

const K8S = path.resolve(__dirname, '../k8s');
const SRC = path.resolve(__dirname, '../src');

type Doc = any;

function docs(file: string): Doc[] {
  return parseAllDocuments(fs.readFileSync(path.join(K8S, file), 'utf8')).map((d) => d.toJS());
}
const one = (file: string, kind: string): Doc => docs(file).find((d) => d.kind === kind);

describe('CRD', () => {
  const crd = one('base/crd.yaml', 'CustomResourceDefinition');
  const version = crd.spec.versions[0];
  const schema = version.schema.openAPIV3Schema.properties;
  const spec = schema.spec.properties;

  test('identity, status subresource, printer columns', () => {
    expect(crd.metadata.name).toBe('lambdafunctions.lambda.knative.io');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names.shortNames).toEqual(['lf', 'lfunc']);
    expect(version.name).toBe('v1alpha1');
    expect(version.subresources).toEqual({ status: {} });
    expect(version.additionalPrinterColumns.map((c: Doc) => c.name)).toEqual([
      'Phase',
      'Runtime',
      'Image',
      'URL',
      'Ready',
      'Age',
    ]);
  });

  test('enums are the contract', () => {
    expect(spec.runtime.properties.language.enum).toEqual([...RUNTIMES]);
    expect(schema.status.properties.phase.enum).toEqual([...PHASES]);
    expect(schema.status.properties.conditions.items.properties.type.enum).toEqual([...CONDITION_TYPES]);
  });

  test('every free-text field that reaches a URL, path, file or command is bounded and patterned', () => {
    const git = spec.source.properties.git.properties;
    const bounded = [
      git.url,
      git.ref,
      git.path,
      spec.runtime.properties.handler,
      spec.runtime.properties.version,
      spec.source.properties.image.properties.repository,
    ];
    for (const field of bounded) {
      expect(field.maxLength).toBeGreaterThan(0);
      expect(field.pattern).toMatch(/^\^.*\$$/);
    }
    expect(git.url.maxLength).toBe(2048);
    expect(git.path.maxLength).toBe(512);
    expect(spec.runtime.properties.handler.maxLength).toBe(100);
  });

  test('defaults for SLO (the same the rules assume), scaling and build timeout', () => {
    expect(spec.slo.properties.objective.default).toBe(RULES_CONFIG.slo.objective);
    expect(spec.slo.properties.objective.default).toBe(DEFAULT_SLO_OBJECTIVE);
    expect(spec.slo.properties.latencyTarget.default).toBe(RULES_CONFIG.functionLatency.defaultTargetSeconds);
    expect(spec.slo.properties.latencyTarget.default).toBe(DEFAULT_LATENCY_TARGET_SECONDS);
    expect(spec.build.properties.timeout.default).toBe('30m');
    expect(spec.scaling.properties.minReplicas.default).toBe(0);
  });
});

const deployments = ['base/deployment.yaml', 'base/dlq-forwarder.yaml'].map((file) => one(file, 'Deployment'));

describe.each(deployments.map((d) => [d.metadata.name, d]))('Deployment %s', (_name, deployment: Doc) => {
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('runs non-root with a read-only root filesystem, no capabilities and the runtime default seccomp profile', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  test('requests, limits and probes', () => {
    for (const kind of ['requests', 'limits']) {
      expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory']);
    }
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
  });
});

describe('operator Deployment', () => {
  const deployment = one('base/deployment.yaml', 'Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('/tmp is a 256Mi emptyDir, TMPDIR points there and the scratch budget equals it', () => {
    const tmp = pod.volumes.find((v: Doc) => v.name === 'tmp');
    expect(tmp.emptyDir.sizeLimit).toBe('256Mi');
    expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    const env = Object.fromEntries(container.env.filter((e: Doc) => 'value' in e).map((e: Doc) => [e.name, e.value]));
    expect(env.TMPDIR).toBe('/tmp');
    expect(env.LAMBDA_SCRATCH_LIMIT).toBe(tmp.emptyDir.sizeLimit);
  });

  test('leader election and its service account', () => {
    expect(container.args).toContain('--leader-elect=true');
    expect(container.ports).toContainEqual({ name: 'metrics', containerPort: 8080, protocol: 'TCP' });
    expect(pod.serviceAccountName).toBe(one('base/serviceaccount.yaml', 'ServiceAccount').metadata.name);
  });
});

describe('dead-letter forwarder', () => {
  const deployment = one('base/dlq-forwarder.yaml', 'Deployment');
  const service = one('base/dlq-forwarder.yaml', 'Service');
  const operator = one('base/deployment.yaml', 'Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('the Service the operator points Triggers at exists, in the operator namespace, port 80 → the container', () => {
    const defaultUrl = loadConfig([], { POD_NAMESPACE: operator.metadata.namespace }).settings.dlqForwarderUrl;
    expect(defaultUrl).toBe(`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`);
    expect(service.metadata.name).toBe(DLQ_FORWARDER_NAME);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    const [port] = service.spec.ports;
    expect(port.port).toBe(80);
    expect(container.ports).toContainEqual({ name: port.targetPort, containerPort: 8080, protocol: 'TCP' });
  });

  test('its ServiceMonitor scrapes /metrics on the Service`s port', () => {
    const monitor = one('base/dlq-forwarder.yaml', 'ServiceMonitor');
    expect(monitor.spec.selector.matchLabels).toEqual(service.metadata.labels);
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: service.spec.ports[0].name, path: '/metrics' }),
    ]);
  });

  test('runs `lambda-operator dlq-forwarder` from the operator image; its token may only review tokens', () => {
    expect(container.image).toBe(operator.spec.template.spec.containers[0].image);
    expect(container.args).toEqual(['dlq-forwarder']);
    const all = docs('base/dlq-forwarder.yaml');
    const account = all.find((d) => d.kind === 'ServiceAccount');
    expect(pod.serviceAccountName).toBe(account.metadata.name);
    const binding = all.find((d) => d.kind === 'ClusterRoleBinding');
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: account.metadata.name, namespace: 'knative-lambda' },
    ]);
    const role = all.find((d) => d.kind === 'ClusterRole' && d.metadata.name === binding.roleRef.name);
    expect(role.rules).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    ]);
  });

  test('senders are checked for the audience the operator puts on every Trigger`s deadLetterSink', () => {
    const env = Object.fromEntries(container.env.map((e: Doc) => [e.name, e.value]));
    expect(env.DLQ_FORWARDER_SENDER_CHECK).toBe('tokenreview');
    expect(env.DLQ_FORWARDER_AUDIENCE).toBe(DLQ_FORWARDER_AUDIENCE);
    const fn = {
      metadata: { name: 'f', namespace: 'n', uid: 'u' },
      spec: { ...inlineSpec(), eventing: { dlq: true } },
    };
    const sink = (trigger(fn as never, 'http://x') as Doc).spec.delivery.deadLetterSink;
    expect(sink.audience).toBe(DLQ_FORWARDER_AUDIENCE);
  });

  test('its NetworkPolicy admits only broker dispatchers in opted-in namespaces, and Prometheus', () => {
    const policy = one('base/dlq-forwarder.yaml', 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    const [dispatchers, prometheus] = policy.spec.ingress;
    expect(dispatchers.from).toEqual([
      {
        namespaceSelector: { matchLabels: { [NAMESPACE_ENABLED_LABEL]: 'true' } },
        podSelector: {
          matchExpressions: [
            { key: 'eventing.knative.dev/brokerRole', operator: 'In', values: ['dispatcher', 'dispatcher-dlq'] },
          ],
        },
      },
    ]);
    expect(prometheus.from[0].podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'prometheus' });
    expect(policy.spec.ingress).toHaveLength(2);
  });

  test('RabbitMQ credentials come from the documented Secret, the listener from the env the forwarder reads', () => {
    const env = Object.fromEntries(container.env.map((e: Doc) => [e.name, e]));
    expect(env.DLQ_FORWARDER_BIND_ADDRESS.value).toBe(':8080');
    const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
    for (const name of ['RABBITMQ_HOST', 'RABBITMQ_PORT', 'RABBITMQ_USERNAME', 'RABBITMQ_PASSWORD']) {
      const ref = env[name].valueFrom.secretKeyRef;
      expect(ref.name).toBe('lambda-dlq-forwarder-rabbitmq');
      expect(readme).toContain(ref.name);
    }
    const settings = loadForwarderSettings(
      Object.fromEntries(container.env.map((e: Doc) => [e.name, e.value ?? 'from-secret']))
    );
    expect(settings.port).toBe(8080);
  });
});

describe('RBAC', () => {
  const rbac = docs('base/rbac.yaml');
  const triples = (rules: Doc[]) =>
    rules
      .flatMap((r: Doc) =>
        r.apiGroups.flatMap((g: string) =>
          r.resources.flatMap((res: string) => r.verbs.map((v: string) => `${g}|${res}|${v}`))
        )
      )
      .sort();
  const fromCode = (scope: ApiCall['scope']) =>
    [
      ...new Set(
        Object.values(API_CALLS as Record<string, ApiCall>)
          .filter((c) => c.scope === scope)
          .flatMap((c) => c.verbs.map((v) => `${c.group}|${c.resource}|${v}`))
      ),
    ].sort();

  const clusterRole = (name: string) => rbac.find((d) => d.kind === 'ClusterRole' && d.metadata.name === name);

  test('the cluster-wide role reads, and writes nothing but the LambdaFunction itself (finalizer, status)', () => {
    const role = clusterRole('knative-lambda-operator');
    expect(triples(role.rules)).toEqual(fromCode('cluster-wide'));
    const writes = triples(role.rules).filter((t) => !/\|(get|list|watch)$/.test(t));
    expect(writes).toEqual([
      'lambda.knative.io|lambdafunctions/status|update',
      'lambda.knative.io|lambdafunctions|patch',
    ]);
  });

  test('every write for a function is in knative-lambda-operator-functions, which the manifests never bind', () => {
    expect(triples(clusterRole(FUNCTIONS_CLUSTER_ROLE).rules)).toEqual(fromCode('function-namespaces'));
    const bound = rbac.filter((d) => d.kind.endsWith('Binding')).map((b) => b.roleRef.name);
    expect(bound).not.toContain(FUNCTIONS_CLUSTER_ROLE);
    expect(bound.sort()).toEqual(['knative-lambda-operator', 'knative-lambda-operator-leader-election']);
  });

  test('reading git credentials is a separate ClusterRole that the manifests never bind (opt-in per namespace)', () => {
    expect(triples(clusterRole('knative-lambda-operator-git-credentials').rules)).toEqual(
      fromCode('git-credential-namespaces')
    );
  });

  test('the RBAC comments spell the opt-in the operator`s condition asks for', () => {
    const text = fs.readFileSync(path.join(K8S, 'base/rbac.yaml'), 'utf8').replace(/\s*\\\n#\s*/g, ' ');
    expect(text).toContain(
      optInInstructions('<ns>', { namespace: 'knative-lambda', serviceAccount: 'knative-lambda-operator' }).split(
        ' && '
      )[1]
    );
    expect(text).toContain(`${NAMESPACE_ENABLED_LABEL}=true`);
  });

  test('the leader-election Role grants exactly the Lease calls, in the operator namespace only', () => {
    const role = rbac.find((d) => d.kind === 'Role');
    expect(role.metadata.namespace).toBe('knative-lambda');
    expect(triples(role.rules)).toEqual(fromCode('operator-namespace'));
  });

  test('no wildcards, no secrets, no RBAC objects in what is bound; both bindings name the operator service account', () => {
    const boundRoles = new Set(rbac.filter((d) => d.kind.endsWith('Binding')).map((b) => b.roleRef.name));
    const all = rbac.filter((d) => d.kind.endsWith('Role') && boundRoles.has(d.metadata.name)).flatMap((r) => r.rules);
    expect(all.length).toBeGreaterThan(0);
    for (const rule of all) {
      expect([...rule.apiGroups, ...rule.resources, ...rule.verbs]).not.toContain('*');
      expect(rule.resources).not.toContain('secrets');
      expect(rule.apiGroups).not.toContain('rbac.authorization.k8s.io');
    }
    for (const binding of rbac.filter((d) => d.kind.endsWith('Binding'))) {
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: 'knative-lambda-operator', namespace: 'knative-lambda' },
      ]);
    }
  });

  test('every entry of the API call table is used by the code (no permission without a caller)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory()
          ? sources(p)
          : p.endsWith('.ts') && !p.endsWith('api-calls.ts')
            ? [fs.readFileSync(p, 'utf8')]
            : [];
      });
    const code = sources(SRC).join('\n');
    for (const id of Object.keys(API_CALLS)) {
      expect(code).toContain(`'${id}'`);
    }
  });
});

describe('monitoring', () => {
  test('the ServiceMonitor keeps the operator`s own namespace label (honorLabels) and scrapes the named port', () => {
    const monitor = one('base/servicemonitor.yaml', 'ServiceMonitor');
    const service = one('base/service.yaml', 'Service');
    expect(service.spec.ports).toContainEqual(expect.objectContaining({ name: 'metrics' }));
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: 'metrics', path: '/metrics', honorLabels: true }),
    ]);
    expect(monitor.spec.selector.matchLabels).toEqual(service.metadata.labels);
  });

  test('the names the alert rules select by are the ones the manifests and the operator produce', () => {
    const { selectors } = RULES_CONFIG;
    const deployment = one('base/deployment.yaml', 'Deployment');
    expect(deployment.metadata).toMatchObject({
      name: selectors.operatorDeployment,
      namespace: selectors.operatorNamespace,
    });
    // prometheus-operator names a ServiceMonitor's job after the Service, a PodMonitor's `<namespace>/<name>`
    expect(one('base/service.yaml', 'Service').metadata.name).toBe(selectors.operatorJob);
    const pods = one('base/podmonitor.yaml', 'PodMonitor').metadata;
    expect(`${pods.namespace}/${pods.name}`).toMatch(new RegExp(`^${selectors.functionTargetsJobRegex}$`));
    expect(FUNCTION_CONTAINER).toBe(selectors.functionContainer);
  });

  test('the PodMonitor selects function pods in every namespace by the contract label and maps it to `function`', () => {
    const monitor = one('base/podmonitor.yaml', 'PodMonitor');
    expect(monitor.spec.namespaceSelector).toEqual({ any: true });
    expect(monitor.spec.selector.matchExpressions).toEqual([{ key: K8S_LABELS.function, operator: 'Exists' }]);
    const endpoint = monitor.spec.podMetricsEndpoints[0];
    expect(endpoint.honorLabels).toBe(true);
    const meta = `__meta_kubernetes_pod_label_${K8S_LABELS.function.replace(/[^a-zA-Z0-9]/g, '_')}`;
    expect(endpoint.relabelings).toContainEqual({ sourceLabels: [meta], targetLabel: 'function' });
  });
});

describe('kustomize', () => {
  test('base lists every manifest file in the folder', () => {
    const listed = one('base/kustomization.yaml', 'Kustomization').resources.sort();
    const files = fs
      .readdirSync(path.join(K8S, 'base'))
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .sort();
    expect(listed).toEqual(files);
  });

  test('studio runs two replicas on different nodes and includes the generated alert rules', () => {
    const kustomization = one('overlays/studio/kustomization.yaml', 'Kustomization');
    expect(kustomization.resources).toEqual(['../../base', 'alertrules.yaml']);
    const patch = one(`overlays/studio/${kustomization.patches[0].path}`, 'Deployment');
    expect(patch.spec.replicas).toBe(2);
    const term = patch.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(term.topologyKey).toBe('kubernetes.io/hostname');
  });
});

test('the operator image is multi-stage and runs as a non-root user', () => {
  const dockerfile = fs.readFileSync(path.resolve(__dirname, '../Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  expect(stages.length).toBeGreaterThanOrEqual(2);
  const final = stages[stages.length - 1];
  expect(final).toMatch(/^USER 65532:65532$/m);
  expect(final).not.toMatch(/^USER (root|0)\b/m);
});
