import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import { buildHostBundle } from '../web/build';

import { bootData, frontendSettings, shellHtml, type HostTheme } from './boot-data';
import { currentUser } from './current-user';
import { handleDataSourceApi } from './datasource-api';
import { hostDataSources } from './datasources';
import type { HostAppSettings, PluginBackend } from './host-types';
import { HttpError, parseCookies, sendError } from './http-io';
import { handleMiscApi } from './misc-api';
import { handlePluginApi } from './plugin-api';
import { readPluginJson } from './plugin-meta';
import { publicAssetFile } from './public-assets';
import { openSettingsStore, provisionedSettings } from './settings-store';
import { fileUnder, sendFile } from './static-files';

export type { HostAppSettings, HostRole, HostUser, PluginBackend } from './host-types';
export { startPluginBackend } from './plugin-backend';

export interface HostOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  distDir: string;
  stateDir: string;
  prometheusUrl: string;
  tempoUrl?: string;
  backend: PluginBackend | null;
  /** Seed for the settings file when it does not exist yet; without it, provisioning/plugins/*.yaml seeds it. */
  initialSettings?: Partial<HostAppSettings>;
  /** Extra jsonData for the Prometheus data source (e.g. `timeInterval` = the scrape interval). */
  prometheusJsonData?: Record<string, unknown>;
  log?: (line: string) => void;
}

export interface RunningHost {
  url: string;
  stop(): Promise<void>;
}

const REPO_PROVISIONING = path.resolve(__dirname, '..', '..', '..', 'provisioning');
export const THEME_COOKIE = 'grafana_host_theme';

function themeOf(req: IncomingMessage, url: URL): HostTheme {
  const asked = url.searchParams.get('theme') ?? parseCookies(req)[THEME_COOKIE];
  return asked === 'light' ? 'light' : 'dark';
}

/** Starts the Grafana-shaped host on 127.0.0.1: the plugin's dist/, Grafana's plugin and data-source APIs, the SPA shell. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const distDir = path.resolve(opts.distDir);
  const plugin = readPluginJson(distDir);
  const bundleDir = await buildHostBundle();
  const log = opts.log ?? (() => undefined);
  const settings = openSettingsStore(
    opts.stateDir,
    () => opts.initialSettings ?? provisionedSettings(REPO_PROVISIONING, plugin.id) ?? { enabled: true }
  );
  const datasources = hostDataSources(opts);
  const query = {
    prometheusUrl: opts.prometheusUrl,
    tempoUrl: opts.tempoUrl,
    prometheusTimeInterval: opts.prometheusJsonData?.timeInterval as string | undefined,
  };
  let appUrl = '';
  const settingsFor = () => frontendSettings({ plugin, datasources, appUrl });
  const pluginPrefix = `/public/plugins/${plugin.id}/`;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    const p = url.pathname;
    if (p.startsWith('/public/')) {
      const file = p.startsWith(pluginPrefix)
        ? fileUnder(distDir, p.slice(pluginPrefix.length))
        : (publicAssetFile(p) ??
          (p.startsWith('/public/build/') ? fileUnder(bundleDir, p.slice('/public/build/'.length)) : undefined));
      if (file) {
        // esbuild's chunk and asset names carry a content hash; everything else may change under the same URL.
        const hashed = /^\/public\/build\/(chunks|assets)\//.test(p);
        sendFile(res, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      } else {
        sendError(res, 404, 'Not found');
      }
      return;
    }
    if (p === `/metrics/plugins/${plugin.id}`) {
      if (!opts.backend) {
        sendError(res, 404, 'Plugin not found');
        return;
      }
      const text = await opts.backend.collectMetrics();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(text);
      return;
    }
    if (p.startsWith('/api/plugins/')) {
      await handlePluginApi(
        req,
        res,
        { plugin, settings, backend: opts.backend },
        p.slice('/api/plugins/'.length),
        url.search
      );
      return;
    }
    if (await handleDataSourceApi(req, res, { datasources, query }, p, url.search)) {
      return;
    }
    if (await handleMiscApi(req, res, p, settingsFor)) {
      return;
    }
    if (p.startsWith('/api/')) {
      sendError(res, 404, 'Not found');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'Method not allowed');
      return;
    }
    const theme = themeOf(req, url);
    const html = shellHtml(bootData({ plugin, user: currentUser(req), theme, datasources, appUrl }), theme);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      log(`${req.method} ${req.url} -> ${status}: ${(error as Error).message}`);
      if (!res.headersSent) {
        sendError(res, status, (error as Error).message);
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  appUrl = `http://127.0.0.1:${address.port}/`;
  log(`grafana-shaped host on ${appUrl} serving ${distDir}`);
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
