import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';
import 'systemjs/dist/extras/named-register.js';

import { sharedDependencies } from './shared-deps';

interface SystemJSLike {
  set(id: string, module: object): void;
  addImportMap(map: { imports: Record<string, string> }): void;
  import(id: string): Promise<Record<string, unknown>>;
  constructor: { prototype: Record<string, (...args: unknown[]) => unknown> };
}

export function systemJS(): SystemJSLike {
  return (window as unknown as { System: SystemJSLike }).System;
}

/**
 * A live, Module-tagged view of a namespace: SystemJS copies plain objects on `set()`, which would freeze the
 * setters' targets (PluginPage etc.) at their defaults. Webpack namespaces carry the tag; esbuild's do not.
 */
function liveModule(ns: object): object {
  const live: Record<string | symbol, unknown> = {};
  for (const key of Object.keys(ns)) {
    Object.defineProperty(live, key, { enumerable: true, get: () => (ns as Record<string, unknown>)[key] });
  }
  Object.defineProperty(live, Symbol.toStringTag, { value: 'Module' });
  return live;
}

const PACKAGE_PREFIX = 'package:';

/** Sets up SystemJS as Grafana's plugin loader does: shared deps under `package:<name>`, an import map, four hooks. */
export function initSystemJS(cacheBuster: string): void {
  const system = systemJS();
  const imports: Record<string, string> = {};
  for (const [name, ns] of Object.entries(sharedDependencies())) {
    const id = PACKAGE_PREFIX + name;
    system.set(id, liveModule(ns));
    imports[name] = id;
  }
  system.addImportMap({ imports });

  const proto = system.constructor.prototype;
  const originalImport = proto.import;
  proto.import = async function (this: unknown, ...args: unknown[]) {
    const module = (await originalImport.apply(this, args)) as Record<string, unknown>;
    return module.__useDefault ? module.default : module;
  };
  const originalResolve = proto.resolve;
  proto.resolve = function (this: unknown, id: unknown, parent: unknown) {
    const resolved = originalResolve.call(this, id, parent) as string;
    const isPluginFile = resolved.includes('/public/plugins/') && /\.js$/.test(resolved);
    return isPluginFile ? `${resolved}?_cache=${encodeURIComponent(cacheBuster)}` : resolved;
  };
  // Grafana's loading strategy `script` for local plugins: a <script> tag, never fetch+eval.
  proto.shouldFetch = () => false;
}
