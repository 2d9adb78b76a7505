// Files the backend needs at run time. A single executable has no repository next to it, so the build
// (backend/build/build.mjs) embeds them as a compile-time constant; in development they are read from the repo.
import type { ManifestBundle } from './manifest-bundle';
import { readRepoAssets } from './repo-assets';

export interface EmbeddedAssets {
  /** .proto sources by file name */
  protos: Record<string, string>;
  operatorManifests: ManifestBundle;
}

declare const __KNATIVE_LAMBDA_ASSETS__: EmbeddedAssets | undefined;

let loaded: EmbeddedAssets | undefined;

export function embeddedAssets(): EmbeddedAssets {
  loaded ??= typeof __KNATIVE_LAMBDA_ASSETS__ !== 'undefined' ? __KNATIVE_LAMBDA_ASSETS__ : readRepoAssets();
  return loaded;
}
