// `npm run package`: builds the plugin (`npm run build`) and writes the catalog zip
// `knative-lambda-app-<version>.zip` and its `.zip.sha1` (the bare hex digest) to the repository root, or to
// `--out DIR`. `--no-build` packages the `dist/` already built. Layout: one top folder named after the plugin id;
// regular files only (symlinks in dist/ are stored as the files they point to); no dotfiles; the backend
// executables 0755, everything else 0644. Fails when plugin.json references a file the zip would not hold.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import yazl from 'yazl';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const args = process.argv.slice(2);
const outDir = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : root);

const PLACEHOLDER = /%(VERSION|TODAY|PLUGIN_ID)%/;
const FILE_MODE = 0o100644;
const EXECUTABLE_MODE = 0o100755;
const DIR_MODE = 0o040755;

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(cmd, cmdArgs) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    fail(`${cmd} ${cmdArgs.join(' ')} exited ${result.status}`);
  }
}

/** every file under dir (relative POSIX paths, sorted), following symlinks, without dotfiles */
function listFiles(dir, prefix = '') {
  const files = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.startsWith('.')) {
      continue;
    }
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (fs.statSync(full).isDirectory()) {
      files.push(...listFiles(full, rel));
    } else {
      files.push(rel);
    }
  }
  return files;
}

/** the paths plugin.json says the zip holds: logos, screenshots, dashboards */
function referencedFiles(plugin) {
  return [
    plugin.info?.logos?.small,
    plugin.info?.logos?.large,
    ...(plugin.info?.screenshots ?? []).map((s) => s.path),
    ...(plugin.includes ?? []).filter((i) => i.type === 'dashboard').map((i) => i.path),
  ].filter(Boolean);
}

function checkDist(plugin, files) {
  for (const name of ['plugin.json', 'README.md']) {
    if (PLACEHOLDER.test(fs.readFileSync(path.join(dist, name), 'utf8'))) {
      fail(`dist/${name} still holds a %…% placeholder: the webpack build did not run`);
    }
  }
  const missing = [
    'module.js',
    'LICENSE',
    'CHANGELOG.md',
    ...referencedFiles(plugin),
    ...['amd64', 'arm64'].map((arch) => `${plugin.executable}_linux_${arch}`),
  ].filter((f) => !files.includes(f));
  if (missing.length > 0) {
    fail(`dist/ lacks ${missing.join(', ')} (run npm run build; plugin.json references must exist)`);
  }
}

function directoriesOf(files) {
  const dirs = new Set();
  for (const file of files) {
    for (let d = path.posix.dirname(file); d !== '.'; d = path.posix.dirname(d)) {
      dirs.add(d);
    }
  }
  return [...dirs].sort();
}

async function writeZip(plugin, files, zipPath) {
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  zip.addEmptyDirectory(plugin.id, { mode: DIR_MODE, mtime });
  for (const dir of directoriesOf(files)) {
    zip.addEmptyDirectory(`${plugin.id}/${dir}`, { mode: DIR_MODE, mtime });
  }
  for (const file of files) {
    const executable = path.posix.basename(file).startsWith(plugin.executable);
    zip.addFile(fs.realpathSync(path.join(dist, file)), `${plugin.id}/${file}`, {
      mode: executable ? EXECUTABLE_MODE : FILE_MODE,
      mtime,
    });
  }
  zip.end();
  await new Promise((resolve, reject) => {
    const out = fs.createWriteStream(zipPath);
    zip.outputStream.on('error', reject).pipe(out).on('error', reject).on('close', resolve);
  });
}

if (!args.includes('--no-build')) {
  run('npm', ['run', 'build']);
}
if (!fs.existsSync(path.join(dist, 'plugin.json'))) {
  fail('dist/plugin.json does not exist: run npm run build');
}
const plugin = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
const files = listFiles(dist);
checkDist(plugin, files);

fs.mkdirSync(outDir, { recursive: true });
const zipPath = path.join(outDir, `${plugin.id}-${plugin.info.version}.zip`);
await writeZip(plugin, files, zipPath);
const sha1 = createHash('sha1').update(fs.readFileSync(zipPath)).digest('hex');
fs.writeFileSync(`${zipPath}.sha1`, sha1);
console.log(
  `package: ${path.relative(process.cwd(), zipPath) || zipPath} ${(fs.statSync(zipPath).size / 1e6).toFixed(1)} MB, ` +
    `${files.length} files, sha1 ${sha1}`
);
