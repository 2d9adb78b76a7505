import type { Runtime } from '../../../contract';
import type { InlineSource } from '../api';

const EXTENSION: Record<Runtime, string> = { nodejs: '.js', python: '.py', go: '.go' };
const DEPENDENCY_FILE: Record<Runtime, string> = { nodejs: 'package.json', python: 'requirements.txt', go: 'go.mod' };

/** Where the runtime wrapper looks for the handler's module: `index.handler` → index.js, `pkg.mod.fn` → pkg/mod.py. */
export function handlerModuleFile(language: Runtime, handler: string): string {
  const module = handler.slice(0, handler.lastIndexOf('.'));
  return (language === 'nodejs' ? module : module.replaceAll('.', '/')) + EXTENSION[language];
}

export function inlineFiles(language: Runtime, handler: string, inline: InlineSource): Record<string, string> {
  const files = { [handlerModuleFile(language, handler)]: inline.code };
  return inline.dependencies === undefined ? files : { ...files, [DEPENDENCY_FILE[language]]: inline.dependencies };
}
