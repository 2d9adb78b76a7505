import { config } from '@grafana/runtime';
import { RadioButtonGroup } from '@grafana/ui';

import { HOST_ROLES, ROLE_COOKIE, setHostCookie, type HostRole } from '../host-role';

/** Viewer / Editor / Admin: stored in a cookie the server reads for bootData, settings writes and resource calls. */
export function UserSwitch() {
  const role = config.bootData.user.orgRole as HostRole;
  return (
    <div data-testid="host-user-switch" aria-label="Signed-in role">
      <RadioButtonGroup<HostRole>
        size="sm"
        value={role}
        options={HOST_ROLES.map((value) => ({ value, label: value }))}
        onChange={(value) => {
          setHostCookie(ROLE_COOKIE, value);
          window.location.reload();
        }}
      />
    </div>
  );
}
