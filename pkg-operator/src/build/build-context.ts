// The build context of one function: Dockerfile + runtime wrapper + the user's files, as a deterministic
// tar.gz. Its sha256 is the function's content hash, which names the Job, the context ConfigMaps and the image.
import { createHash } from 'node:crypto';

import type { Runtime } from '../../../contract';
import type { LambdaFunctionSpec } from '../api';
import type { SourceFiles } from '../sources/types';

import { renderDockerfile } from './dockerfile';
import type { RuntimeKit } from './runtime-wrappers';
import type { TarEntry } from './tar';
import { tarGz } from './tar';

export interface BuildContext {
  /** sha256 hex of the compressed context */
  contentHash: string;
  archive: Buffer;
}

export interface BuildContextInputs {
  spec: LambdaFunctionSpec;
  source: SourceFiles;
  runtimes: Record<Runtime, RuntimeKit>;
  baseImages?: Record<Runtime, string>;
}

export function buildContext({ spec, source, runtimes, baseImages }: BuildContextInputs): BuildContext {
  const kit = runtimes[spec.runtime.language];
  const entries: TarEntry[] = [
    { path: 'Dockerfile', content: Buffer.from(renderDockerfile(kit.dockerfile, spec, baseImages)) },
  ];
  for (const [file, wrapper] of Object.entries(kit.files)) {
    entries.push({ path: `runtime/${file}`, content: wrapper.content, executable: wrapper.executable });
  }
  for (const [file, content] of Object.entries(source.files)) {
    entries.push({ path: `function/${file}`, content: typeof content === 'string' ? Buffer.from(content) : content });
  }
  const archive = tarGz(entries);
  return { contentHash: createHash('sha256').update(archive).digest('hex'), archive };
}

/** splits the archive into pieces that each fit in one ConfigMap's binaryData */
export function splitArchive(archive: Buffer, partBytes: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < archive.length; offset += partBytes) {
    parts.push(archive.subarray(offset, offset + partBytes));
  }
  return parts.length > 0 ? parts : [archive];
}
