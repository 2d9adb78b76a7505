// Bundles the Node.js wrapper (with prom-client and the contract inlined) into one wrapper.js for function images.
// CLI: tsx bundle.ts [out-file] (default nodejs/dist/wrapper.js, where the operator's build step looks for it).
import { join } from 'node:path';

import { buildSync } from 'esbuild';

export const WRAPPER_ENTRY = join(__dirname, 'src', 'main.ts');
export const DEFAULT_BUNDLE = join(__dirname, 'dist', 'wrapper.js');

export function bundleNodeWrapper(outFile: string): void {
  buildSync({
    entryPoints: [WRAPPER_ENTRY],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'error',
  });
}

if (require.main === module) {
  bundleNodeWrapper(process.argv[2] ?? DEFAULT_BUNDLE);
}
