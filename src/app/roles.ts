import { config } from '@grafana/runtime';

/** True for an organisation Admin (or a Grafana server admin), as Grafana's own role checks read it. */
export function isAdmin(): boolean {
  const user = config.bootData?.user;
  return user?.orgRole === 'Admin' || Boolean(user?.isGrafanaAdmin);
}
