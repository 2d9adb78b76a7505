// The kustomize reader that bundles the operator manifests: what it applies and what it refuses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readKustomization } from '../../backend/assets/kustomize';

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

describe('kustomize reader', () => {
  it('reads resources and nested bases, sets namespace, labels and images, sorts in apply order', () => {
    const dir = tree({
      'kustomization.yaml': `
resources: [deploy.yaml, sub, ns.yaml]
namespace: ops
commonLabels: {team: core}
images: [{name: example/op, newTag: "1.2.3"}]
`,
      'deploy.yaml': `
apiVersion: apps/v1
kind: Deployment
metadata: {name: op}
spec: {template: {spec: {containers: [{name: op, image: example/op:dev}]}}}
`,
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ops}\n',
      'sub/kustomization.yaml': 'resources: [rbac.yaml]\n',
      'sub/rbac.yaml': `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: op}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: op}
subjects: [{kind: ServiceAccount, name: op, namespace: elsewhere}]
`,
    });
    const objects = readKustomization(dir);
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'ClusterRoleBinding', 'Deployment']);
    const [ns, binding, deployment] = objects as Array<Record<string, any>>;
    expect(ns.metadata.namespace).toBeUndefined();
    expect(binding.metadata.namespace).toBeUndefined();
    expect(binding.subjects[0].namespace).toBe('ops');
    expect(deployment.metadata).toMatchObject({ namespace: 'ops', labels: { team: 'core' } });
    expect(deployment.spec.template.spec.containers[0].image).toBe('example/op:1.2.3');
  });

  it('refuses kustomize features it does not implement, and broken resources', () => {
    expect(() => readKustomization(tree({ 'kustomization.yaml': 'resources: []\npatches: []\n' }))).toThrow(
      /unsupported kustomize field\(s\) patches/
    );
    expect(() =>
      readKustomization(tree({ 'kustomization.yaml': 'resources: [x.yaml]\n', 'x.yaml': 'kind: Foo\n' }))
    ).toThrow(/lacks apiVersion, kind or metadata.name/);
    expect(() => readKustomization(tree({}))).toThrow(/no kustomization.yaml/);
  });
});
