// The documents per audience: the README stays the entry point with exactly the two set-up commands and lists the
// Go-only catalog blockers; docs/install.md covers every install path; docs/operate.md indexes every runbook.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT } from './support/zip-reader';

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
const section = (markdown: string, heading: string) =>
  markdown.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? '';
const commands = (block: string) =>
  block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);

describe('documents per audience', () => {
  it('README.md: the set-up section has exactly the two commands, npm start and npm test', () => {
    const setup = section(read('README.md'), 'Set up on a new machine');
    const blocks = [...setup.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => commands(m[1]));
    expect(blocks).toEqual([['npm start', 'npm test']]);
  });

  it('README.md: the Catalog section lists every Go-only blocker of the validator', () => {
    const catalog = section(read('README.md'), 'Catalog');
    for (const blocker of [
      'backend-binary-not-linux-amd64',
      'grafana-plugin-sdk-go',
      'Magefile.go',
      'go_plugin_build_manifest',
      'govulncheck',
    ]) {
      expect(catalog).toContain(blocker);
    }
  });

  it('docs/install.md covers unzip, grafana cli, GF_PLUGINS_PREINSTALL_SYNC, Helm, allow-listing and private signing', () => {
    const install = read('docs/install.md');
    for (const needle of [
      'unzip knative-lambda-app-',
      'grafana cli --pluginUrl',
      'GF_PLUGINS_PREINSTALL_SYNC=knative-lambda-app@',
      '\nplugins:\n',
      'allow_loading_unsigned_plugins = knative-lambda-app',
      'GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS=knative-lambda-app',
      '@grafana/sign-plugin',
      '--rootUrls',
    ]) {
      expect(install).toContain(needle);
    }
  });

  it('docs/operate.md links every generated runbook, and every link resolves', () => {
    const operate = read('docs/operate.md');
    const linked = [...operate.matchAll(/\]\((runbooks\/[^)]+\.md)\)/g)].map((m) => m[1]).sort();
    const runbooks = fs
      .readdirSync(path.join(REPO_ROOT, 'docs/runbooks'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `runbooks/${f}`)
      .sort();
    expect(runbooks.length).toBeGreaterThan(0);
    expect(linked).toEqual(runbooks);
  });

  it('docs/develop.md starts from the same two commands', () => {
    const blocks = [...read('docs/develop.md').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => commands(m[1]));
    expect(blocks[0]).toEqual(['npm start', 'npm test']);
  });
});
