// Org roles from the requesting user (pluginContext.user.role): reading needs Viewer, deploying Admin.
import type { PluginContext } from '../protocol/wire-types';

import { HttpError } from './http';

const RANK: Record<string, number> = { Viewer: 1, Editor: 2, Admin: 3 };

export type RequiredRole = 'Viewer' | 'Admin';

export function requireRole(context: PluginContext | null | undefined, required: RequiredRole): void {
  const role = context?.user?.role ?? '';
  if ((RANK[role] ?? 0) < RANK[required]) {
    const who = role ? `role ${role}` : 'a request without a user';
    throw new HttpError(
      403,
      'forbidden',
      `this action needs the ${required} role in the organization; ${who} is not enough`
    );
  }
}

export const isAdmin = (context: PluginContext | null | undefined): boolean => context?.user?.role === 'Admin';
