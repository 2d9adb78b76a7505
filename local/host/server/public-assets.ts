import * as path from 'node:path';

import { fileUnder } from './static-files';

const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));

/**
 * Files Grafana serves from its own `public/` folder that @grafana/ui points at: icons under
 * `public/build/img/icons/<set>/<name>.svg` (from @grafana/ui, else @iconscout/unicons) and fonts under
 * `public/fonts/{inter,roboto}/` (from inter-ui and @fontsource/roboto-mono).
 */
export function publicAssetFile(urlPath: string): string | undefined {
  const icon = /^\/public\/build\/img\/icons\/([a-z]+)\/([A-Za-z0-9_-]+\.svg)$/.exec(urlPath);
  if (icon) {
    const ui = path.join(packageDir('@grafana/ui'), 'dist', 'public', 'img', 'icons');
    return (
      fileUnder(ui, `${icon[1]}/${icon[2]}`) ??
      fileUnder(path.join(packageDir('@iconscout/unicons'), 'svg', 'line'), icon[2])
    );
  }
  const inter = /^\/public\/fonts\/inter\/([A-Za-z-]+\.woff2)$/.exec(urlPath);
  if (inter) {
    return fileUnder(path.join(packageDir('inter-ui'), 'web'), inter[1]);
  }
  if (/^\/public\/fonts\/roboto\/[A-Za-z0-9_-]+\.woff2$/.test(urlPath)) {
    return fileUnder(path.join(packageDir('@fontsource/roboto-mono'), 'files'), 'roboto-mono-latin-400-normal.woff2');
  }
  return undefined;
}
