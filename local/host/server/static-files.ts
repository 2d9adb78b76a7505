import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** `relative` inside `root`, or undefined when it escapes it or is not a file. */
export function fileUnder(root: string, relative: string): string | undefined {
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + decodeURIComponent(relative)));
  if (resolved !== root && !resolved.startsWith(root + path.sep)) {
    return undefined;
  }
  try {
    return statSync(resolved).isFile() ? resolved : undefined;
  } catch {
    return undefined;
  }
}

export function sendFile(res: ServerResponse, file: string, cacheControl = 'no-cache'): void {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': cacheControl,
  });
  createReadStream(file).pipe(res);
}
