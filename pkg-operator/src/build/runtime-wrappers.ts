// The runtime wrapper files and Dockerfile template of each language (pkg-operator/runtimes/<language>/, written
// by the runtimes work) that go into every build context next to the user's code. Loaded once at startup; their
// bytes are part of the content hash, so a wrapper upgrade rebuilds the functions.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Runtime } from '../../../contract';

export interface WrapperFile {
  content: Buffer;
  executable: boolean;
}

export type WrapperFiles = Record<string, WrapperFile>;

/** what a language contributes to every build context: its wrapper files and its Dockerfile template */
export interface RuntimeKit {
  files: WrapperFiles;
  dockerfile: string;
}

const isTestFile = (name: string) =>
  /(^test_|_test\.|\.test\.)/.test(name) || name === '__pycache__' || name === 'tests';

function readTree(root: string, rel = ''): WrapperFiles {
  const out: WrapperFiles = {};
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    if (isTestFile(entry.name)) {
      continue;
    }
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      Object.assign(out, readTree(root, relPath));
    } else if (entry.isFile()) {
      const full = path.join(root, relPath);
      out[relPath] = { content: fs.readFileSync(full), executable: (fs.statSync(full).mode & 0o111) !== 0 };
    }
  }
  return out;
}

function goFiles(dir: string): WrapperFiles {
  const out: WrapperFiles = {};
  for (const name of fs.readdirSync(dir)) {
    if (isTestFile(name) || !/(\.go|go\.mod|\.tmpl|\.sh)$/.test(name)) {
      continue;
    }
    out[name] = { content: fs.readFileSync(path.join(dir, name)), executable: name.endsWith('.sh') };
  }
  return out;
}

/** the Node.js wrapper as one file: prebuilt in the operator image, bundled on the fly from source in development */
function nodeWrapper(dir: string): WrapperFiles {
  const prebuilt = path.join(dir, 'dist', 'wrapper.js');
  if (fs.existsSync(prebuilt)) {
    return { 'wrapper.js': { content: fs.readFileSync(prebuilt), executable: false } };
  }

  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(dir, 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node18',
    write: false,
    legalComments: 'none',
  });
  return { 'wrapper.js': { content: Buffer.from(result.outputFiles[0].contents), executable: false } };
}

export function loadRuntimeKits(runtimesDir: string): Record<Runtime, RuntimeKit> {
  const kit = (language: Runtime, files: WrapperFiles): RuntimeKit => ({
    files,
    dockerfile: fs.readFileSync(path.join(runtimesDir, language, 'Dockerfile'), 'utf8'),
  });
  return {
    nodejs: kit('nodejs', nodeWrapper(path.join(runtimesDir, 'nodejs'))),
    python: kit('python', readTree(path.join(runtimesDir, 'python'), 'knative_lambda_runtime')),
    go: kit('go', goFiles(path.join(runtimesDir, 'go'))),
  };
}
