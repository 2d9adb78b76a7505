// Reassembles a build context from its ConfigMaps and lists the archive, with the system tar (as Kaniko's
// own untar would see it). tar is part of every Debian base system; its absence fails the test loudly.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { CoreV1Api } from '@kubernetes/client-node';

import { K8S_LABELS } from '../../../contract';

export async function contextArchive(core: CoreV1Api, namespace: string, fn: string): Promise<Buffer> {
  const list = await core.listNamespacedConfigMap({ namespace, labelSelector: `${K8S_LABELS.function}=${fn}` });
  const parts = list.items.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  return Buffer.concat(parts.map((cm) => Buffer.from(cm.binaryData!['context.tar.gz'], 'base64')));
}

export function listArchive(archive: Buffer): { entries: string[]; read(entry: string): string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctx-'));
  const file = path.join(dir, 'context.tar.gz');
  fs.writeFileSync(file, archive);
  const entries = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
  const out = path.join(dir, 'x');
  fs.mkdirSync(out);
  execFileSync('tar', ['-xzf', file, '-C', out]);
  return { entries, read: (entry) => fs.readFileSync(path.join(out, entry), 'utf8') };
}
