import { css } from '@emotion/css';
import { PageLayoutType, type GrafanaTheme2, type NavModelItem } from '@grafana/data';
import type { PluginPageProps } from '@grafana/runtime';
import { Tab, TabsBar, useStyles2 } from '@grafana/ui';
import { useEffect } from 'react';

import { useChrome } from './chrome-context';

function PageTabs({ nav }: { nav: NavModelItem }) {
  if (!nav.children?.length) {
    return null;
  }
  return (
    <TabsBar>
      {nav.children
        .filter((child) => !child.hideFromTabs)
        .map((child) => (
          <Tab
            key={child.url ?? child.text}
            label={child.text}
            href={child.url}
            active={child.active}
            icon={child.icon as never}
            counter={child.tabCounter}
          />
        ))}
    </TabsBar>
  );
}

/**
 * Core's PluginPage, set through `setPluginPage`: a header with the title (or `renderTitle`), subtitle, actions and
 * tabs from `pageNav.children`; the breadcrumbs go to the top bar. Canvas and Custom layouts draw no header.
 */
export function HostPluginPage({ pageNav, layout, actions, subTitle, renderTitle, children, info }: PluginPageProps) {
  const { sectionNav, setPageNav } = useChrome();
  const styles = useStyles2(getStyles);
  useEffect(() => {
    setPageNav(pageNav);
    return () => setPageNav(undefined);
  }, [pageNav, setPageNav]);

  if (layout === PageLayoutType.Canvas || layout === PageLayoutType.Custom) {
    return <div className={styles.canvas}>{children}</div>;
  }
  const title = pageNav?.text ?? sectionNav?.text ?? '';
  const subtitle = subTitle ?? pageNav?.subTitle;
  const tabsNav = pageNav?.children?.length ? pageNav : undefined;
  return (
    <div className={styles.page} data-testid="data-testid Page">
      <div className={styles.header}>
        <div className={styles.titleRow}>
          {renderTitle ? renderTitle(title) : <h1 className={styles.title}>{title}</h1>}
          {actions ? <div className={styles.actions}>{actions}</div> : null}
        </div>
        {subtitle ? <div className={styles.subtitle}>{subtitle}</div> : null}
        {info?.length ? (
          <div className={styles.info}>
            {info.map((item, index) => (
              <span key={index}>
                {item.label}: {item.value}
              </span>
            ))}
          </div>
        ) : null}
      </div>
      {tabsNav ? <PageTabs nav={tabsNav} /> : null}
      <div className={styles.body}>{children}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', flexGrow: 1, padding: theme.spacing(2, 3), minWidth: 0 }),
  canvas: css({ display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 }),
  header: css({ marginBottom: theme.spacing(2) }),
  titleRow: css({ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: theme.spacing(2) }),
  title: css({ margin: 0, fontSize: theme.typography.h2.fontSize }),
  actions: css({ display: 'flex', gap: theme.spacing(1) }),
  subtitle: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1) }),
  info: css({ display: 'flex', gap: theme.spacing(2), color: theme.colors.text.secondary }),
  body: css({ display: 'flex', flexDirection: 'column', flexGrow: 1, paddingTop: theme.spacing(2), minHeight: 0 }),
});
