import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';
import { useState, type ReactNode } from 'react';

import { Breadcrumbs } from './Breadcrumbs';
import { NavMenu } from './NavMenu';
import { ThemeSwitch } from './ThemeSwitch';
import { Toasts } from './Toasts';
import { UserSwitch } from './UserSwitch';

/** Grafana's chrome, approximated: a 40px top bar (menu, breadcrumbs, theme, user), a dockable menu, toasts. */
export function AppChrome({ children }: { children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.root}>
      <header className={styles.topBar}>
        <IconButton name="bars" tooltip="Toggle menu" aria-label="Toggle menu" onClick={() => setMenuOpen(!menuOpen)} />
        <Breadcrumbs />
        <div className={styles.spacer} />
        <ThemeSwitch />
        <UserSwitch />
      </header>
      <div className={styles.body}>
        {menuOpen ? <NavMenu /> : null}
        <main className={styles.main}>{children}</main>
      </div>
      <Toasts />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    background: theme.colors.background.canvas,
  }),
  topBar: css({
    height: 40,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(0, 2),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
  }),
  spacer: css({ flexGrow: 1 }),
  body: css({ display: 'flex', flexGrow: 1, minHeight: 0 }),
  main: css({ display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 }),
});
