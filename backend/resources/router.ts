// Routes a CallResource request to its handler and turns every outcome into status + JSON body.
// Route templates (the `route` metric label) come from the contract.
import type { BackendRoute } from '../../contract/labels';
import type { ApiError } from '../api/types';
import type { OrgClusters } from '../kube/org-clusters';
import { logger } from '../log/hclog';
import type { CallResourceRequest } from '../protocol/wire-types';

import { requireRole } from './authz';
import type { ResourceRequest, ResourceResponse } from './http';
import { HttpError } from './http';
import { deployOperator } from './routes/deploy-operator';
import { getFunction } from './routes/get-function';
import { listFunctions } from './routes/list-functions';
import { operatorStatus } from './routes/operator-status';

/** Largest request body accepted (the API's only body is a tiny JSON object). */
export const MAX_BODY_BYTES = 64 * 1024;

type Handler = (req: ResourceRequest, clusters: OrgClusters) => Promise<ResourceResponse>;

interface Route {
  route: BackendRoute;
  method: string;
  matches: (segments: string[]) => boolean;
  handler: Handler;
}

const ROUTES: Route[] = [
  { route: 'functions', method: 'GET', matches: (s) => s.length === 1 && s[0] === 'functions', handler: listFunctions },
  {
    route: 'functions/{namespace}/{name}',
    method: 'GET',
    matches: (s) => s.length === 3 && s[0] === 'functions',
    handler: getFunction,
  },
  { route: 'operator', method: 'GET', matches: (s) => s.length === 1 && s[0] === 'operator', handler: operatorStatus },
  {
    route: 'operator/deploy',
    method: 'POST',
    matches: (s) => s.length === 2 && s[0] === 'operator' && s[1] === 'deploy',
    handler: deployOperator,
  },
];

export interface RoutedResponse extends ResourceResponse {
  route: BackendRoute;
}

function errorBody(err: HttpError): ApiError {
  return { error: err.code, message: err.message };
}

/** Splits `path` into decoded segments; undefined when it cannot be a route of this API. */
function pathSegments(path: string): string[] | undefined {
  if (path.length > 1024) {
    return undefined;
  }
  try {
    const segments = path.replace(/\/+$/, '').split('/').map(decodeURIComponent);
    return segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/')) ? undefined : segments;
  } catch {
    return undefined;
  }
}

function queryOf(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
}

export async function routeResource(call: CallResourceRequest, clusters: OrgClusters): Promise<RoutedResponse> {
  const segments = pathSegments(call.path);
  const matching = segments ? ROUTES.filter((r) => r.matches(segments)) : [];
  const route = matching[0]?.route ?? 'unknown';
  try {
    if (!segments || matching.length === 0) {
      throw new HttpError(404, 'not_found', `no such resource: ${call.path.slice(0, 200)}`);
    }
    const target = matching.find((r) => r.method === call.method.toUpperCase());
    if (!target) {
      throw new HttpError(405, 'method_not_allowed', `${call.method} is not allowed here; use ${matching[0].method}`);
    }
    requireRole(call.pluginContext, 'Viewer');
    if (call.body.length > MAX_BODY_BYTES) {
      throw new HttpError(
        413,
        'payload_too_large',
        `request body of ${call.body.length} bytes exceeds ${MAX_BODY_BYTES}`
      );
    }
    const request: ResourceRequest = {
      method: target.method,
      segments,
      query: queryOf(call.url),
      body: call.body,
      context: call.pluginContext,
    };
    return { route, ...(await target.handler(request, clusters)) };
  } catch (err) {
    if (err instanceof HttpError) {
      return { route, status: err.status, body: errorBody(err) };
    }
    logger.error('resource handler failed', {
      route,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return { route, status: 500, body: { error: 'internal', message: 'internal error; see the Grafana server log' } };
  }
}
