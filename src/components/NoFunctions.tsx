import { EmptyState, TextLink } from '@grafana/ui';
import React from 'react';

import { testIds } from '../testIds';

export const EXAMPLES_URL = 'https://github.com/knative-lambda/knative-lambda-app/tree/main/examples';

export function NoFunctions() {
  return (
    <div data-testid={testIds.noFunctions}>
      <EmptyState variant="call-to-action" message="No LambdaFunctions yet">
        <p>
          Create one with <code>kubectl apply -f examples/hello-python.yaml</code> (after{' '}
          <code>examples/00-namespace.yaml</code>); the operator builds and deploys it, and it appears here.
        </p>
        <TextLink href={EXAMPLES_URL} external>
          The examples
        </TextLink>
      </EmptyState>
    </div>
  );
}
