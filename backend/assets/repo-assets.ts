// Reads the embedded assets from the repository checkout (development, tests, and the build itself).
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { EmbeddedAssets } from './embedded';
import type { ManifestBundle } from './manifest-bundle';
import { renderKustomization } from './render-kustomization';

export const REPO_ROOT = path.resolve(__dirname, '../..');
const PROTO_DIR = path.join(REPO_ROOT, 'backend/protocol');
export const OPERATOR_KUSTOMIZATION_DIR = 'pkg-operator/k8s/base';

export function readOperatorManifests(root = REPO_ROOT): ManifestBundle {
  const source = OPERATOR_KUSTOMIZATION_DIR;
  try {
    return { source, objects: renderKustomization(path.join(root, source)) };
  } catch (err) {
    return { source, objects: [], error: (err as Error).message };
  }
}

export function readRepoAssets(root = REPO_ROOT): EmbeddedAssets {
  const protoDir = path.join(root, path.relative(REPO_ROOT, PROTO_DIR));
  const protos: Record<string, string> = {};
  for (const file of fs
    .readdirSync(protoDir)
    .filter((f) => f.endsWith('.proto'))
    .sort()) {
    protos[file] = fs.readFileSync(path.join(protoDir, file), 'utf8');
  }
  return { protos, operatorManifests: readOperatorManifests(root) };
}
