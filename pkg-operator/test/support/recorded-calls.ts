// Turns requests recorded at the fault proxy into the RBAC terms the API server authorizes them by:
// (group, resource[/subresource], verb, namespace or cluster-wide).
import type { RecordedRequest } from '../../../local/control-plane/harness';

export interface AuthorizedCall {
  group: string;
  resource: string;
  verb: string;
  /** undefined: a cluster-wide request */
  namespace?: string;
  request: string;
}

const APPLY_CONTENT_TYPE = 'application/apply-patch+yaml';

function verbOf(req: RecordedRequest, named: boolean): string[] {
  switch (req.method) {
    case 'GET':
      return [req.watch ? 'watch' : named ? 'get' : 'list'];
    case 'POST':
      return ['create'];
    case 'PUT':
      return ['update'];
    case 'PATCH':
      // server-side apply creates the object when it is missing: the API server then checks `create`
      return req.contentType?.startsWith(APPLY_CONTENT_TYPE) ? ['patch', 'create'] : ['patch'];
    case 'DELETE':
      return [named ? 'delete' : 'deletecollection'];
    default:
      return [req.method.toLowerCase()];
  }
}

/** the calls one request needs; [] for non-resource paths */
export function authorizedCalls(req: RecordedRequest): AuthorizedCall[] {
  const url = new URL(req.path, 'http://x');
  const parts = url.pathname.split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api') {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1];
    rest = parts.slice(3);
  } else {
    return [];
  }
  if (rest[0] === 'watch') {
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  const full = subresource ? `${resource}/${subresource}` : resource;
  return verbOf(req, name !== undefined).map((verb) => ({
    group,
    resource: full,
    verb,
    namespace,
    request: `${req.method} ${url.pathname}`,
  }));
}
