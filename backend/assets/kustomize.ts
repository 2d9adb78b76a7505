// A small, strict reader for a kustomize base: `resources` (files or directories with their own
// kustomization), `namespace`, `labels`/`commonLabels` and `images`. Any other kustomize feature is refused
// with an error naming it, so the bundled objects never silently differ from what `kubectl apply -k` applies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import type { ManifestObject } from './manifest-bundle';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'commonLabels', 'images']);

/** Kinds that are not namespaced, so `namespace:` does not apply to them. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
]);

/** Apply order: what others depend on first (as kubectl/kustomize sort them). */
const APPLY_ORDER = [
  'Namespace',
  'CustomResourceDefinition',
  'ServiceAccount',
  'ClusterRole',
  'Role',
  'ClusterRoleBinding',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'Service',
  'Deployment',
];

interface Kustomization {
  resources?: string[];
  namespace?: string;
  labels?: Array<{ pairs?: Record<string, string> }>;
  commonLabels?: Record<string, string>;
  images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
}

function findKustomizationFile(dir: string): string {
  for (const name of KUSTOMIZATION_FILES) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) {
      return file;
    }
  }
  throw new Error(`no kustomization.yaml in ${dir}`);
}

function parseYamlObjects(file: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    const obj = doc.toJS() as ManifestObject | null;
    if (obj === null) {
      continue;
    }
    if (typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string' || typeof obj.metadata?.name !== 'string') {
      throw new Error(`${file}: a document lacks apiVersion, kind or metadata.name`);
    }
    objects.push(obj);
  }
  return objects;
}

function setNamespace(obj: ManifestObject, namespace: string): void {
  if (!CLUSTER_SCOPED_KINDS.has(obj.kind)) {
    obj.metadata.namespace = namespace;
  }
  const subjects = (obj as { subjects?: Array<{ kind?: string; namespace?: string }> }).subjects;
  if ((obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') && Array.isArray(subjects)) {
    for (const s of subjects) {
      if (s.kind === 'ServiceAccount') {
        s.namespace = namespace;
      }
    }
  }
}

function podContainers(obj: ManifestObject): Array<{ image?: string }> {
  const spec = (obj as { spec?: { template?: { spec?: { containers?: []; initContainers?: [] } } } }).spec;
  const podSpec = spec?.template?.spec;
  return [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])];
}

function imageName(image: string): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

function applyImages(obj: ManifestObject, images: NonNullable<Kustomization['images']>): void {
  for (const container of podContainers(obj)) {
    const rule = container.image ? images.find((i) => i.name === imageName(container.image!)) : undefined;
    if (rule) {
      const name = rule.newName ?? rule.name;
      container.image = rule.digest ? `${name}@${rule.digest}` : `${name}:${rule.newTag ?? 'latest'}`;
    }
  }
}

function applyLabels(obj: ManifestObject, labels: Record<string, string>): void {
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...labels };
}

function applyOrder(kind: string): number {
  const i = APPLY_ORDER.indexOf(kind);
  return i < 0 ? APPLY_ORDER.length : i;
}

export function readKustomization(dir: string): ManifestObject[] {
  const file = findKustomizationFile(dir);
  const k = (parseDocument(fs.readFileSync(file, 'utf8')).toJS() ?? {}) as Kustomization & Record<string, unknown>;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0) {
    throw new Error(
      `${file}: unsupported kustomize field(s) ${unsupported.join(', ')} (extend backend/assets/kustomize.ts)`
    );
  }
  const objects: ManifestObject[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.resolve(dir, resource);
    objects.push(...(fs.statSync(target).isDirectory() ? readKustomization(target) : parseYamlObjects(target)));
  }
  const labels = { ...(k.commonLabels ?? {}), ...Object.assign({}, ...(k.labels ?? []).map((l) => l.pairs ?? {})) };
  for (const obj of objects) {
    if (k.namespace) {
      setNamespace(obj, k.namespace);
    }
    if (Object.keys(labels).length > 0) {
      applyLabels(obj, labels);
    }
    if (k.images) {
      applyImages(obj, k.images);
    }
  }
  return objects
    .map((obj, i) => ({ obj, i }))
    .sort((a, b) => applyOrder(a.obj.kind) - applyOrder(b.obj.kind) || a.i - b.i)
    .map((e) => e.obj);
}
