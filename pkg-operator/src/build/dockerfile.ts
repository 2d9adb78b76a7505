// Fills a runtime's Dockerfile template (runtimes/<language>/Dockerfile) for one function by rewriting the
// defaults of its build arguments, so the context alone decides the image (and its hash covers everything).
// Every value that reaches the Dockerfile is re-checked here, whatever the CRD and the source policy did.
import type { Runtime } from '../../../contract';
import type { LambdaFunctionSpec } from '../api';
import { handlerOf } from '../api';

/** base image per language; `{version}` is replaced by spec.runtime.version */
export const DEFAULT_BASE_IMAGES: Record<Runtime, string> = {
  nodejs: 'node:{version}-alpine',
  python: 'python:{version}-alpine',
  go: 'golang:{version}-alpine',
};

const VERSION = /^[0-9]+(\.[0-9]+){0,2}$/;
const GO_FUNCTION = /^[A-Z][A-Za-z0-9_]{0,99}$/;
const IMAGE = /^[a-z0-9.:/_-]+$/;

export class DockerfileError extends Error {}

function setArg(template: string, name: string, value: string): string {
  const line = new RegExp(`^ARG ${name}=.*$`, 'm');
  if (!line.test(template)) {
    throw new DockerfileError(`the runtime's Dockerfile template declares no "ARG ${name}=" to fill`);
  }
  return template.replace(line, `ARG ${name}=${value}`);
}

export function renderDockerfile(
  template: string,
  spec: LambdaFunctionSpec,
  baseImages: Record<Runtime, string> = DEFAULT_BASE_IMAGES
): string {
  const { language, version } = spec.runtime;
  if (!VERSION.test(version)) {
    throw new DockerfileError(`runtime.version "${version}" must look like 20, 3.12 or 1.22.3`);
  }
  const baseImage = baseImages[language].replace('{version}', version);
  if (!IMAGE.test(baseImage)) {
    throw new DockerfileError(`base image "${baseImage}" is not a plain image reference`);
  }
  const dockerfile = setArg(template, 'BASE_IMAGE', baseImage);
  if (language !== 'go') {
    return dockerfile;
  }
  const handler = handlerOf(spec);
  const goFunction = handler.slice(handler.lastIndexOf('.') + 1);
  if (!GO_FUNCTION.test(goFunction)) {
    throw new DockerfileError(`a Go handler must name an exported function (e.g. main.Handle), got "${handler}"`);
  }
  return setArg(dockerfile, 'LAMBDA_HANDLER', goFunction);
}
