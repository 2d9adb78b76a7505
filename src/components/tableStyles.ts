import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

/** The one table look of the app's own tables. */
export const getTableStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    margin: theme.spacing(1, 0, 2),
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { fontWeight: theme.typography.fontWeightMedium },
  }),
});
