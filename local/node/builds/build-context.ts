// The build context exactly as Kaniko receives it: the init container `cat`s the archive key of every mounted
// context ConfigMap, in mount-path order (the shell glob's order), into the workspace; Kaniko unpacks the tar.gz
// named by --context=tar://….
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { CoreV1Api, V1Job } from '@kubernetes/client-node';

export class ContextNotReady extends Error {}

/** the archive's file name: the basename of Kaniko's --context=tar://<path> */
export function contextArchiveKey(job: V1Job): string {
  const kaniko = job.spec?.template.spec?.containers[0];
  const arg = kaniko?.args?.find((a) => a.startsWith('--context=tar://'));
  if (!arg) {
    throw new Error('the build Job has no --context=tar://… argument');
  }
  return path.posix.basename(arg.slice('--context=tar://'.length));
}

/** the ConfigMaps the init container reads, in the order it concatenates them */
export function contextConfigMapNames(job: V1Job): string[] {
  const spec = job.spec?.template.spec;
  const init = spec?.initContainers?.[0];
  const byVolume = new Map((spec?.volumes ?? []).map((v) => [v.name, v.configMap?.name]));
  return (init?.volumeMounts ?? [])
    .filter((m) => byVolume.get(m.name) !== undefined)
    .sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0))
    .map((m) => byVolume.get(m.name)!);
}

export async function joinContext(core: CoreV1Api, job: V1Job): Promise<Buffer> {
  const namespace = job.metadata?.namespace ?? '';
  const key = contextArchiveKey(job);
  const parts: Buffer[] = [];
  for (const name of contextConfigMapNames(job)) {
    let data: string | undefined;
    try {
      data = (await core.readNamespacedConfigMap({ namespace, name })).binaryData?.[key];
    } catch {
      throw new ContextNotReady(`configmap "${name}" not found`);
    }
    if (data === undefined) {
      throw new ContextNotReady(`configmap "${name}" has no key ${key}`);
    }
    parts.push(Buffer.from(data, 'base64'));
  }
  return Buffer.concat(parts);
}

/** unpacks with the system tar, as Kaniko's own untar would see the archive */
export function unpackContext(archive: Buffer, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = `${dir}.tar.gz`;
  fs.writeFileSync(file, archive);
  try {
    execFileSync('tar', ['-xzf', file, '-C', dir, '--no-same-owner'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error(
      `the build context is not a valid tar.gz: ${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`
    );
  }
  fs.rmSync(file);
}
