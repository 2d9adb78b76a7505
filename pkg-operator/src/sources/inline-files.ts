import type { Runtime } from '../../../contract';
import type { InlineSource } from '../api';

import { DEPENDENCY_FILES } from './dependency-policy';

const EXTENSION: Record<Runtime, string> = { nodejs: '.js', python: '.py', go: '.go' };

/** Where the runtime wrapper looks for the handler's module: `index.handler` → index.js, `pkg.mod.fn` → pkg/mod.py. */
export function handlerModuleFile(language: Runtime, handler: string): string {
  const module = handler.slice(0, handler.lastIndexOf('.'));
  return (language === 'nodejs' ? module : module.replaceAll('.', '/')) + EXTENSION[language];
}

export function inlineFiles(language: Runtime, handler: string, inline: InlineSource): Record<string, string> {
  const files = { [handlerModuleFile(language, handler)]: inline.code };
  return inline.dependencies === undefined ? files : { ...files, [DEPENDENCY_FILES[language]]: inline.dependencies };
}
