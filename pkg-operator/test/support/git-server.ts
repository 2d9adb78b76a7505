// A smart-HTTP git server on 127.0.0.1 for tests: `git http-backend` behind a tiny CGI bridge, plus helpers that
// make bare repositories with the git CLI. It needs the git binary and fails loudly without it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface GitServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Every request path the server saw, in order. */
  readonly requests: string[];
  /** Path prefix → absolute URL: requests under the prefix are answered with a 302 there. */
  readonly redirects: Map<string, string>;
  /** Holds every answer back this long (for timeout and cancellation tests). */
  delayMs: number;
  /** The next `times` requests are answered with this HTTP status instead (a git host having trouble). */
  failNext(status: number, times: number): void;
  close(): Promise<void>;
}

export function requireGit(): string {
  try {
    return execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error(
      `these tests need the git binary (Debian package "git"; scripts/bootstrap.sh installs it): ${error}`
    );
  }
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
};

function gitIn(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
}

export interface RepoContent {
  readonly files: Record<string, string | Buffer>;
  /** link path → target, committed as symlinks */
  readonly symlinks?: Record<string, string>;
  readonly branch?: string;
}

/** Creates `<root>/<name>.git`, a bare repository with one commit holding the given files. */
export function createRepo(root: string, name: string, content: RepoContent): string {
  const work = mkdtempSync(path.join(os.tmpdir(), 'git-server-work-'));
  gitIn(work, 'init', '-q', '-b', content.branch ?? 'main');
  for (const [file, data] of Object.entries(content.files)) {
    mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    writeFileSync(path.join(work, file), data);
  }
  for (const [link, target] of Object.entries(content.symlinks ?? {})) {
    mkdirSync(path.dirname(path.join(work, link)), { recursive: true });
    symlinkSync(target, path.join(work, link));
  }
  gitIn(work, 'add', '-A');
  gitIn(work, 'commit', '-q', '-m', 'initial');
  const bare = path.join(root, `${name}.git`);
  gitIn(root, 'clone', '-q', '--bare', work, bare);
  rmSync(work, { recursive: true, force: true });
  return bare;
}

function cgiEnvironment(req: IncomingMessage, projectRoot: string): NodeJS.ProcessEnv {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    REQUEST_METHOD: req.method,
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
    HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
  };
}

function serveCgi(req: IncomingMessage, res: ServerResponse, projectRoot: string): void {
  const child = spawn('git', ['http-backend'], { env: cgiEnvironment(req, projectRoot) });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headerDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      return;
    }
    headerDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const [name, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (name.toLowerCase() === 'status') {
        status = parseInt(value, 10);
      } else {
        res.setHeader(name, value);
      }
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  child.on('close', () => res.end());
  child.on('error', (error) => res.destroy(error));
}

export interface GitServerOptions {
  /** Repositories whose path starts with one of these prefixes need HTTP basic auth with these credentials. */
  readonly protectedPrefixes?: readonly string[];
  readonly credentials?: { readonly username: string; readonly password: string };
}

function authorised(req: IncomingMessage, options: GitServerOptions): boolean {
  const isProtected = options.protectedPrefixes?.some((prefix) => req.url?.startsWith(prefix)) ?? false;
  if (!isProtected || !options.credentials) {
    return true;
  }
  const { username, password } = options.credentials;
  return req.headers.authorization === `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Serves the bare repositories under projectRoot on 127.0.0.1 (an ephemeral port). */
export async function startGitServer(projectRoot: string, options: GitServerOptions = {}): Promise<GitServer> {
  requireGit();
  const requests: string[] = [];
  const redirects = new Map<string, string>();
  const state = { delayMs: 0 };
  const failures = { status: 0, left: 0 };
  const server = http.createServer(async (req, res) => {
    requests.push(req.url ?? '');
    if (state.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, state.delayMs).unref());
    }
    if (failures.left > 0) {
      failures.left--;
      res.writeHead(failures.status, { 'content-type': 'text/plain' }).end('injected failure\n');
      return;
    }
    if (!authorised(req, options)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      return;
    }
    const redirect = [...redirects].find(([prefix]) => req.url?.startsWith(prefix));
    if (redirect) {
      res.writeHead(302, { location: redirect[1] + (req.url ?? '').slice(redirect[0].length) }).end();
      return;
    }
    serveCgi(req, res, projectRoot);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    requests,
    redirects,
    failNext: (status: number, times: number) => Object.assign(failures, { status, left: times }),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
