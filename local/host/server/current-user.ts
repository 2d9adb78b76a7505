import type { IncomingMessage } from 'node:http';

import { HOST_ROLES, type HostRole, type HostUser } from './host-types';
import { parseCookies } from './http-io';

/** The cookie the host's user switch writes (Viewer / Editor / Admin). */
export const ROLE_COOKIE = 'grafana_host_role';
const DEFAULT_ROLE: HostRole = 'Admin';

const USERS: Record<HostRole, HostUser> = {
  Admin: { login: 'admin', name: 'Admin', email: 'admin@localhost', role: 'Admin', orgId: 1 },
  Editor: { login: 'editor', name: 'Editor', email: 'editor@localhost', role: 'Editor', orgId: 1 },
  Viewer: { login: 'viewer', name: 'Viewer', email: 'viewer@localhost', role: 'Viewer', orgId: 1 },
};

export function parseRole(value: string | undefined): HostRole | undefined {
  return HOST_ROLES.find((role) => role === value);
}

/** The signed-in user: one fixed user per role, the role chosen by the switch cookie. */
export function currentUser(req: IncomingMessage): HostUser {
  return USERS[parseRole(parseCookies(req)[ROLE_COOKIE]) ?? DEFAULT_ROLE];
}

/** Numeric ids as Grafana's bootData would carry them (admin is user 1). */
export function userId(user: HostUser): number {
  return HOST_ROLES.length - HOST_ROLES.indexOf(user.role);
}

/** The identity fields Grafana's user DTOs share (bootData user, `/api/user`). */
export function userIdentity(user: HostUser): Record<string, unknown> {
  return {
    id: userId(user),
    uid: user.login,
    login: user.login,
    email: user.email,
    name: user.name,
    orgId: user.orgId,
    isGrafanaAdmin: user.role === 'Admin',
  };
}
