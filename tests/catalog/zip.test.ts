// The catalog zip (`npm run package`) against every check of grafana/plugin-validator that runs offline
// (sections A–I of the validator notes); each test names its check and the validator's severity:
// E = error (fails a submission), W = warning, R = recommendation. Section J (Go-only) and K (network) cannot run
// here; the README's "Catalog" section lists them.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import semver from 'semver';

import {
  absoluteUrls,
  ANGULAR_PATTERNS,
  ANGULAR_SUBSTRINGS,
  detectLicense,
  extensionType,
  imageType,
  ONE_LINE_HTML_COMMENT,
  relativeReadmeLinks,
  svgFindings,
  TEMPLATE_TEXT,
  TRACKER_HOSTS,
} from './support/content-rules';
import type { Json } from './support/plugin-json-rules';
import {
  closedObjectFindings,
  formatFindings,
  ID_PATTERN,
  INCLUDE_ROLES,
  INCLUDE_TYPES,
  referencePathFinding,
  requiredFieldFindings,
  ROLE_GRANTS,
} from './support/plugin-json-rules';
import { sourceRuleFindings } from './support/source-rules';
import type { BuiltZip, ZipEntry } from './support/zip-reader';
import { buildZip, PLUGIN_ID, REPO_ROOT } from './support/zip-reader';

const ROOT = `${PLUGIN_ID}/`;
let tmp: string;
let zip: BuiltZip;
let files: ZipEntry[];
let plugin: Json;
let info: Json;

const inRoot = (rel: string) => files.find((e) => e.name === ROOT + rel);
const text = (rel: string) => {
  const entry = inRoot(rel);
  if (!entry) {
    throw new Error(`the zip has no ${ROOT}${rel}`);
  }
  return entry.data.toString('utf8');
};
const rel = (e: ZipEntry) => e.name.slice(ROOT.length);
const base = (e: ZipEntry) => path.posix.basename(e.name);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-catalog-'));
  zip = await buildZip(tmp);
  files = zip.entries.filter((e) => !e.isDirectory);
  plugin = JSON.parse(text('plugin.json'));
  info = plugin.info as Json;
  const size = fs.statSync(zip.zipPath).size;
  console.info(`${path.basename(zip.zipPath)}: ${(size / 1e6).toFixed(1)} MB, ${files.length} files`);
}, 120_000);

afterAll(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

describe('A. zip container', () => {
  it('A1 E: exactly one top-level entry, the directory knative-lambda-app; no dist/ or __MACOSX/', () => {
    expect([...new Set(zip.entries.map((e) => e.name.split('/')[0]))]).toEqual([PLUGIN_ID]);
    expect(zip.entries.find((e) => e.name === ROOT)?.isDirectory).toBe(true);
    expect(zip.entries.filter((e) => /(^|\/)(dist|__MACOSX)\//.test(e.name)).map((e) => e.name)).toEqual([]);
  });

  it('A2: every entry stores Unix modes (creator system 3)', () => {
    expect(zip.entries.filter((e) => e.creatorSystem !== 3).map((e) => e.name)).toEqual([]);
  });

  it('A3: no absolute path, no "..", no symlink', () => {
    const bad = zip.entries.filter((e) => e.name.startsWith('/') || e.name.split('/').includes('..') || e.isSymlink);
    expect(bad.map((e) => e.name)).toEqual([]);
    expect(files.every((e) => (e.unixMode & 0o170000) === 0o100000)).toBe(true);
  });

  it('A4 (publishing criteria): no hidden files', () => {
    expect(
      zip.entries.filter((e) => e.name.split('/').some((part) => part.startsWith('.'))).map((e) => e.name)
    ).toEqual([]);
  });

  it('A5: named knative-lambda-app-<version>.zip with a .zip.sha1 holding the bare hex digest', () => {
    expect(path.basename(zip.zipPath)).toBe(`${PLUGIN_ID}-${String(info.version)}.zip`);
    const digest = createHash('sha1').update(fs.readFileSync(zip.zipPath)).digest('hex');
    expect(fs.readFileSync(zip.sha1File, 'utf8')).toBe(digest);
  });
});

describe('B. files inside knative-lambda-app/', () => {
  it('B1 E: plugin.json and module.js at the root', () => {
    expect(inRoot('plugin.json')).toBeDefined();
    expect(inRoot('module.js')).toBeDefined();
  });

  it('B1 E: every module.js has a sibling module.js.map with as many sourcesContent as sources', () => {
    const modules = files.filter((e) => base(e) === 'module.js');
    for (const m of modules) {
      const map = JSON.parse(text(`${rel(m)}.map`));
      expect(map.sources.length).toBeGreaterThan(0);
      expect(map.sourcesContent).toHaveLength(map.sources.length);
    }
  });

  it('B2 E: README.md present and not blank', () => expect(text('README.md').trim()).not.toBe(''));
  it('B2 W: CHANGELOG.md present and not blank', () => expect(text('CHANGELOG.md').trim()).not.toBe(''));
  it('B2 E: a file named exactly LICENSE', () => expect(inRoot('LICENSE')).toBeDefined());

  it('B3 E: no standalone.txt or pid.txt anywhere', () => {
    expect(files.filter((e) => ['standalone.txt', 'pid.txt'].includes(base(e))).map((e) => e.name)).toEqual([]);
  });

  it('B4 E: plugin.json and module.js only at the root (a nested plugin.json would need an includes entry)', () => {
    const nested = files.filter((e) => ['plugin.json', 'module.js'].includes(base(e)) && rel(e).includes('/'));
    expect(nested.map((e) => e.name)).toEqual([]);
  });

  it('B5 W unsigned-plugin: no MANIFEST.txt — this zip is delivered unsigned (allow-listed) or signed privately', () => {
    expect(inRoot('MANIFEST.txt')).toBeUndefined();
  });
});

describe('C. plugin.json', () => {
  it('C0 E: every required field is present', () => expect(requiredFieldFindings(plugin)).toEqual([]));
  it('C0 E: closed objects hold no unknown key', () => expect(closedObjectFindings(plugin)).toEqual([]));
  it('C0 E: uri and email formats', () => expect(formatFindings(plugin)).toEqual([]));
  it('C0: every %VERSION%, %TODAY% and %PLUGIN_ID% placeholder was replaced', () => {
    expect(text('plugin.json')).not.toMatch(/%[A-Z_]+%/);
  });

  it('C1 E: the id matches the id pattern and its last part equals type; E: name differs from id', () => {
    expect(plugin.id).toMatch(ID_PATTERN);
    expect(String(plugin.id).split('-').pop()).toBe(plugin.type);
    expect(plugin.name).not.toBe(plugin.id);
  });

  it('C1 W: the id has at least 3 parts', () => expect(String(plugin.id).split('-').length).toBeGreaterThanOrEqual(3));

  it('C2 E: info.version is X.Y.Z semver and equals package.json version (repo); info.updated is YYYY-MM-DD', () => {
    expect(String(info.version)).toMatch(/^\d+\.\d+\.\d+/);
    expect(semver.valid(String(info.version))).not.toBeNull();
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(info.version).toBe(pkg.version);
    expect(String(info.updated)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('C3 E: dependencies.grafanaDependency is a valid semver range; W: not a bare x range or exact version', () => {
    const dep = String((plugin.dependencies as Json).grafanaDependency);
    expect(semver.validRange(dep)).not.toBeNull();
    expect(dep).not.toMatch(/^\d+\.\d+\.x$/);
    expect(semver.valid(dep)).toBeNull();
  });

  it('C4 E: backend: true with a non-empty executable (and alerting only with backend)', () => {
    expect(plugin.backend).toBe(true);
    expect(plugin.executable).toBe('gpx_knative_lambda');
    expect(plugin.alerting === undefined || plugin.backend === true).toBe(true);
  });

  it('C5 E: logos small and large are relative paths to SVG files in the zip', () => {
    const logos = info.logos as Json;
    for (const key of ['small', 'large']) {
      expect(referencePathFinding(`info.logos.${key}`, logos[key])).toEqual([]);
      expect(imageType(inRoot(String(logos[key]))!.data)).toBe('svg');
    }
  });

  it('C6 E: every screenshot path is relative, exists, and its content type matches its extension', () => {
    for (const s of (info.screenshots ?? []) as Json[]) {
      expect(referencePathFinding(`screenshot ${String(s.name)}`, s.path)).toEqual([]);
      const entry = inRoot(String(s.path));
      expect(entry).toBeDefined();
      expect(imageType(entry!.data)).toBe(extensionType(String(s.path)));
    }
  });

  it('C6 W: screenshots are listed (real ones, taken by the browser suite on the local stack)', () => {
    const screenshots = (info.screenshots ?? []) as Json[];
    expect(screenshots.length).toBeGreaterThan(0);
    expect(screenshots.every((s) => typeof s.path === 'string' && s.path !== '')).toBe(true);
  });

  it('C7 W: description and keywords are not empty; R: no sponsor link; links present (the docs call them mandatory)', () => {
    expect(String(info.description ?? '').trim()).not.toBe('');
    expect((info.keywords as string[]).length).toBeGreaterThan(0);
    const links = (info.links ?? []) as Json[];
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => /sponsor/i.test(String(l.name)))).toEqual([]);
  });

  it('C8: includes use the type and role enums; page paths, one defaultNav, dashboards exist and parse', () => {
    const includes = (plugin.includes ?? []) as Json[];
    for (const inc of includes) {
      expect(INCLUDE_TYPES).toContain(inc.type);
      expect(inc.role === undefined || INCLUDE_ROLES.includes(String(inc.role))).toBe(true);
      if (inc.type === 'page') {
        expect(String(inc.path)).toMatch(new RegExp(`^(/a/${PLUGIN_ID}/[\\w/-]+|/plugins/${PLUGIN_ID})$`));
      }
      if (inc.type === 'dashboard') {
        expect(referencePathFinding(`dashboard ${String(inc.name)}`, inc.path)).toEqual([]);
        expect(() => JSON.parse(text(String(inc.path)))).not.toThrow();
      }
    }
    expect(includes.filter((i) => i.defaultNav === true)).toHaveLength(1);
  });

  it('C9: roles have a name, actions of this plugin, and grants from the basic roles', () => {
    for (const r of (plugin.roles ?? []) as Json[]) {
      const role = r.role as Json;
      expect(String(role.name ?? '')).not.toBe('');
      for (const perm of (role.permissions ?? []) as Json[]) {
        const own = String(perm.action).startsWith(`${PLUGIN_ID}.`) || String(perm.action).startsWith(`${PLUGIN_ID}:`);
        const access = perm.action === 'plugins.app:access' && perm.scope === `plugins:id:${PLUGIN_ID}`;
        expect(own || access).toBe(true);
      }
      expect(((r.grants ?? []) as string[]).filter((g) => !ROLE_GRANTS.includes(g))).toEqual([]);
    }
  });

  it('C10: iam.permissions have action and scope; autoEnabled and preload are booleans', () => {
    for (const perm of (((plugin.iam ?? {}) as Json).permissions ?? []) as Json[]) {
      expect(typeof perm.action).toBe('string');
    }
    for (const key of ['autoEnabled', 'preload']) {
      expect(plugin[key] === undefined || typeof plugin[key] === 'boolean').toBe(true);
    }
  });

  it('C11 E: dependencies.plugins does not include the plugin itself', () => {
    const deps = ((plugin.dependencies as Json).plugins ?? []) as Json[];
    expect(deps.filter((d) => d.id === PLUGIN_ID)).toEqual([]);
  });
});

describe('D. README.md (the catalog page) and LICENSE', () => {
  it('D1 E: every markdown link is absolute http(s) (#anchors and mailto: allowed)', () => {
    expect(relativeReadmeLinks(text('README.md'))).toEqual([]);
  });

  it('D2 W: no one-line HTML comment; E: not the plugin template text', () => {
    expect(text('README.md')).not.toMatch(ONE_LINE_HTML_COMMENT);
    expect(text('README.md')).not.toMatch(TEMPLATE_TEXT);
  });

  it('D3 W: neither "yarn" nor "nodejs" appears (case-sensitive)', () => {
    expect(text('README.md')).not.toContain('yarn');
    expect(text('README.md')).not.toContain('nodejs');
  });

  it('D4 E: LICENSE is a recognised license (Apache-2.0, MIT or 0BSD here); W: no template placeholders', () => {
    expect(detectLicense(text('LICENSE'))).toBe('Apache-2.0');
    expect(text('LICENSE')).not.toMatch(/\{yyyy\}|\{name of copyright owner\}/);
  });
});

describe('E. SVG files', () => {
  it('E1 E: every SVG parses as XML, with no unsafe element and no on* attribute', () => {
    const svgs = files.filter((e) => e.name.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    expect(svgs.map((e) => [e.name, svgFindings(e.data.toString('utf8'))])).toEqual(svgs.map((e) => [e.name, []]));
  });
});

describe('F. frontend bundle', () => {
  const scripts = () => files.filter((e) => e.name.endsWith('.js'));

  it('F1 E: no URL in module.js or its chunks points at a tracking host (deny-list; URLs printed for review)', () => {
    const urls = [...new Set(scripts().flatMap((e) => absoluteUrls(e.data.toString('utf8'))))].sort();
    console.info(`F1: absolute URLs in the bundle:\n${urls.join('\n')}`);
    expect(urls.filter((u) => TRACKER_HOSTS.some((host) => u.includes(host)))).toEqual([]);
  });

  it('F2 E: no Angular marker in module.js or its chunks', () => {
    for (const e of scripts()) {
      const js = e.data.toString('latin1');
      expect([e.name, ANGULAR_SUBSTRINGS.filter((s) => js.includes(s))]).toEqual([e.name, []]);
      expect([e.name, ANGULAR_PATTERNS.filter((p) => p.test(js)).map(String)]).toEqual([e.name, []]);
    }
  });

  it('F3 E: every source map source of our own code equals src/<path> byte for byte', () => {
    const skip = (s: string) =>
      /^(external |webpack\/|\.\.\/node_modules|\.\/node_modules\/)/.test(s) || /\.(css|scss|less|svg|json)$/.test(s);
    const mismatches: string[] = [];
    let compared = 0;
    for (const m of files.filter((e) => e.name.endsWith('.js.map'))) {
      const map = JSON.parse(m.data.toString('utf8')) as { sources: string[]; sourcesContent: string[] };
      map.sources.forEach((source, i) => {
        const name = source.replace(`webpack://${PLUGIN_ID}/`, '');
        if (skip(name)) {
          return;
        }
        compared++;
        const file = path.join(REPO_ROOT, 'src', name);
        const normalise = (s: string) => s.replace(/\r\n/g, '\n');
        if (!fs.existsSync(file) || normalise(fs.readFileSync(file, 'utf8')) !== normalise(map.sourcesContent[i])) {
          mismatches.push(`${base(m)}: ${name}`);
        }
      });
    }
    expect(compared).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  });

  it('F4 E/W (repo): src/ has none of the code patterns the validator rejects', () => {
    expect(sourceRuleFindings(path.join(REPO_ROOT, 'src'))).toEqual([]);
  });
});

describe('G. backend executables', () => {
  it('G1: gpx_knative_lambda_linux_amd64 and _linux_arm64 at the root (Grafana runs <executable>_<os>_<arch>)', () => {
    for (const arch of ['amd64', 'arm64']) {
      expect(inRoot(`${String(plugin.executable)}_linux_${arch}`)).toBeDefined();
    }
  });

  it('G2 E: every file named gpx_knative_lambda* (except .exe) has mode exactly 0755, and one exists', () => {
    const executables = files.filter((e) => base(e).startsWith(String(plugin.executable)) && !e.name.endsWith('.exe'));
    expect(executables.length).toBeGreaterThan(0);
    expect(executables.map((e) => [base(e), (e.unixMode & 0o777).toString(8)])).toEqual(
      executables.map((e) => [base(e), '755'])
    );
  });

  it('G2: every executable is an ELF file for its architecture', () => {
    const machine = { amd64: 0x3e, arm64: 0xb7 };
    for (const [arch, code] of Object.entries(machine)) {
      const data = inRoot(`${String(plugin.executable)}_linux_${arch}`)!.data;
      expect(data.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
      expect(data.readUInt16LE(18)).toBe(code);
    }
  });
});

describe('H. signing', () => {
  it('H1–H3 E: apply only to a signed zip; this one is unsigned, so no MANIFEST.txt and no rootUrls', () => {
    expect(files.filter((e) => base(e) === 'MANIFEST.txt')).toEqual([]);
  });

  it('H3 E: every file is readable by all (mode & 0444 = 0444), as signing requires', () => {
    expect(files.filter((e) => (e.unixMode & 0o444) !== 0o444).map((e) => e.name)).toEqual([]);
  });
});

describe('I. other repo checks', () => {
  it('I1 E: .config/webpack/webpack.config.ts exists and names @grafana/create-plugin', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, '.config/webpack/webpack.config.ts'), 'utf8')).toContain(
      '@grafana/create-plugin'
    );
  });

  it('I2 E: no package.json script runs grafana-toolkit', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(Object.values(pkg.scripts as Record<string, string>).filter((s) => s.includes('grafana-toolkit '))).toEqual(
      []
    );
  });
});
