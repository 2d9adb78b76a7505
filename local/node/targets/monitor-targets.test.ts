// The target labels the shipped PodMonitor and ServiceMonitors produce, from the manifests themselves.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseAllDocuments } from 'yaml';

import type { Monitor, PodView, ServiceView } from './monitor-targets';
import { podMonitorTargets, serviceMonitorTargets } from './monitor-targets';
import { relabel } from './relabel';

const BASE = path.resolve(__dirname, '../../../pkg-operator/k8s/base');

function monitor(file: string, kind: Monitor['kind'], name: string): Monitor {
  const docs = parseAllDocuments(fs.readFileSync(path.join(BASE, file), 'utf8')).map((d) => d.toJSON() as Monitor);
  const found = docs.find((d) => d.kind === kind && d.metadata.name === name);
  if (!found) {
    throw new Error(`${file} has no ${kind} ${name}`);
  }
  return found;
}

const functionPod: PodView = {
  namespace: 'team-a',
  name: 'hello-00001-deployment-5d8f7c9b4a-x2k4p',
  labels: {
    'lambda.knative.io/function': 'hello',
    'lambda.knative.io/runtime': 'python',
    'serving.knative.dev/revision': 'hello-00001',
  },
  ready: true,
  containers: [
    { name: 'user-container', ports: [{ name: 'user-port', containerPort: 8080, address: '127.0.0.1:40001' }] },
  ],
};

const operatorPod: PodView = {
  namespace: 'knative-lambda',
  name: 'knative-lambda-operator-0123456789-abcde',
  labels: { 'app.kubernetes.io/name': 'knative-lambda-operator', 'pod-template-hash': '0123456789' },
  ready: true,
  containers: [{ name: 'operator', ports: [{ name: 'metrics', containerPort: 8080, address: '127.0.0.1:40002' }] }],
};

const operatorService: ServiceView = {
  namespace: 'knative-lambda',
  name: 'knative-lambda-operator',
  labels: { 'app.kubernetes.io/name': 'knative-lambda-operator' },
  selector: { 'app.kubernetes.io/name': 'knative-lambda-operator' },
  ports: [{ name: 'metrics', port: 8080, targetPort: 'metrics' }],
};

test('the PodMonitor gives function pods function, runtime, namespace, pod, container, endpoint and its job', () => {
  const files = podMonitorTargets(monitor('podmonitor.yaml', 'PodMonitor', 'knative-lambda-functions'), [
    functionPod,
    operatorPod,
  ]);
  expect(files).toEqual([
    {
      id: 'podmonitor-knative-lambda-knative-lambda-functions-0',
      honorLabels: true,
      groups: [
        {
          targets: ['127.0.0.1:40001'],
          labels: {
            __metrics_path__: '/metrics',
            __scheme__: 'http',
            job: 'knative-lambda/knative-lambda-functions',
            namespace: 'team-a',
            container: 'user-container',
            pod: 'hello-00001-deployment-5d8f7c9b4a-x2k4p',
            endpoint: 'user-port',
            function: 'hello',
            runtime: 'python',
          },
        },
      ],
    },
  ]);
});

test('the operator ServiceMonitor follows the Service to the pod port, honouring labels', () => {
  const files = serviceMonitorTargets(
    monitor('servicemonitor.yaml', 'ServiceMonitor', 'knative-lambda-operator'),
    [operatorService],
    [functionPod, operatorPod]
  );
  expect(files).toEqual([
    {
      id: 'servicemonitor-knative-lambda-knative-lambda-operator-0',
      honorLabels: true,
      groups: [
        {
          targets: ['127.0.0.1:40002'],
          labels: {
            __metrics_path__: '/metrics',
            __scheme__: 'http',
            job: 'knative-lambda-operator',
            namespace: 'knative-lambda',
            service: 'knative-lambda-operator',
            pod: 'knative-lambda-operator-0123456789-abcde',
            container: 'operator',
            endpoint: 'metrics',
          },
        },
      ],
    },
  ]);
});

test('the dead-letter forwarder ServiceMonitor selects on both labels and does not honour labels', () => {
  const forwarder = monitor('dlq-forwarder.yaml', 'ServiceMonitor', 'lambda-dlq-forwarder');
  const labels = { 'app.kubernetes.io/name': 'lambda-dlq-forwarder', 'app.kubernetes.io/part-of': 'knative-lambda' };
  const pod: PodView = {
    ...operatorPod,
    name: 'lambda-dlq-forwarder-0123456789-abcde',
    labels,
    containers: [{ name: 'forwarder', ports: [{ name: 'http', containerPort: 8080, address: '127.0.0.1:40003' }] }],
  };
  const service: ServiceView = {
    ...operatorService,
    name: 'lambda-dlq-forwarder',
    labels,
    selector: { 'app.kubernetes.io/name': 'lambda-dlq-forwarder' },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  };
  const [file] = serviceMonitorTargets(forwarder, [service], [pod]);
  expect(file.honorLabels).toBe(false);
  expect(file.groups.map((g) => [g.targets, g.labels.job, g.labels.endpoint])).toEqual([
    [['127.0.0.1:40003'], 'lambda-dlq-forwarder', 'http'],
  ]);
  // a Service with only one of the two labels is not selected
  const unselected = { ...service, labels: { 'app.kubernetes.io/name': 'lambda-dlq-forwarder' } };
  expect(serviceMonitorTargets(forwarder, [unselected], [pod])[0].groups).toEqual([]);
});

test('relabel: replace with groups, empty result deletes, keep/drop filter, labelmap copies', () => {
  const input = { __meta_a: 'x-1', b: 'keep-me' };
  expect(
    relabel(input, [{ sourceLabels: ['__meta_a'], regex: '(\\w)-(\\d)', targetLabel: 'c', replacement: '$2$1' }])
  ).toEqual({
    ...input,
    c: '1x',
  });
  expect(relabel(input, [{ sourceLabels: ['missing'], targetLabel: 'b' }])).toEqual({ __meta_a: 'x-1' });
  expect(relabel(input, [{ sourceLabels: ['b'], regex: 'keep-.*', action: 'keep' }])).toEqual(input);
  expect(relabel(input, [{ sourceLabels: ['b'], regex: 'keep-.*', action: 'drop' }])).toBeUndefined();
  expect(relabel(input, [{ regex: '__meta_(.*)', action: 'labelmap' }])).toEqual({ ...input, a: 'x-1' });
});
