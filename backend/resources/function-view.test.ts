import type { LambdaFunctionObject } from '../kube/lambda-functions';

import { functionSummary } from './function-view';

const DIGEST = `sha256:${'0f'.repeat(32)}`;

function built(build: Record<string, unknown>): LambdaFunctionObject {
  return {
    metadata: { namespace: 'team', name: 'fn', uid: 'u1' },
    spec: {
      source: { inline: { code: 'exports.handler = () => 1' } },
      runtime: { language: 'nodejs', version: '20' },
      env: [{ name: 'TOKEN', value: 'v' }],
    },
    status: { phase: 'Ready', build },
  };
}

test('the image is what runs: <repository>@<digest> once the build reported a digest', () => {
  const summary = functionSummary(built({ image: 'registry.local:5000/team/fn:abc', imageDigest: DIGEST }));
  expect(summary.image).toBe(`registry.local:5000/team/fn@${DIGEST}`);
  expect(summary.lastBuild).toMatchObject({ image: 'registry.local:5000/team/fn:abc', imageDigest: DIGEST });
});

test('before the digest is known, the image is the tag the build pushed to', () => {
  expect(functionSummary(built({ image: 'registry.local/team/fn:abc' })).image).toBe('registry.local/team/fn:abc');
});

test('a summary carries neither inline code nor env', () => {
  const text = JSON.stringify(functionSummary(built({})));
  expect(text).not.toContain('exports.handler');
  expect(text).not.toContain('TOKEN');
});
