import { Alert, Button, LinkButton } from '@grafana/ui';
import React from 'react';

import type { ResourceError, ResourceErrorCode } from '../api/resourceError';
import { configPageLocation, ROUTES } from '../routing/routes';
import { testIds } from '../testIds';

interface Advice {
  title: string;
  next: string;
  link?: { href: string; label: string };
  retry?: boolean;
}

const CONFIG_LINK = { href: configPageLocation(), label: 'Open the configuration' };

export const ERROR_ADVICE: Partial<Record<ResourceErrorCode, Advice>> = {
  not_configured: {
    title: 'Kubernetes access is not configured',
    next: 'Choose how the app reaches the cluster on the configuration page.',
    link: CONFIG_LINK,
  },
  kubernetes_unavailable: {
    title: 'The Kubernetes API cannot be reached',
    next: 'Check the API server and the credentials, then retry.',
    link: CONFIG_LINK,
    retry: true,
  },
  crd_missing: {
    title: 'The LambdaFunction CRD is not installed',
    next: 'Deploy the operator: it installs the CRD.',
    link: { href: ROUTES.operator(), label: 'Go to the Operator page' },
  },
  forbidden: {
    title: 'Your role cannot read this',
    next: 'Ask an organisation administrator for at least the Viewer role.',
  },
  unreachable: {
    title: "The app's backend does not answer",
    next: 'Check that the plugin backend runs (Grafana server log), then retry.',
    retry: true,
  },
  not_found: {
    title: 'Not found',
    next: 'The function may have been deleted, or lies outside the configured namespaces.',
    link: { href: ROUTES.functions(), label: 'Back to Functions' },
  },
};

const FALLBACK: Advice = {
  title: 'The backend answered with an error',
  next: 'Retry; if it persists, read the Grafana server log.',
  retry: true,
};

export function ApiErrorState({ error, onRetry }: { error: ResourceError; onRetry?: () => void }) {
  const advice = ERROR_ADVICE[error.code] ?? FALLBACK;
  return (
    <div data-testid={testIds.apiError(error.code)}>
      <Alert severity="error" title={advice.title}>
        <p>{error.message}</p>
        <p>{advice.next}</p>
        {advice.link && (
          <LinkButton href={advice.link.href} variant="secondary" size="sm">
            {advice.link.label}
          </LinkButton>
        )}{' '}
        {advice.retry && onRetry && (
          <Button size="sm" variant="secondary" icon="sync" onClick={onRetry}>
            Retry
          </Button>
        )}
      </Alert>
    </div>
  );
}
