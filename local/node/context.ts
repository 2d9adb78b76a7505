// What every controller of the local node shares: API clients (admin: the node stands in for cluster
// components), the process supervisor, the image store and the scrape-target registry.
import type { AppsV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import type { ImageStore } from './images/image-store';
import type { NodeProcesses } from './node-processes';
import type { ScrapeTargets } from './targets/scrape-targets';

export interface NodeContext {
  kc: KubeConfig;
  core: CoreV1Api;
  batch: BatchV1Api;
  apps: AppsV1Api;
  custom: CustomObjectsApi;
  processes: NodeProcesses;
  images: ImageStore;
  targets: ScrapeTargets;
  rootDir: string;
  /** host-tool shims (python, pip, node) put first on PATH for build steps and images' entrypoints */
  shimDir: string;
  repoRoot: string;
  apiServerUrl: string;
  caPem: string;
  idleWindowMs: number;
  log: (line: string) => void;
}

export const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export const errorMessage = (err: unknown): string => {
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string' && body.includes('"message"')) {
    try {
      return (JSON.parse(body) as { message: string }).message;
    } catch {
      // not JSON after all
    }
  }
  return err instanceof Error ? err.message : String(err);
};

export const statusCode = (err: unknown): number | undefined => (err as { code?: number }).code;

/** ignores 404 (already gone) and 409 (already exists) */
export async function tolerate<T>(call: Promise<T>, ...codes: number[]): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (codes.includes(statusCode(err) ?? 0)) {
      return undefined;
    }
    throw err;
  }
}
