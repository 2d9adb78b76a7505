// Proves the control plane serves the real CRDs of the foreign kinds: upstream's own files at the pinned
// versions (Knative Serving, Prometheus operator) and closed hand-written ones after the upstream API types
// (Knative Eventing, RabbitMQ topology); that a typo'd field is rejected the way the operator writes
// (server-side apply); and that every object the operator and the manifests write passes them.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

import { readCrds } from '../../local/control-plane/crds';
import { lambdaFunction, LF } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { ensureUpstreamCrds, HAND_WRITTEN_CRDS, startControlPlane } from '../../local/control-plane/harness';
import type { LambdaFunction } from '../../pkg-operator/src/api';
import { knativeService } from '../../pkg-operator/src/deploy/knative-service';
import {
  deadLetterBinding,
  deadLetterExchange,
  deadLetterQueue,
  invocationBroker,
  trigger,
} from '../../pkg-operator/src/eventing/resources';
import type { KubeObject } from '../../pkg-operator/src/kube/gateway';
import { KubeGateway } from '../../pkg-operator/src/kube/gateway';
import { apiVersionOf, customObjectsPathOf, RESOURCES } from '../../pkg-operator/src/kube/resources';

const REPO = path.resolve(__dirname, '../..');
const NS = 'crd-checks';
const APPLY = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

let cp: ControlPlane;
let custom: CustomObjectsApi;

beforeAll(async () => {
  cp = await startControlPlane({ faultProxy: false });
  custom = cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
  await cp.adminKubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NS } } });
}, 60 * 60_000);

afterAll(async () => {
  await cp?.stop();
});

const fn: LambdaFunction = {
  apiVersion: 'lambda.knative.io/v1alpha1',
  kind: 'LambdaFunction',
  metadata: { name: 'hello', namespace: NS, uid: '3f1c6a52-0d7e-4c59-9a52-1b2f0c8e7d41' },
  spec: {
    source: { inline: { code: 'exports.handler = async () => 1;' } },
    runtime: { language: 'nodejs', version: '20' },
  },
};
const cluster = { name: 'rabbitmq', namespace: 'rabbitmq-system' };

/** what the operator writes, by kind */
const operatorObjects: Record<string, () => KubeObject> = {
  'Knative Service': () => knativeService(fn, 'registry.local/crd-checks/hello@sha256:' + 'a'.repeat(64)),
  Broker: () => invocationBroker(NS, cluster),
  Trigger: () => trigger(fn, 'http://knative-lambda-dlq-forwarder.knative-lambda.svc:8080'),
  Exchange: () => deadLetterExchange(NS, cluster),
  Queue: () => deadLetterQueue(fn, cluster),
  Binding: () => deadLetterBinding(fn, cluster),
};

/** what the manifests ship of the Prometheus operator's kinds */
function manifestObjects(): KubeObject[] {
  const files = ['base/servicemonitor.yaml', 'base/podmonitor.yaml', 'overlays/studio/alertrules.yaml'];
  return files.flatMap((f) =>
    parseAllDocuments(fs.readFileSync(path.join(REPO, 'pkg-operator/k8s', f), 'utf8'))
      .map((d) => d.toJS() as KubeObject)
      .filter((o) => o?.apiVersion === 'monitoring.coreos.com/v1')
      .map((o) => ({ ...o, metadata: { ...o.metadata, namespace: NS } }))
  );
}

function resourceOf(obj: KubeObject): { group: string; version: string; plural: string } {
  const [group, version] = (obj.apiVersion ?? '').split('/');
  return { group, version, plural: `${(obj.kind ?? '').toLowerCase()}s` }; // true of every kind here
}

function apply(obj: KubeObject, fieldValidation?: string): Promise<KubeObject> {
  return custom.patchNamespacedCustomObject(
    {
      ...resourceOf(obj),
      namespace: NS,
      name: obj.metadata?.name ?? '',
      body: obj,
      fieldManager: 'crd-checks',
      force: true,
      fieldValidation,
    },
    APPLY
  );
}

/** the Kubernetes Status message of a failed request */
async function rejection(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await request;
  } catch (err) {
    const e = err as { code?: number; body?: string };
    return { code: e.code ?? 0, message: (JSON.parse(e.body ?? '{}') as { message?: string }).message ?? '' };
  }
  throw new Error('the request was accepted');
}

describe('upstream CRDs', () => {
  const sources = ensureUpstreamCrds();

  it('are the pinned releases of Knative Serving and the Prometheus operator', () => {
    expect(sources.map((s) => `${s.module}@${s.version}`)).toEqual([
      'knative.dev/serving@v0.51.0',
      'github.com/prometheus-operator/prometheus-operator@v0.85.0',
    ]);
  });

  it.each(sources.flatMap((s) => readCrds(s.files).map((crd) => [crd.metadata!.name!, s.version, crd] as const)))(
    '%s is installed from %s with the upstream schema and served',
    async (name, version, fromFile: V1CustomResourceDefinition) => {
      const served = await cp.adminKubeConfig.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name });
      const marker =
        served.metadata?.labels?.['app.kubernetes.io/version'] ??
        served.metadata?.annotations?.['operator.prometheus.io/version'];
      expect(`v${marker?.replace(/^v/, '')}`).toBe(version);
      const v1 = served.spec.versions.find((v) => v.name === 'v1')!;
      expect(v1.schema).toEqual(fromFile.spec.versions.find((v) => v.name === 'v1')!.schema);
      expect(v1.schema?.openAPIV3Schema?.properties?.spec?.properties).toBeDefined();
      const list = await custom.listNamespacedCustomObject({
        group: served.spec.group,
        version: 'v1',
        plural: served.spec.names.plural,
        namespace: NS,
      });
      expect(list).toHaveProperty('items');
    }
  );
});

describe('hand-written CRDs', () => {
  /** JSON paths inside the schemas that keep unknown fields */
  function openPaths(node: unknown, at: string): string[] {
    if (!node || typeof node !== 'object') {
      return [];
    }
    const here = (node as Record<string, unknown>)['x-kubernetes-preserve-unknown-fields'] ? [at] : [];
    return here.concat(
      Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
        openPaths(v, k === 'properties' || k === 'items' ? at : `${at}.${k}`)
      )
    );
  }

  it('are closed except where upstream marks fields open (arguments, nested filter expressions)', () => {
    const open = HAND_WRITTEN_CRDS.flatMap((file) =>
      parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => {
        const crd = d.toJS() as { spec: { names: { kind: string }; versions: Array<{ schema: unknown }> } };
        return [crd.spec.names.kind, openPaths(crd.spec.versions[0].schema, '').sort()];
      })
    );
    expect(Object.fromEntries(open)).toEqual({
      Broker: [],
      Trigger: [
        '.openAPIV3Schema.spec.filters.all',
        '.openAPIV3Schema.spec.filters.any',
        '.openAPIV3Schema.spec.filters.not',
      ],
      Exchange: ['.openAPIV3Schema.spec.arguments'],
      Queue: ['.openAPIV3Schema.spec.arguments'],
      Binding: ['.openAPIV3Schema.spec.arguments'],
    });
  });
});

describe('what the operator and the manifests write', () => {
  it.each(Object.entries(operatorObjects))('the operator’s %s passes and nothing of it is pruned', async (_, make) => {
    const obj = make();
    const stored = await apply(obj, 'Strict');
    expect(stored.spec).toMatchObject(obj.spec as object);
    expect(stored.metadata?.labels).toEqual(obj.metadata?.labels);
  });

  it.each(manifestObjects().map((o) => [`${o.kind} ${o.metadata?.name}`, o] as const))(
    'the manifests’ %s passes and nothing of it is pruned',
    async (_, obj) => {
      const stored = await apply(obj, 'Strict');
      expect(stored.spec).toMatchObject(obj.spec as object); // plus upstream's defaults (relabeling action)
    }
  );
});

describe('a typo is rejected', () => {
  const typos: Array<[string, () => KubeObject, string]> = [
    [
      'Knative Service spec.template.spec.contaner',
      () => {
        const o = operatorObjects['Knative Service']() as { spec: { template: { spec: Record<string, unknown> } } };
        o.spec.template.spec.contaner = o.spec.template.spec.containers;
        return o as unknown as KubeObject;
      },
      '.spec.template.spec.contaner',
    ],
    [
      'Trigger spec.subscriber.urii',
      () => withField(operatorObjects.Trigger(), ['subscriber', 'urii'], 'http://x'),
      '.spec.subscriber.urii',
    ],
    [
      'Trigger spec.delivery.retries',
      () => withField(operatorObjects.Trigger(), ['delivery', 'retries'], 3),
      '.spec.delivery.retries',
    ],
    [
      'Broker spec.config.nmae',
      () => withField(operatorObjects.Broker(), ['config', 'nmae'], 'x'),
      '.spec.config.nmae',
    ],
    ['Queue spec.durabel', () => withField(operatorObjects.Queue(), ['durabel'], true), '.spec.durabel'],
    ['Exchange spec.autodelete', () => withField(operatorObjects.Exchange(), ['autodelete'], true), '.spec.autodelete'],
    ['Binding spec.routingkey', () => withField(operatorObjects.Binding(), ['routingkey'], 'x'), '.spec.routingkey'],
    ['ServiceMonitor spec.endpoint', () => withField(manifestObjects()[0], ['endpoint'], []), '.spec.endpoint'],
  ];

  function withField(obj: KubeObject, at: string[], value: unknown): KubeObject {
    let node = obj.spec as Record<string, unknown>;
    at.slice(0, -1).forEach((k) => (node = node[k] as Record<string, unknown>));
    node[at[at.length - 1]] = value;
    return obj;
  }

  // server-side apply turns the object into a typed value of the schema first: an undeclared field fails the
  // request whatever fieldValidation says (HTTP 500 "failed to create typed patch object" in v1.36)
  it.each(typos)('%s, by server-side apply (what the operator uses), with any fieldValidation', async (_, make, at) => {
    for (const fieldValidation of [undefined, 'Ignore', 'Strict']) {
      const { code, message } = await rejection(apply(make(), fieldValidation));
      expect({ code, message }).toEqual({
        code: 500,
        message: expect.stringContaining(`${at}: field not declared in schema`),
      });
    }
  });

  it('by create/update only with fieldValidation=Strict: by default the server prunes it (with a warning)', async () => {
    const queue = withField(operatorObjects.Queue(), ['durabel'], true);
    queue.metadata = { ...queue.metadata, name: 'typo-queue' };
    const base = { group: 'rabbitmq.com', version: 'v1beta1', plural: 'queues', namespace: NS };
    const strict = await rejection(
      custom.createNamespacedCustomObject({ ...base, body: queue, fieldValidation: 'Strict' })
    );
    expect(strict).toEqual({ code: 400, message: expect.stringContaining('unknown field "spec.durabel"') });
    const pruned = (await custom.createNamespacedCustomObject({ ...base, body: queue })) as KubeObject;
    expect(pruned.spec).not.toHaveProperty('durabel');
    await custom.deleteNamespacedCustomObject({ ...base, name: queue.metadata!.name! });
  });
});

describe('the operator’s gateway', () => {
  it('fails a status write with a typo (fieldValidation=Strict) instead of pruning it', async () => {
    const gateway = new KubeGateway(cp.adminKubeConfig, 'crd-checks');
    const created = (await custom.createNamespacedCustomObject({
      ...LF,
      namespace: NS,
      body: lambdaFunction(NS, 'status-typo'),
    })) as LambdaFunction;
    const typo = { phase: 'Ready', observedGenration: 1 } as unknown as LambdaFunction['status'] & object;
    const refused = await rejection(gateway.writeStatus(created, typo));
    expect(refused).toEqual({
      code: 400,
      message: expect.stringContaining('unknown field "status.observedGenration"'),
    });
    await expect(gateway.writeStatus(created, { phase: 'Ready', observedGeneration: 1 })).resolves.toBeDefined();
  });

  it('fails an apply with a typo', async () => {
    const gateway = new KubeGateway(cp.adminKubeConfig, 'crd-checks');
    const queue = operatorObjects.Queue();
    (queue.spec as Record<string, unknown>).durabel = true;
    const refused = await rejection(gateway.apply('rabbitQueuesWrite', RESOURCES.rabbitQueue, queue));
    expect(refused.message).toContain('.spec.durabel: field not declared in schema');
  });
});

describe('upstream value rules without a webhook', () => {
  const invalid: Array<[string, () => KubeObject, RegExp]> = [
    [
      'Trigger backoffPolicy outside linear/exponential',
      () => patched(operatorObjects.Trigger(), { delivery: { backoffPolicy: 'exponentail' } }),
      /spec.delivery.backoffPolicy: Unsupported value: "exponentail"/,
    ],
    [
      'Trigger negative retry',
      () => patched(operatorObjects.Trigger(), { delivery: { retry: -1 } }),
      /spec.delivery.retry: Invalid value: -1/,
    ],
    [
      'Trigger with broker and brokerRef',
      () => patched(operatorObjects.Trigger(), { brokerRef: { kind: 'Broker', name: 'default' } }),
      /expected exactly one of broker, brokerRef/,
    ],
    [
      'Trigger subscriber without ref or uri',
      () => patched(operatorObjects.Trigger(), { subscriber: { audience: 'x' } }),
      /expected at least one of ref, uri/,
    ],
    [
      'Binding destinationType outside exchange/queue',
      () => patched(operatorObjects.Binding(), { destinationType: 'queues' }),
      /spec.destinationType: Unsupported value: "queues"/,
    ],
    [
      'Queue without rabbitmqClusterReference',
      () => patched(operatorObjects.Queue(), { rabbitmqClusterReference: undefined }),
      /spec.rabbitmqClusterReference: Required value/,
    ],
    [
      'Knative Service without containers',
      () => patched(operatorObjects['Knative Service'](), { template: { spec: { containerConcurrency: 1 } } }),
      /spec.template.spec.containers: Required value/,
    ],
  ];

  /** the object with spec members replaced (undefined deletes) */
  function patched(obj: KubeObject, spec: Record<string, unknown>): KubeObject {
    const merged = { ...(obj.spec as object), ...spec } as Record<string, unknown>;
    Object.keys(merged).forEach((k) => merged[k] === undefined && delete merged[k]);
    return { ...obj, spec: merged };
  }

  it.each(invalid)('%s is refused with 422', async (_, make, message) => {
    const refused = await rejection(apply(make(), 'Strict'));
    expect(refused.code).toBe(422);
    expect(refused.message).toMatch(message);
  });

  it('upstream CRD defaults are applied by the API server (vhost, exchange type, deletionPolicy)', async () => {
    const exchange = operatorObjects.Exchange();
    delete (exchange.spec as Record<string, unknown>).type;
    const stored = await apply(exchange, 'Strict');
    expect(stored.spec).toMatchObject({ type: 'direct', vhost: '/' });
    expect((await apply(operatorObjects.Queue(), 'Strict')).spec).toMatchObject({
      deletionPolicy: 'delete',
      vhost: '/',
    });
  });

  it('a Revision carries status.actualReplicas (where a real cluster reports replicas)', async () => {
    const revision = RESOURCES.knativeRevision;
    const base = { ...customObjectsPathOf(revision), namespace: NS };
    const body = {
      apiVersion: apiVersionOf(revision),
      kind: revision.kind,
      metadata: { name: 'hello-00001' },
      spec: { containers: [{ image: 'registry.local/hello:1' }] },
    };
    await custom.createNamespacedCustomObject({ ...base, body, fieldValidation: 'Strict' });
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const stored = (await custom.patchNamespacedCustomObjectStatus(
      {
        ...base,
        name: 'hello-00001',
        body: { status: { actualReplicas: 2, desiredReplicas: 2 } },
        fieldValidation: 'Strict',
      },
      merge
    )) as { status: Record<string, unknown> };
    expect(stored.status).toMatchObject({ actualReplicas: 2, desiredReplicas: 2 });
  });
});
