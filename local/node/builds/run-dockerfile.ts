// Runs a runtime's own Dockerfile without a container runtime: each stage gets a directory standing for its root
// filesystem; COPY copies into it, WORKDIR/ENV/ARG set the stage's state, and RUN runs the step with the host's
// shell and tools (the base image's toolchain is the machine's: go, python3 + pip, node + npm), every absolute
// path of the step rebased into the stage's directory. The last stage's directory and config are the image.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { commandLine, expandVariables, keyValues, parseDockerfile } from './dockerfile';

export interface ImageConfig {
  /** the FROM of the final stage, as written (not pulled: recorded only) */
  baseImage: string;
  entrypoint: string[];
  cmd: string[];
  /** ENV of the final stage, values as the image has them (absolute paths inside the image) */
  env: Record<string, string>;
  workdir: string;
  user?: string;
  exposedPorts: string[];
}

export interface StepRunner {
  /** runs one RUN step; rejects with the step's output when it exits non-zero */
  (argv: string[], opts: { env: NodeJS.ProcessEnv; cwd: string; description: string }): Promise<void>;
}

export interface DockerfileBuild {
  contextDir: string;
  workDir: string;
  /** directory of host-tool shims put first on PATH (python → python3, pip → python3 -m pip, node) */
  shimDir: string;
  run: StepRunner;
}

interface Stage {
  name?: string;
  rootfs: string;
  args: Record<string, string>;
  config: ImageConfig;
}

/** top-level directories that stay the host's: the base image's system files are the machine's */
const HOST_PREFIXES = ['bin', 'dev', 'etc', 'proc', 'sys', 'tmp', 'usr', 'lib', 'lib64', 'sbin', 'var'];
const ABSOLUTE = new RegExp(`(^|[\\s"'=:])/(?!(?:${HOST_PREFIXES.join('|')})(?:/|\\b))(?=[A-Za-z0-9._-])`, 'g');

/** rewrites every image-absolute path in a command or env value to the directory standing for the image root */
export function rebase(text: string, rootfs: string): string {
  return text.replace(ABSOLUTE, (_, lead: string) => `${lead}${rootfs}/`);
}

function copyInto(source: string, target: string, targetIsDir: boolean): void {
  const stat = fs.statSync(source);
  if (stat.isDirectory()) {
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(source, target, { recursive: true });
    return;
  }
  const dest = targetIsDir ? path.join(target, path.basename(source)) : target;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(source, dest);
  fs.chmodSync(dest, stat.mode & 0o777);
}

function parseCopy(args: string): { from?: string; sources: string[]; target: string } {
  const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  let from: string | undefined;
  const rest = words.filter((word) => {
    const flag = /^--([a-z-]+)=(.*)$/.exec(word);
    if (flag?.[1] === 'from') {
      from = flag[2];
    }
    return !flag;
  });
  if (rest.length < 2) {
    throw new Error(`COPY needs a source and a target: ${args}`);
  }
  return { from, sources: rest.slice(0, -1), target: rest[rest.length - 1] };
}

export function insideContext(contextDir: string, rel: string): string {
  const full = path.resolve(contextDir, rel);
  if (full !== contextDir && !full.startsWith(`${contextDir}${path.sep}`)) {
    throw new Error(`COPY source ${rel} is outside the build context`);
  }
  return full;
}

export async function runDockerfile(
  dockerfile: string,
  build: DockerfileBuild
): Promise<{ rootfs: string; config: ImageConfig }> {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  const current = () => {
    const stage = stages[stages.length - 1];
    if (!stage) {
      throw new Error('the Dockerfile has an instruction before its first FROM');
    }
    return stage;
  };
  for (const { keyword, args: raw, line } of parseDockerfile(dockerfile)) {
    const where = `Dockerfile line ${line} (${keyword})`;
    if (keyword === 'ARG' && stages.length === 0) {
      keyValues(raw.includes('=') ? raw : `${raw}=`).forEach(([k, v]) => (globalArgs[k] = v));
      continue;
    }
    if (keyword === 'FROM') {
      const [image, as, name] = expandVariables(raw, globalArgs).split(/\s+/);
      const rootfs = path.join(build.workDir, `stage-${stages.length}`);
      fs.mkdirSync(rootfs, { recursive: true });
      stages.push({
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        rootfs,
        args: {},
        config: { baseImage: image, entrypoint: [], cmd: [], env: {}, workdir: '/', exposedPorts: [] },
      });
      continue;
    }
    const stage = current();
    const vars = { ...stage.args, ...stage.config.env };
    switch (keyword) {
      case 'ARG':
        for (const [k, v] of keyValues(raw.includes('=') ? raw : `${raw}=`)) {
          stage.args[k] = raw.includes('=') ? v : (globalArgs[k] ?? '');
        }
        break;
      case 'ENV':
        keyValues(expandVariables(raw, vars)).forEach(([k, v]) => (stage.config.env[k] = v));
        break;
      case 'WORKDIR':
        stage.config.workdir = path.posix.resolve(stage.config.workdir, expandVariables(raw, vars));
        fs.mkdirSync(path.resolve(stage.rootfs, `.${stage.config.workdir}`), { recursive: true });
        break;
      case 'COPY': {
        const { from, sources, target } = parseCopy(expandVariables(raw, vars));
        const absTarget = path.posix.resolve(stage.config.workdir, target);
        const targetPath = path.join(stage.rootfs, absTarget);
        const fromStage = from === undefined ? undefined : stages.find((s, i) => s.name === from || String(i) === from);
        if (from !== undefined && !fromStage) {
          throw new Error(`${where}: no stage named ${from}`);
        }
        for (const source of sources) {
          let full = fromStage ? path.join(fromStage.rootfs, source) : insideContext(build.contextDir, source);
          if (fromStage && !fs.existsSync(full) && fs.existsSync(source)) {
            full = source; // a file of the base image, which is the machine's own here
          }
          if (!fs.existsSync(full)) {
            throw new Error(`${where}: ${source} does not exist`);
          }
          copyInto(full, targetPath, target.endsWith('/') || sources.length > 1);
        }
        break;
      }
      case 'RUN': {
        const argv = commandLine(raw).map((word) => rebase(word, stage.rootfs));
        const env: NodeJS.ProcessEnv = {
          PATH: `${build.shimDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
          HOME: process.env.HOME ?? '/tmp',
          ...stage.args,
          ...Object.fromEntries(Object.entries(stage.config.env).map(([k, v]) => [k, rebase(v, stage.rootfs)])),
        };
        await build.run(argv, { env, cwd: path.resolve(stage.rootfs, `.${stage.config.workdir}`), description: where });
        break;
      }
      case 'ENTRYPOINT':
        stage.config.entrypoint = commandLine(raw);
        stage.config.cmd = [];
        break;
      case 'CMD':
        stage.config.cmd = commandLine(raw);
        break;
      case 'USER':
        stage.config.user = raw;
        break;
      case 'EXPOSE':
        stage.config.exposedPorts.push(...raw.split(/\s+/));
        break;
      case 'LABEL':
        break;
      default:
        throw new Error(`${where}: the local node does not implement ${keyword}`);
    }
  }
  const final = current();
  return { rootfs: final.rootfs, config: final.config };
}
