// A deterministic tar.gz writer (POSIX ustar): sorted paths, zero mtime/uid/gid, fixed modes, so the same
// files always give the same bytes and therefore the same content hash.
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  path: string;
  content: Buffer;
  executable?: boolean;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) {
    return { name: path, prefix: '' };
  }
  const cut = path.lastIndexOf('/', 155);
  const name = path.slice(cut + 1);
  const prefix = path.slice(0, cut);
  if (cut <= 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) {
    throw new Error(`path too long for a tar header: ${path}`);
  }
  return { name, prefix };
}

function header(entry: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const { name, prefix } = splitName(entry.path);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(entry.executable ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(entry.content.length, 12), 124, 'ascii');
  h.write(octal(0, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum field counts as spaces while summing
  h.write('0', 156, 'ascii');
  h.write('ustar\x0000', 257, 'binary');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) {
    sum += byte;
  }
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

export function tar(entries: TarEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    parts.push(header(entry), entry.content);
    const pad = (BLOCK - (entry.content.length % BLOCK)) % BLOCK;
    parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

export function tarGz(entries: TarEntry[]): Buffer {
  // gzip header carries no name and mtime 0 in Node's implementation: deterministic for equal input
  return gzipSync(tar(entries), { level: 9 });
}
