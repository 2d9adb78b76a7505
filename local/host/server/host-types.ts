// The shapes shared with the plugin-backend bridge, from its own definitions.
import type { HostRole } from './plugin-backend/types';

export type * from './plugin-backend/types';

export const HOST_ROLES: readonly HostRole[] = ['Viewer', 'Editor', 'Admin'];
