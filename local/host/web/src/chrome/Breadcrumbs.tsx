import { css } from '@emotion/css';
import type { GrafanaTheme2, NavModelItem } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { useChrome } from './chrome-context';

interface Crumb {
  text: string;
  href?: string;
}

function pathWithoutQuery(url?: string): string | undefined {
  return url?.split('?')[0];
}

/** Home › section › … › page, from `pageNav.parentItem` up to the app's section nav; neighbours with the same URL merge, as in Grafana. */
export function buildBreadcrumbs(sectionNav: NavModelItem | undefined, pageNav: NavModelItem | undefined): Crumb[] {
  const chain: Crumb[] = [];
  for (let item: NavModelItem | undefined = pageNav; item; item = item.parentItem) {
    chain.unshift({ text: item.text, href: item.url });
  }
  const crumbs: Crumb[] = [{ text: 'Home', href: '/' }];
  if (sectionNav) {
    crumbs.push({ text: 'Apps', href: '/apps' }, { text: sectionNav.text, href: sectionNav.url });
  }
  for (const crumb of chain) {
    const last = crumbs[crumbs.length - 1];
    if (pathWithoutQuery(last.href) === pathWithoutQuery(crumb.href) && crumb.href) {
      crumbs[crumbs.length - 1] = crumb;
    } else {
      crumbs.push(crumb);
    }
  }
  return crumbs;
}

export function Breadcrumbs() {
  const { sectionNav, pageNav } = useChrome();
  const styles = useStyles2(getStyles);
  const crumbs = buildBreadcrumbs(sectionNav, pageNav);
  return (
    <nav aria-label="Breadcrumbs" className={styles.nav}>
      <ol className={styles.list}>
        {crumbs.map((crumb, index) => (
          <li key={index} className={styles.item} data-testid={`data-testid ${crumb.text} breadcrumb`}>
            {index === crumbs.length - 1 || !crumb.href ? (
              <span aria-current="page">{crumb.text}</span>
            ) : (
              <a href={crumb.href}>{crumb.text}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  nav: css({ minWidth: 0, overflow: 'hidden' }),
  list: css({ display: 'flex', listStyle: 'none', margin: 0, padding: 0, gap: theme.spacing(1) }),
  item: css({
    whiteSpace: 'nowrap',
    color: theme.colors.text.secondary,
    '&:not(:last-child)::after': { content: '"›"', marginLeft: theme.spacing(1) },
    '&:last-child': { color: theme.colors.text.primary },
  }),
});
