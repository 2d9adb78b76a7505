// The release workflow cannot run here; these are its static guarantees: it runs on v* tags only, checks the tag
// against package.json, runs `npm test` before packaging, pins every action by major version, and attaches the
// zip and its .sha1 that scripts/package.mjs writes.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parse } from 'yaml';

import { REPO_ROOT } from './support/zip-reader';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}

const workflow = parse(fs.readFileSync(path.join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8'));
const steps = Object.values(workflow.jobs as Record<string, { steps: Step[] }>).flatMap((j) => j.steps);
const indexOf = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ''));

describe('.github/workflows/release.yml (checked statically)', () => {
  it('runs on v* tags only', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
  });

  it('pins every action by major version', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses!);
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((u) => !/^[\w-]+\/[\w-]+@v\d+$/.test(u))).toEqual([]);
  });

  it('checks the tag, then runs npm test, then packages the built dist/, then releases both files', () => {
    const order = [
      /package\.json.*version.*GITHUB_REF_NAME/,
      /^npm test$/,
      /scripts\/package\.mjs --no-build/,
      /gh release create/,
    ];
    const positions = order.map(indexOf);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(steps[positions[3]].run).toMatch(
      /knative-lambda-app-\$\{version\}\.zip" "knative-lambda-app-\$\{version\}\.zip\.sha1"/
    );
  });

  it('uses the Node version of .nvmrc', () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@')) as Step & {
      with?: Record<string, string>;
    };
    expect(node.with?.['node-version-file']).toBe('.nvmrc');
  });
});
