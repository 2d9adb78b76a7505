import type { FieldConfigSource } from '@grafana/data';

/** Grafana's PanelDataErrorView for an empty answer: the panel's own "No value" text, else "No data". */
export function PanelNoData({ fieldConfig, testId }: { fieldConfig: FieldConfigSource; testId: string }) {
  return <div data-testid={testId}>{fieldConfig?.defaults?.noValue || 'No data'}</div>;
}
