export interface HostBuild {
  entry: string;
  out: string;
}

export function buildComposeBundles(root: string, outDir?: string): HostBuild[];
