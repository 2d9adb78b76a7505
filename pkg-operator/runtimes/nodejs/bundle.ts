// Bundles the Node.js wrapper (with prom-client and the contract inlined) into one wrapper.js for function images.
// CLI: tsx bundle.ts <out-file>; the operator's build step copies the result into the image context.
import { buildSync } from 'esbuild';
import { join } from 'node:path';

export const WRAPPER_ENTRY = join(__dirname, 'src', 'main.ts');

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
  const out = process.argv[2];
  if (!out) {
    console.error('usage: tsx bundle.ts <out-file>');
    process.exit(2);
  }
  bundleNodeWrapper(out);
}
