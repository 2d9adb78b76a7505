// One version: package.json is the source; plugin.json takes it through the build's %VERSION% placeholder; the
// operator's package and every operator image kustomize renders carry it; CHANGELOG.md (Keep a Changelog) has a
// released section for it. `npm run version:sync -- <X.Y.Z>` moves all of them at once.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { renderKustomization } from '../../backend/assets/render-kustomization';

import { REPO_ROOT } from './support/zip-reader';

const OPERATOR_IMAGE = 'ghcr.io/knative-lambda/operator';
const KEEP_A_CHANGELOG_SECTIONS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const versionOf = (root: string, rel: string) => JSON.parse(read(root, rel)).version as string;

function operatorImages(kustomizationDir: string): string[] {
  return renderKustomization(kustomizationDir).flatMap((o) => {
    const pod = (o as { spec?: { template?: { spec?: Record<string, Array<{ image?: string }>> } } }).spec?.template
      ?.spec;
    return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]
      .map((c) => c.image ?? '')
      .filter((image) => image.startsWith(`${OPERATOR_IMAGE}:`));
  });
}

describe('one version everywhere', () => {
  const version = versionOf(REPO_ROOT, 'package.json');

  it('plugin.json takes info.version from package.json through the %VERSION% placeholder', () => {
    expect(JSON.parse(read(REPO_ROOT, 'plugin.json')).info.version).toBe('%VERSION%');
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('pkg-operator/package.json has the same version', () => {
    expect(versionOf(REPO_ROOT, 'pkg-operator/package.json')).toBe(version);
  });

  it('every operator image that kustomize renders (base and overlays) is tagged with it', () => {
    for (const dir of ['pkg-operator/k8s/base', 'pkg-operator/k8s/overlays/studio']) {
      const images = operatorImages(path.join(REPO_ROOT, dir));
      expect(images.length).toBeGreaterThan(0);
      expect([dir, [...new Set(images)]]).toEqual([dir, [`${OPERATOR_IMAGE}:${version}`]]);
    }
  });

  it('CHANGELOG.md follows Keep a Changelog: Unreleased first, a dated section for this version, link references', () => {
    const changelog = read(REPO_ROOT, 'CHANGELOG.md');
    const releases = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)];
    expect(releases[0][1]).toBe('Unreleased');
    const current = releases.find((r) => r[1] === version);
    expect(current?.[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const sections = [...changelog.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(sections.filter((s) => !KEEP_A_CHANGELOG_SECTIONS.includes(s))).toEqual([]);
    for (const r of releases) {
      expect(changelog).toMatch(new RegExp(`^\\[${r[1].replace(/\./g, '\\.')}\\]: https://`, 'm'));
    }
  });

  it('version:sync moves every place at once and releases the Unreleased section', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-version-'));
    try {
      for (const rel of ['package.json', 'package-lock.json', 'CHANGELOG.md', 'pkg-operator/package.json']) {
        fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, rel), path.join(tmp, rel));
      }
      fs.cpSync(path.join(REPO_ROOT, 'pkg-operator/k8s'), path.join(tmp, 'pkg-operator/k8s'), { recursive: true });
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/version-sync.mjs'), '9.8.7', '--root', tmp]);
      expect(versionOf(tmp, 'package.json')).toBe('9.8.7');
      expect(versionOf(tmp, 'pkg-operator/package.json')).toBe('9.8.7');
      const lock = JSON.parse(read(tmp, 'package-lock.json'));
      expect([lock.version, lock.packages[''].version, lock.packages['pkg-operator'].version]).toEqual([
        '9.8.7',
        '9.8.7',
        '9.8.7',
      ]);
      expect([...new Set(operatorImages(path.join(tmp, 'pkg-operator/k8s/base')))]).toEqual([
        `${OPERATOR_IMAGE}:9.8.7`,
      ]);
      const changelog = read(tmp, 'CHANGELOG.md');
      expect(changelog).toMatch(/^## \[Unreleased\]\n\n## \[9\.8\.7\] - \d{4}-\d{2}-\d{2}$/m);
      expect(changelog).toMatch(/^\[9\.8\.7\]: https:\/\/\S+\/compare\/v\d+\.\d+\.\d+\.\.\.v9\.8\.7$/m);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
