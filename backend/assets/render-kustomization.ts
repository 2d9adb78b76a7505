// Renders a kustomization with the real kustomize built into kubectl (`kubectl kustomize <dir>`), so the objects
// the backend embeds are exactly what `kubectl apply -k <dir>` applies. Runs at build time and in development,
// never inside the executable.
import { execFileSync } from 'node:child_process';

import { parseAllDocuments } from 'yaml';

import { ensureKubectl } from '../../local/control-plane/binaries';

import type { ManifestObject } from './manifest-bundle';

/** the YAML stream `kubectl kustomize` prints for `dir` */
export function kustomizeBuild(dir: string, kubectl = ensureKubectl()): string {
  return execFileSync(kubectl, ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** the objects of a kustomize YAML stream, in its order */
export function parseManifestStream(text: string): ManifestObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) {
        throw new Error(`kubectl kustomize printed invalid YAML: ${doc.errors[0].message}`);
      }
      return doc.toJS() as ManifestObject | null;
    })
    .filter((obj): obj is ManifestObject => obj !== null);
}

export function renderKustomization(dir: string): ManifestObject[] {
  try {
    return parseManifestStream(kustomizeBuild(dir));
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`kubectl kustomize ${dir} failed: ${stderr || (err as Error).message}`);
  }
}
