// The production bundle as Grafana serves it: every dist/*.js, raw and gzipped (zlib's default level, as a
// reverse proxy or Grafana's own gzip = true would send it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** module.js (the entry) first, then the chunks, largest first. */
export function bundleSizes(distDir: string): BundleFile[] {
  const files = readdirSync(distDir).filter((f) => f.endsWith('.js'));
  if (!files.includes('module.js')) {
    throw new Error(`${distDir}/module.js is missing: run npm run build:frontend`);
  }
  return files
    .map((file) => {
      const bytes = readFileSync(join(distDir, file));
      return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
    })
    .sort((a, b) => (a.file === 'module.js' ? -1 : b.file === 'module.js' ? 1 : b.gzipBytes - a.gzipBytes));
}
