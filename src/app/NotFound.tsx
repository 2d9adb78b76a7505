import { EmptyState, LinkButton } from '@grafana/ui';
import React from 'react';
import { useLocation } from 'react-router-dom';

import { ROUTES } from '../routing/routes';
import { testIds } from '../testIds';

/** An unknown path inside the app: says so and links to Functions with the same query string. */
export function NotFound() {
  const { pathname, search } = useLocation();
  return (
    <div data-testid={testIds.notFound}>
      <EmptyState variant="not-found" message="This page does not exist in the app">
        <p>
          Nothing here answers <code>{pathname}</code>.
        </p>
        <LinkButton href={`${ROUTES.functions()}${search}`} variant="primary">
          Functions
        </LinkButton>
      </EmptyState>
    </div>
  );
}
