import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';

import { build } from 'esbuild';

import {
  cjsDefaultInteropPlugin,
  grafanaInternalsPlugin,
  grafanaRouterPlugin,
  pluginCompatPlugin,
} from './esbuild-plugins';

const webDir = __dirname;
const repoRoot = path.resolve(webDir, '..', '..', '..');
const cacheRoot =
  process.env.KNATIVE_LAMBDA_HOST_CACHE ?? path.join(repoRoot, 'node_modules', '.cache', 'knative-lambda-host');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Hash of what the bundle is made from: the host's web sources, this build, and the installed dependency tree. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(webDir, 'src')),
    path.join(webDir, 'build.ts'),
    path.join(webDir, 'esbuild-plugins.ts'),
  ];
  for (const file of [...inputs.sort(), path.join(repoRoot, 'package-lock.json')]) {
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Drops bundles built from older inputs (about 12 MB each); in-progress `.tmp` builds are left alone. */
function pruneOtherBuilds(keep: string): void {
  for (const name of readdirSync(cacheRoot)) {
    const dir = path.join(cacheRoot, name);
    if (dir !== keep && !name.endsWith('.tmp')) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

let inflight: Promise<string> | undefined;

/**
 * Builds the host's browser bundle (`host.js`, its lazy chunks, `host.css`) once per input hash and returns the
 * directory it is in. Cached under node_modules/.cache/knative-lambda-host/<hash>/ (or $KNATIVE_LAMBDA_HOST_CACHE).
 */
export function buildHostBundle(): Promise<string> {
  inflight ??= buildOnce().finally(() => {
    inflight = undefined;
  });
  return inflight;
}

async function buildOnce(): Promise<string> {
  const outDir = path.join(cacheRoot, inputsHash());
  if (existsSync(path.join(outDir, 'host.js'))) {
    return outDir;
  }
  const tmpDir = `${outDir}.${process.pid}.tmp`;
  rmSync(tmpDir, { recursive: true, force: true });
  await build({
    entryPoints: { host: path.join(webDir, 'src', 'main.tsx') },
    outdir: tmpDir,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'browser',
    publicPath: '/public/build/',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    jsx: 'automatic',
    // The SystemJS AMD extra installs a global `define`; UMD code inside the host must not register with it.
    define: { 'process.env.NODE_ENV': '"production"', define: 'undefined', global: 'globalThis' },
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    logLevel: 'error',
    plugins: [grafanaInternalsPlugin(), grafanaRouterPlugin(), pluginCompatPlugin(), cjsDefaultInteropPlugin()],
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmpDir, outDir);
  pruneOtherBuilds(outDir);
  return outDir;
}
