// The operator's manifests as bundled into the backend: the objects `kubectl kustomize` renders from the base, in its
// order (kustomize sorts Namespace and CRDs first).
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ManifestBundle {
  /** repository path the objects were read from */
  source: string;
  objects: ManifestObject[];
  /** set when the manifests could not be read at build time; deploy then answers 503 with it */
  error?: string;
}
