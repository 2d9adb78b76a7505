// Files the backend needs at run time. A single executable has no repository next to it, so the build
// (backend/build/build.mjs) embeds them as compile-time constants; in development they are read from the repo.
// The repo reader is required only on that path, so the executable's bundle leaves it (and yaml) out.
import type { ManifestBundle } from './manifest-bundle';
import type * as RepoAssets from './repo-assets';

export interface EmbeddedAssets {
  /** .proto sources by file name */
  protos: Record<string, string>;
  operatorManifests: ManifestBundle;
}

declare const __KNATIVE_LAMBDA_EMBEDDED__: boolean | undefined;
declare const __KNATIVE_LAMBDA_ASSETS__: EmbeddedAssets;

let loaded: EmbeddedAssets | undefined;

export function embeddedAssets(): EmbeddedAssets {
  loaded ??=
    typeof __KNATIVE_LAMBDA_EMBEDDED__ !== 'undefined'
      ? __KNATIVE_LAMBDA_ASSETS__
      : (require('./repo-assets') as typeof RepoAssets).readRepoAssets();
  return loaded;
}
