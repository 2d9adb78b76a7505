// One stack per test file, started by the same code as `npm start`, with a short idle window so scale to zero
// happens within the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CustomObjectsApi } from '@kubernetes/client-node';

import { ROLE_COOKIE } from '../../local/host/server/current-user';
import type { StackOptions } from '../../local/stack/options';
import { startStack, type RunningStack } from '../../local/stack/stack';
import { LAMBDA_GROUP, LAMBDA_PLURAL, LAMBDA_VERSION, type LambdaFunction } from '../../pkg-operator/src/api';

export const TEST_IDLE_WINDOW_SECONDS = 20;

export async function startTestStack(
  overrides: Partial<StackOptions> = {}
): Promise<RunningStack & { cleanup(): Promise<void> }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kl-stack-test-'));
  const lines: string[] = [];
  const stack = await startStack(
    {
      stateDir,
      hostPort: 0,
      prometheusPort: 0,
      idleWindowSeconds: TEST_IDLE_WINDOW_SECONDS,
      trafficSeconds: 1800,
      examples: true,
      ...overrides,
    },
    (line) => lines.push(line)
  );
  return Object.assign(stack, {
    async cleanup() {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  });
}

export async function readFunction(stack: RunningStack, namespace: string, name: string): Promise<LambdaFunction> {
  const api = stack.controlPlane.adminKubeConfig.makeApiClient(CustomObjectsApi);
  return (await api.getNamespacedCustomObject({
    group: LAMBDA_GROUP,
    version: LAMBDA_VERSION,
    namespace,
    plural: LAMBDA_PLURAL,
    name,
  })) as LambdaFunction;
}

/** One invocation as a client of the function's URL would make it. */
export async function invoke(
  url: string,
  data: unknown = { hello: 'stack' }
): Promise<{ status: number; ceType: string; body: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, ceType: response.headers.get('ce-type') ?? '', body: await response.text() };
}

export type Role = 'Viewer' | 'Editor' | 'Admin';

/** A request to the host as a signed-in user of the given role (the host's user switch is a cookie). */
export async function asUser(
  stack: RunningStack,
  role: Role,
  path: string,
  init: { method?: string; body?: unknown } = {}
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${stack.hostUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie: `${ROLE_COOKIE}=${role}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: response.status, json };
}
