import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { hostBootData, type HostNavNode } from '../boot-data';

function NavLinks({ nodes }: { nodes: HostNavNode[] }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.list}>
      {nodes.map((node) => (
        <li key={node.id}>
          {node.url ? <a href={node.url}>{node.text}</a> : <span>{node.text}</span>}
          {node.children?.length ? <NavLinks nodes={node.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The mega menu reduced to the nav tree from bootData: Home, Apps › the app › its plugin.json pages. */
export function NavMenu() {
  const styles = useStyles2(getStyles);
  return (
    <nav aria-label="Navigation" data-testid="data-testid navigation mega-menu" className={styles.menu}>
      <NavLinks nodes={hostBootData().navTree} />
    </nav>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  menu: css({
    width: 240,
    flexShrink: 0,
    padding: theme.spacing(2),
    borderRight: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
  }),
  list: css({ listStyle: 'none', margin: 0, paddingLeft: theme.spacing(1.5), lineHeight: 2 }),
});
