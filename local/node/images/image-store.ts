// The node's registry: each build's artefact (the final stage's directory + its image config) under a digest,
// and the image references that resolve to it, by tag (`<repo>:<tag>`, what Kaniko's --destination names) and by
// digest (`<repo>@sha256:<hex>`).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TarEntry } from '../../../pkg-operator/src/build/tar';
import { tar } from '../../../pkg-operator/src/build/tar';
import type { ImageConfig } from '../builds/run-dockerfile';

export interface Artefact {
  digest: string;
  rootfs: string;
  config: ImageConfig;
}

function walk(root: string, rel = ''): TarEntry[] {
  const entries: TarEntry[] = [];
  for (const item of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${item.name}` : item.name;
    const full = path.join(root, relPath);
    if (item.isDirectory()) {
      entries.push(...walk(root, relPath));
    } else if (item.isSymbolicLink()) {
      entries.push({ path: relPath, content: Buffer.from(`symlink:${fs.readlinkSync(full)}`) });
    } else if (item.isFile()) {
      entries.push({
        path: relPath,
        content: fs.readFileSync(full),
        executable: (fs.statSync(full).mode & 0o111) !== 0,
      });
    }
  }
  return entries;
}

/** sha256 of a deterministic tar of the artefact's files and its image config */
export function artefactDigest(rootfs: string, config: ImageConfig): string {
  const entries = walk(rootfs);
  entries.push({ path: '.image-config.json', content: Buffer.from(JSON.stringify(config)) });
  return `sha256:${createHash('sha256').update(tar(entries)).digest('hex')}`;
}

/** `repo:tag`, `repo@sha256:…` or `repo:tag@sha256:…` into its parts (a registry port is not a tag) */
export function parseImageReference(ref: string): { repository: string; tag?: string; digest?: string } {
  const [named, digest] = ref.split('@');
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  return colon > slash
    ? { repository: named.slice(0, colon), tag: named.slice(colon + 1), digest }
    : { repository: named, digest };
}

export class ImageStore {
  private readonly byDigest = new Map<string, Artefact>();
  private readonly byTag = new Map<string, string>();

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** moves a built root filesystem into the store and tags it as the destination */
  push(destination: string, rootfs: string, config: ImageConfig): Artefact {
    const digest = artefactDigest(rootfs, config);
    let artefact = this.byDigest.get(digest);
    if (!artefact) {
      const target = path.join(this.dir, digest.replace(':', '-'));
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(rootfs, target);
      artefact = { digest, rootfs: target, config };
      this.byDigest.set(digest, artefact);
    }
    const { repository, tag } = parseImageReference(destination);
    this.byTag.set(`${repository}:${tag ?? 'latest'}`, digest);
    return artefact;
  }

  resolve(ref: string): Artefact | undefined {
    const { repository, tag, digest } = parseImageReference(ref);
    return this.byDigest.get(digest ?? this.byTag.get(`${repository}:${tag ?? 'latest'}`) ?? '');
  }
}
