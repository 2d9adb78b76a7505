import { LAMBDA_API_VERSION, type LambdaFunction } from '../api';

import { HEALTH_PATH, knativeService } from './knative-service';

const fn: LambdaFunction = {
  apiVersion: LAMBDA_API_VERSION,
  kind: 'LambdaFunction',
  metadata: { name: 'hello', namespace: 'team-a' },
  spec: {
    source: { inline: { code: 'def handle(data, context):\n    return data\n' } },
    runtime: { language: 'python', version: '3.12' },
  },
};

interface Container {
  readinessProbe?: unknown;
  livenessProbe?: unknown;
}

it("probes the wrapper's /health for readiness and liveness, so a wrapper that reports 503 is restarted", () => {
  const svc = knativeService(fn, 'registry.test:5000/hello@sha256:' + 'a'.repeat(64));
  const [container] = (svc.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers;
  expect(container.readinessProbe).toMatchObject({ httpGet: { path: HEALTH_PATH } });
  expect(container.livenessProbe).toEqual({ httpGet: { path: HEALTH_PATH }, periodSeconds: 10, failureThreshold: 3 });
});
