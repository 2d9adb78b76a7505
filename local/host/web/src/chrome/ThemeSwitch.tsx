import { config } from '@grafana/runtime';
import { IconButton } from '@grafana/ui';

import { setHostCookie, THEME_COOKIE } from '../host-role';

/** Light/dark: `?theme=` on any URL, or this toggle (a cookie), then a reload as the theme is fixed at boot. */
export function ThemeSwitch() {
  const next = config.theme2.isDark ? 'light' : 'dark';
  return (
    <IconButton
      name={config.theme2.isDark ? 'eye' : 'eye-slash'}
      tooltip={`Switch to the ${next} theme`}
      data-testid="host-theme-switch"
      onClick={() => {
        setHostCookie(THEME_COOKIE, next);
        const url = new URL(window.location.href);
        url.searchParams.delete('theme');
        window.location.assign(url.toString());
      }}
    />
  );
}
