import { EmptyState, LinkButton } from '@grafana/ui';
import React from 'react';

import { configPageLocation } from '../routing/routes';
import { testIds } from '../testIds';

/** Shown instead of every page while Grafana has no Prometheus datasource. */
export function Onboarding() {
  return (
    <div data-testid={testIds.onboarding}>
      <EmptyState variant="call-to-action" message="Connect a Prometheus datasource">
        <p>
          The app reads the functions&apos; and the operator&apos;s metrics from Prometheus. Add a Prometheus datasource
          that scrapes them (with the rules from <code>provisioning/prometheus/knative-lambda.rules.yaml</code>), then
          pick it on the configuration page.
        </p>
        <LinkButton href="/connections/datasources/new" variant="primary">
          Add a Prometheus datasource
        </LinkButton>{' '}
        <LinkButton href={configPageLocation()} variant="secondary">
          Configuration
        </LinkButton>
      </EmptyState>
    </div>
  );
}
