import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { Plugin } from 'esbuild';

const uiDir = path.dirname(require.resolve('@grafana/ui/package.json'));
const fromUi = (name: string): string => require.resolve(name, { paths: [uiDir] });

/**
 * The router Grafana's shell uses: react-router-dom v5 with react-router-dom-v5-compat on top, the very copies
 * @grafana/ui depends on (so its `Link` shares the host's router context). The host imports them as
 * `react-router-dom-v5` and `react-router-dom-v5-compat`.
 */
export function grafanaRouterPlugin(): Plugin {
  return {
    name: 'grafana-router',
    setup(build) {
      build.onResolve({ filter: /^react-router-dom-v5$/ }, () => ({ path: fromUi('react-router-dom') }));
      build.onResolve({ filter: /^react-router-dom-v5-compat$/ }, () => ({
        path: fromUi('react-router-dom-v5-compat'),
      }));
    },
  };
}

/** `@grafana-internal/<package>/<file>` → that package's built `dist/esm/<file>.mjs` (setters not on its entry point). */
export function grafanaInternalsPlugin(): Plugin {
  return {
    name: 'grafana-internals',
    setup(build) {
      build.onResolve({ filter: /^@grafana-internal\// }, (args) => {
        const [, pkg, ...file] = args.path.split('/');
        const pkgDir = path.dirname(require.resolve(`@grafana/${pkg}/package.json`));
        return { path: path.join(pkgDir, 'dist', 'esm', `${file.join('/')}.mjs`) };
      });
    },
  };
}

const NAMED_IMPORT = /import\s*\{([^}]*)\}\s*from\s*'(@grafana\/runtime(?:\/unstable)?)';/g;

/**
 * @grafana/plugin-compat feature-detects runtime APIs with named imports that 13.1 may not export; webpack lets
 * that through on externals, esbuild stops. Rewrite them into reads off the module namespace.
 */
export function pluginCompatPlugin(): Plugin {
  return {
    name: 'plugin-compat-feature-detection',
    setup(build) {
      build.onLoad({ filter: /@grafana[\\/]plugin-compat[\\/]dist[\\/]esm[\\/].*\.mjs$/ }, (args) => {
        let n = 0;
        const source = readFileSync(args.path, 'utf8').replace(NAMED_IMPORT, (_all, names: string, from: string) => {
          const ns = `__compatNs${n++}`;
          const bindings = names
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean)
            .map((name) => {
              const [imported, local = imported] = name.split(/\s+as\s+/);
              return `const ${local} = ${ns}[${JSON.stringify(imported)}];`;
            });
          return `import * as ${ns} from '${from}';\n${bindings.join('\n')}`;
        });
        return { contents: source, loader: 'js' };
      });
    },
  };
}

const esModuleFlag = new Map<string, boolean>();
function isTranspiledCommonJs(file: string): boolean {
  if (!esModuleFlag.has(file)) {
    const text = /\.(c?js)$/.test(file) ? readFileSync(file, 'utf8') : '';
    esModuleFlag.set(file, /__esModule/.test(text) && !/^\s*(import|export)\s/m.test(text));
  }
  return esModuleFlag.get(file) === true;
}

/**
 * esbuild gives `.mjs` importers Node's CommonJS interop (default = module.exports), which breaks
 * `import X from 'cjs-compiled-from-esm'` in @grafana/ui (e.g. react-custom-scrollbars-2). Route such imports
 * through a shim that exports `module.exports.default` as the default, as webpack does.
 */
export function cjsDefaultInteropPlugin(): Plugin {
  return {
    name: 'cjs-default-interop',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (!args.importer.endsWith('.mjs') || args.kind !== 'import-statement' || args.pluginData === 'interop') {
          return undefined;
        }
        const resolved = await build.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: 'interop',
        });
        if (resolved.errors.length > 0 || !isTranspiledCommonJs(resolved.path)) {
          return undefined;
        }
        return { path: resolved.path, namespace: 'cjs-default-interop' };
      });
      build.onLoad({ filter: /.*/, namespace: 'cjs-default-interop' }, (args) => {
        const target = JSON.stringify(args.path);
        return {
          contents: `import * as m from ${target};\nexport * from ${target};\nexport default (m.default ?? m);\n`,
          resolveDir: path.dirname(args.path),
          loader: 'js',
        };
      });
    },
  };
}
