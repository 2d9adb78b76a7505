// Builds the catalog zip from the dist/ that `npm run build` produced (scripts/package.mjs --no-build) and reads it
// back as the validator does: every entry with its Unix mode, its creator system and its bytes.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import yauzl from 'yauzl';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const PLUGIN_ID = 'knative-lambda-app';

export interface ZipEntry {
  name: string;
  /** (externalFileAttributes >> 16): file type and permission bits */
  unixMode: number;
  /** versionMadeBy >> 8: 3 is Unix */
  creatorSystem: number;
  isDirectory: boolean;
  isSymlink: boolean;
  data: Buffer;
}

export interface BuiltZip {
  zipPath: string;
  sha1File: string;
  entries: ZipEntry[];
}

/** runs the packaging script on the built dist/ and returns the zip it wrote into outDir */
export function packageBuiltDist(outDir: string): string {
  const out = execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts/package.mjs'), '--no-build', '--out', outDir],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }
  );
  const zips = fs.readdirSync(outDir).filter((f) => f.endsWith('.zip'));
  if (zips.length !== 1) {
    throw new Error(`expected one zip in ${outDir}, found ${zips.join(', ') || 'none'}; the script said: ${out}`);
  }
  return path.join(outDir, zips[0]);
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readZip(zipPath: string): Promise<ZipEntry[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  const entries: ZipEntry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const unixMode = entry.externalFileAttributes >>> 16;
      const isDirectory = entry.fileName.endsWith('/');
      entries.push({
        name: entry.fileName,
        unixMode,
        creatorSystem: entry.versionMadeBy >> 8,
        isDirectory,
        isSymlink: (unixMode & 0o170000) === 0o120000,
        data: isDirectory ? Buffer.alloc(0) : await readStream(await zip.openReadStreamPromise(entry)),
      });
    }
  } finally {
    zip.close();
  }
  return entries;
}

/** unpacks like a manual `unzip`: directories and files with the modes the zip stores */
export function extractTo(entries: ZipEntry[], dir: string): void {
  for (const e of entries.filter((x) => x.isDirectory)) {
    fs.mkdirSync(path.join(dir, e.name), { recursive: true, mode: e.unixMode & 0o777 });
  }
  for (const e of entries.filter((x) => !x.isDirectory)) {
    const file = path.join(dir, e.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, e.data, { mode: e.unixMode & 0o777 });
    fs.chmodSync(file, e.unixMode & 0o777);
  }
}

export async function buildZip(outDir: string): Promise<BuiltZip> {
  const zipPath = packageBuiltDist(outDir);
  return { zipPath, sha1File: `${zipPath}.sha1`, entries: await readZip(zipPath) };
}
