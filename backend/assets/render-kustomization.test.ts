// The operator manifests the backend embeds are what the real kustomize (kubectl kustomize) renders: equal to the
// parsed output of `kubectl kustomize pkg-operator/k8s/base`, with kustomize features a hand-written reader lacked,
// and a broken kustomization is reported with kubectl's own message.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { parseAllDocuments } from 'yaml';

import { ensureKubectl } from '../../local/control-plane/harness';

import { renderKustomization } from './render-kustomization';
import { OPERATOR_KUSTOMIZATION_DIR, readOperatorManifests, REPO_ROOT } from './repo-assets';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-kustomize-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const kubectlKustomize = (dir: string) =>
  parseAllDocuments(execFileSync(ensureKubectl(), ['kustomize', dir], { encoding: 'utf8' }))
    .map((d) => d.toJS())
    .filter((o) => o !== null);

describe('operator manifests rendered by kubectl kustomize', () => {
  it('embeds exactly the objects `kubectl kustomize pkg-operator/k8s/base` prints, in its order', () => {
    const bundle = readOperatorManifests();
    expect(bundle.error).toBeUndefined();
    expect(bundle.source).toBe(OPERATOR_KUSTOMIZATION_DIR);
    const expected = kubectlKustomize(path.join(REPO_ROOT, OPERATOR_KUSTOMIZATION_DIR));
    expect(expected.length).toBeGreaterThan(0);
    expect(bundle.objects).toEqual(expected);
  });

  it('renders kustomize features beyond resources/namespace/labels (patches, generators, name prefixes)', () => {
    const dir = tree({
      'kustomization.yaml': `
resources: [deploy.yaml]
namePrefix: team-
configMapGenerator: [{name: settings, literals: [LEVEL=debug]}]
patches: [{target: {kind: Deployment}, patch: '[{"op":"add","path":"/spec/replicas","value":3}]'}]
`,
      'deploy.yaml': `
apiVersion: apps/v1
kind: Deployment
metadata: {name: op}
spec: {template: {spec: {containers: [{name: op, image: example/op:dev}]}}}
`,
    });
    const objects = renderKustomization(dir) as Array<Record<string, any>>;
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Deployment']);
    expect(objects[0].metadata.name).toMatch(/^team-settings-[a-z0-9]{10}$/);
    expect(objects[1]).toMatchObject({ metadata: { name: 'team-op' }, spec: { replicas: 3 } });
    expect(objects).toEqual(kubectlKustomize(dir));
  });

  it("reports a broken kustomization with kubectl's message instead of embedding anything", () => {
    const root = tree({ [`${OPERATOR_KUSTOMIZATION_DIR}/kustomization.yaml`]: 'resources: [missing.yaml]\n' });
    const bundle = readOperatorManifests(root);
    expect(bundle.objects).toEqual([]);
    expect(bundle.error).toMatch(/kubectl kustomize .* failed: .*missing\.yaml/);
  });
});
