// Chooses and fills the Dockerfile template for a function. Every value that reaches the Dockerfile is
// re-checked here against a strict pattern, whatever the CRD and the source policy already did.
import { Runtime } from '../../../contract';
import { handlerOf, LambdaFunctionSpec } from '../api';
import { goDockerfile } from './templates/go';
import { DockerfileInput } from './templates/input';
import { nodejsDockerfile } from './templates/nodejs';
import { pythonDockerfile } from './templates/python';

const TEMPLATES: Record<Runtime, (input: DockerfileInput) => string> = {
  nodejs: nodejsDockerfile,
  python: pythonDockerfile,
  go: goDockerfile,
};

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

export function dockerfileFor(
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
  const handler = handlerOf(spec);
  const goFunction = handler.slice(handler.lastIndexOf('.') + 1);
  if (language === 'go' && !GO_FUNCTION.test(goFunction)) {
    throw new DockerfileError(`a Go handler must name an exported function (e.g. main.Handle), got "${handler}"`);
  }
  return TEMPLATES[language]({ baseImage, goFunction });
}
