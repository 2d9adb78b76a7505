import type { IncomingMessage, ServerResponse } from 'node:http';

import { currentUser } from './current-user';
import type { PluginBackend } from './host-types';
import { readBody, readJsonBody, requestHeaders, sendError, sendJson } from './http-io';
import type { PluginJson } from './plugin-meta';
import { pluginSettingsResponse } from './settings-response';
import type { SettingsStore } from './settings-store';

export interface PluginApiDeps {
  plugin: PluginJson;
  settings: SettingsStore;
  backend: PluginBackend | null;
}

async function settingsRoute(req: IncomingMessage, res: ServerResponse, deps: PluginApiDeps): Promise<void> {
  if (req.method === 'GET') {
    sendJson(res, 200, pluginSettingsResponse(deps.plugin, deps.settings.get()));
    return;
  }
  if (req.method !== 'POST') {
    sendError(res, 405, 'Method not allowed');
    return;
  }
  if (currentUser(req).role !== 'Admin') {
    sendError(res, 403, 'Permission denied');
    return;
  }
  deps.settings.update(await readJsonBody(req));
  sendJson(res, 200, { message: 'Plugin settings updated' });
}

/** Grafana's `GET /api/plugins/:id/health`: 200 with the result when OK, 400 with it otherwise. */
async function healthRoute(req: IncomingMessage, res: ServerResponse, backend: PluginBackend, deps: PluginApiDeps) {
  const result = await backend.checkHealth({ user: currentUser(req), settings: deps.settings.get() });
  const payload: Record<string, unknown> = { status: result.status, message: result.message };
  if (result.jsonDetails !== undefined) {
    payload.details = result.jsonDetails;
  }
  sendJson(res, result.status === 'OK' ? 200 : 400, payload);
}

async function resourceRoute(
  req: IncomingMessage,
  res: ServerResponse,
  backend: PluginBackend,
  deps: PluginApiDeps,
  resourceUrl: string
): Promise<void> {
  const answer = await backend.callResource(
    {
      method: req.method ?? 'GET',
      path: resourceUrl.split('?')[0],
      url: resourceUrl,
      headers: requestHeaders(req),
      body: await readBody(req),
    },
    { user: currentUser(req), settings: deps.settings.get() }
  );
  const headers: Record<string, string[]> = { ...answer.headers };
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
  res.end(answer.body);
}

/** `/api/plugins/<rest>` (rest without the query) for the host's one app; other plugin ids are "Plugin not found" as in Grafana. */
export async function handlePluginApi(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PluginApiDeps,
  rest: string,
  search: string
): Promise<void> {
  const match = /^([^/]+)\/(settings|health|resources)(?:\/(.*))?$/.exec(rest);
  if (!match || match[1] !== deps.plugin.id) {
    sendError(res, 404, 'Plugin not found');
    return;
  }
  if (match[2] === 'settings' && match[3] === undefined) {
    await settingsRoute(req, res, deps);
    return;
  }
  if (!deps.backend) {
    sendError(res, 503, 'Plugin unavailable');
    return;
  }
  if (match[2] === 'health' && match[3] === undefined) {
    await healthRoute(req, res, deps.backend, deps);
  } else if (match[2] === 'resources') {
    await resourceRoute(req, res, deps.backend, deps, (match[3] ?? '') + search);
  } else {
    sendError(res, 404, 'Not found');
  }
}
