// Types of sea.mjs for TypeScript callers (the benchmark).
export interface SeaTarget {
  arch: 'amd64' | 'arm64';
  npmPackage: string | null;
  strip: string;
}

export interface LazyModule {
  module: string;
  asset: string;
  stub: string;
}

export type SeaEntry = string | { contents: string; resolveDir: string; loader: 'js' | 'ts' };

export const TARGETS: SeaTarget[];
export const LAZY_MODULES: LazyModule[];

export function buildSea(
  entry: SeaEntry,
  outPrefix: string,
  options?: { define?: Record<string, string>; lazy?: LazyModule[]; targets?: SeaTarget[] }
): Promise<string[]>;
