// `npm run version:sync -- <version>`: sets the one version everywhere it is written down, then releases the
// CHANGELOG's Unreleased section under it. package.json is the source: plugin.json carries `%VERSION%`, which the
// build replaces from it. Written here: package.json, pkg-operator/package.json, package-lock.json (both
// packages), the operator image tag in pkg-operator/k8s/base/*.yaml, and CHANGELOG.md. `--root DIR` works on a copy.
import * as fs from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const root = path.resolve(
  args.includes('--root') ? args[args.indexOf('--root') + 1] : path.join(import.meta.dirname, '..')
);
const version = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root');
const OPERATOR_IMAGE = 'ghcr.io/knative-lambda/operator';

if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error('usage: npm run version:sync -- <X.Y.Z> [--root DIR]');
  process.exit(2);
}

const file = (rel) => path.join(root, rel);
const edit = (rel, change) => fs.writeFileSync(file(rel), change(fs.readFileSync(file(rel), 'utf8')));
const setJsonVersion = (text) => text.replace(/^(\s*"version":\s*)"[^"]*"/m, `$1"${version}"`);

edit('package.json', setJsonVersion);
edit('pkg-operator/package.json', setJsonVersion);
edit('package-lock.json', (text) => {
  const lock = JSON.parse(text);
  lock.version = version;
  for (const key of ['', 'pkg-operator']) {
    if (lock.packages?.[key]) {
      lock.packages[key].version = version;
    }
  }
  return `${JSON.stringify(lock, null, 2)}\n`;
});

const base = 'pkg-operator/k8s/base';
for (const name of fs.readdirSync(file(base)).filter((f) => f.endsWith('.yaml'))) {
  edit(path.join(base, name), (text) =>
    text.replaceAll(new RegExp(`${OPERATOR_IMAGE}:[\\w.-]+`, 'g'), `${OPERATOR_IMAGE}:${version}`)
  );
}

edit('CHANGELOG.md', (text) => {
  if (text.includes(`## [${version}]`)) {
    return text;
  }
  const today = new Date().toISOString().slice(0, 10);
  const previous = /^## \[(\d[^\]]*)\]/m.exec(text)?.[1];
  const repo = /^\[Unreleased\]: (\S+)\/compare\//m.exec(text)?.[1];
  let out = text.replace('## [Unreleased]\n', `## [Unreleased]\n\n## [${version}] - ${today}\n`);
  if (repo) {
    out = out.replace(
      /^\[Unreleased\]: .*$/m,
      `[Unreleased]: ${repo}/compare/v${version}...HEAD\n[${version}]: ${repo}/${previous ? `compare/v${previous}...v${version}` : `releases/tag/v${version}`}`
    );
  }
  return out;
});
console.log(`version:sync: ${version} in package.json, pkg-operator, package-lock.json, ${base} images, CHANGELOG.md`);
