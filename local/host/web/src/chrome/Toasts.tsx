import { css } from '@emotion/css';
import { AppEvents, type GrafanaTheme2 } from '@grafana/data';
import { getAppEvents } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { useEffect, useState } from 'react';

type Severity = 'error' | 'success' | 'warning' | 'info';

interface Toast {
  id: number;
  severity: Severity;
  title: string;
  text?: string;
}

const EVENTS: Array<[string, Severity]> = [
  [AppEvents.alertError.name, 'error'],
  [AppEvents.alertSuccess.name, 'success'],
  [AppEvents.alertWarning.name, 'warning'],
];

let nextId = 1;

/** Grafana's notification list: `alertError/alertSuccess/alertWarning` app events as dismissable alerts. */
export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const styles = useStyles2(getStyles);
  useEffect(() => {
    const subs = EVENTS.map(([type, severity]) =>
      getAppEvents().subscribe({ type } as never, (event: { payload?: unknown[] }) => {
        const [title, text] = (event.payload ?? []).map((part) =>
          part instanceof Error ? part.message : String(part)
        );
        const toast = { id: nextId++, severity, title: title ?? '', text };
        setToasts((list) => [...list, toast]);
        setTimeout(
          () => setToasts((list) => list.filter((t) => t.id !== toast.id)),
          severity === 'error' ? 7000 : 3000
        );
      })
    );
    return () => subs.forEach((sub) => sub.unsubscribe());
  }, []);
  return (
    <div className={styles.list} data-testid="host-toasts">
      {toasts.map((toast) => (
        <Alert
          key={toast.id}
          severity={toast.severity}
          title={toast.title}
          onRemove={() => setToasts((list) => list.filter((t) => t.id !== toast.id))}
        >
          {toast.text}
        </Alert>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ position: 'fixed', top: 56, right: theme.spacing(2), width: 400, zIndex: theme.zIndex.portal }),
});
