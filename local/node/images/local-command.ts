// What "run this image" means on the local node: an artefact the node built (its root filesystem directory and
// image config), or the operator's image, which runs from this checkout as its Dockerfile describes it. Anything
// else cannot run here.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { V1Container } from '@kubernetes/client-node';

import { rebase } from '../builds/run-dockerfile';

import type { ImageStore } from './image-store';
import { parseImageReference } from './image-store';

export const OPERATOR_REPOSITORY = 'ghcr.io/knative-lambda/operator';

export interface LocalCommand {
  bin: string;
  args: string[];
  /** the image's own ENV (container env goes on top) */
  env: Record<string, string>;
  cwd: string;
  /** the artefact's digest, or the checkout for the operator image */
  imageId: string;
}

export type Resolution = { ok: true; command: LocalCommand } | { ok: false; reason: string; message: string };

function withContainerArgs(entrypoint: string[], cmd: string[], container: V1Container): string[] {
  // Kubernetes: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD
  return container.command
    ? [...container.command, ...(container.args ?? [])]
    : [...entrypoint, ...(container.args ?? cmd)];
}

export function resolveImage(images: ImageStore, repoRoot: string, container: V1Container): Resolution {
  const image = container.image ?? '';
  const { repository } = parseImageReference(image);
  if (repository === OPERATOR_REPOSITORY) {
    // pkg-operator/Dockerfile: ENTRYPOINT node /app/bin/lambda-operator.js, CMD run, LAMBDA_RUNTIMES_DIR=/app/runtimes
    const argv = withContainerArgs(
      [process.execPath, path.join(repoRoot, 'pkg-operator/bin/lambda-operator.js')],
      ['run'],
      container
    );
    return {
      ok: true,
      command: {
        bin: argv[0],
        args: argv.slice(1),
        env: { NODE_ENV: 'production', LAMBDA_RUNTIMES_DIR: path.join(repoRoot, 'pkg-operator/runtimes') },
        cwd: repoRoot,
        imageId: `checkout:${repoRoot}`,
      },
    };
  }
  const artefact = images.resolve(image);
  if (!artefact) {
    return {
      ok: false,
      reason: 'ContainerMissing',
      message: `Unable to fetch image "${image}": the local node has no artefact for it (it runs only images it built and the operator's)`,
    };
  }
  const { rootfs, config } = artefact;
  const argv = withContainerArgs(config.entrypoint, config.cmd, container);
  if (argv.length === 0) {
    return { ok: false, reason: 'ContainerMissing', message: `image "${image}" has no entrypoint or command` };
  }
  const inImage = path.join(rootfs, argv[0]);
  const bin = argv[0].startsWith('/') && fs.existsSync(inImage) ? inImage : argv[0];
  const workdir = container.workingDir ?? config.workdir;
  return {
    ok: true,
    command: {
      bin,
      args: argv.slice(1).map((a) => rebase(a, rootfs)),
      env: Object.fromEntries(Object.entries(config.env).map(([k, v]) => [k, rebase(v, rootfs)])),
      cwd: path.resolve(rootfs, `.${workdir}`),
      imageId: artefact.digest,
    },
  };
}
