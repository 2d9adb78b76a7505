import type { IncomingMessage, ServerResponse } from 'node:http';

import { GRAFANA_VERSION } from './boot-data';
import { currentUser, userIdentity } from './current-user';
import { readBody, sendJson } from './http-io';

/** What plugin-e2e and the runtime read besides the plugin's own API: health, login, the current user. */
export async function handleMiscApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  frontendSettings: () => Record<string, unknown>
): Promise<boolean> {
  if (path === '/api/health') {
    sendJson(res, 200, { database: 'ok', version: GRAFANA_VERSION, commit: 'grafana-shaped-host' });
  } else if (path === '/api/frontend/settings') {
    sendJson(res, 200, frontendSettings());
  } else if (path === '/api/user') {
    sendJson(res, 200, {
      ...userIdentity(currentUser(req)),
      isDisabled: false,
      isExternal: false,
      theme: '',
      authLabels: [],
    });
  } else if (path === '/api/user/orgs') {
    sendJson(res, 200, [{ orgId: 1, name: 'Main Org.', role: currentUser(req).role }]);
  } else if (path === '/login' && req.method === 'POST') {
    await readBody(req);
    sendJson(
      res,
      200,
      { message: 'Logged in' },
      { 'set-cookie': 'grafana_session=host; Path=/; HttpOnly; SameSite=Lax' }
    );
  } else {
    return false;
  }
  return true;
}
