import { createHash } from 'node:crypto';

/** SHA-256 over the files in path order, each framed by its path and length so no two trees collide. */
export function contentHash(files: Readonly<Record<string, string | Buffer>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    const content = Buffer.from(files[name]);
    hash.update(`${name}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}
