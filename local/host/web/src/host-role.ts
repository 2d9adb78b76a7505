export type HostRole = 'Viewer' | 'Editor' | 'Admin';
export const HOST_ROLES: HostRole[] = ['Viewer', 'Editor', 'Admin'];

/** Cookie names shared with the server (local/host/server/current-user.ts and index.ts). */
export const ROLE_COOKIE = 'grafana_host_role';
export const THEME_COOKIE = 'grafana_host_theme';

export function setHostCookie(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; SameSite=Lax; Max-Age=31536000`;
}

const RANK: Record<HostRole, number> = { Viewer: 0, Editor: 1, Admin: 2 };

/** Whether `role` meets a plugin.json include's `role` (Viewer < Editor < Admin; unknown or none = everyone). */
export function roleAllows(role: string, required: string | undefined): boolean {
  if (!required || !(required in RANK)) {
    return true;
  }
  return (RANK[role as HostRole] ?? -1) >= RANK[required as HostRole];
}
