import type { HostRole } from './host-role';

export interface HostBootUser {
  id: number;
  login: string;
  name: string;
  email: string;
  orgId: number;
  orgRole: HostRole;
  theme: 'dark' | 'light';
  permissions: Record<string, boolean>;
}

export interface HostNavNode {
  id: string;
  text: string;
  url?: string;
  img?: string;
  icon?: string;
  pluginId?: string;
  children?: HostNavNode[];
}

interface HostBootData {
  user: HostBootUser;
  navTree: HostNavNode[];
}

/** `window.grafanaBootData` as the host server wrote it (the parts the host's own chrome reads). */
export function hostBootData(): HostBootData {
  return (window as unknown as { grafanaBootData: HostBootData }).grafanaBootData;
}
