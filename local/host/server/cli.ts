// Standalone Grafana-shaped host:
//   npx tsx local/host/server/cli.ts --prometheus http://127.0.0.1:9090 [--dist dist] [--state <dir>] [--port 3000]
//     [--tempo <url>] [--no-backend]
import { existsSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { startPluginBackend } from './plugin-backend';
import { readPluginJson } from './plugin-meta';

import { startHost } from './index';

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

/** Grafana's executable naming: `<plugin.json executable>_<os>_<arch>` in the plugin folder. */
export function backendExecutable(distDir: string): string {
  const plugin = readPluginJson(distDir);
  return path.join(distDir, `${String(plugin.executable)}_${process.platform}_${ARCH[process.arch] ?? process.arch}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: path.resolve(__dirname, '..', '..', '..', 'dist') },
      state: { type: 'string', default: path.join(os.tmpdir(), 'knative-lambda-host') },
      prometheus: { type: 'string' },
      tempo: { type: 'string' },
      port: { type: 'string', default: '3000' },
      'no-backend': { type: 'boolean', default: false },
    },
  });
  if (!values.prometheus) {
    throw new Error('--prometheus <url> is required');
  }
  const distDir = path.resolve(values.dist);
  const executable = backendExecutable(distDir);
  if (!values['no-backend'] && !existsSync(executable)) {
    throw new Error(`${executable} is missing: run npm run build:backend, or pass --no-backend`);
  }
  mkdirSync(path.join(values.state, 'grafana'), { recursive: true, mode: 0o700 });
  const backend = values['no-backend']
    ? null
    : await startPluginBackend({ executable, logFile: path.join(values.state, 'grafana', 'plugin-backend.log') });
  const host = await startHost({
    port: Number(values.port),
    distDir,
    stateDir: values.state,
    prometheusUrl: values.prometheus,
    tempoUrl: values.tempo,
    backend,
    log: (line) => console.log(line),
  });
  console.log(`open ${host.url}/a/${readPluginJson(distDir).id}/`);
  const stop = async () => {
    await host.stop();
    await backend?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
