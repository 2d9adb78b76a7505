import { Alert, Button, Text } from '@grafana/ui';
import React, { useState } from 'react';

import type { DeployResponse } from '../../../backend/api/types';
import { type ResourceError, toResourceError } from '../../api/resourceError';
import { resources } from '../../api/resources';
import { ApiErrorState } from '../../components/ApiErrorState';
import { testIds } from '../../testIds';

function Results({ result }: { result: DeployResponse }) {
  return (
    <div data-testid={testIds.operator.dryRunResults}>
      <Text element="h5">
        {result.dryRun ? 'Dry run' : 'Applied'}: {result.succeeded ? 'every object applies' : 'some objects failed'}
      </Text>
      <table style={{ width: '100%' }}>
        <tbody>
          {result.results.map((r) => (
            <tr key={`${r.kind}/${r.namespace ?? ''}/${r.name}`} data-action={r.action}>
              <td>{r.kind}</td>
              <td>{r.namespace ? `${r.namespace}/${r.name}` : r.name}</td>
              <td>
                <Text color={r.action === 'failed' ? 'error' : 'primary'}>{r.action}</Text>
              </td>
              <td>{r.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Admin-only: preview (dry run) then apply the operator manifests bundled with this plugin version. */
export function DeployOperator({ admin, upgrade }: { admin: boolean; upgrade: boolean }) {
  const [result, setResult] = useState<DeployResponse>();
  const [error, setError] = useState<ResourceError>();
  const [busy, setBusy] = useState(false);
  if (!admin) {
    return (
      <div data-testid={testIds.operator.deployUnavailable}>
        <Alert severity="info" title="Deploying the operator needs the Admin role">
          Deploying applies cluster-wide objects (CRD, RBAC, Deployment) with Grafana&apos;s credentials, so only
          organisation Admins can do it. Ask an Admin, or apply <code>pkg-operator/k8s/base</code> with kubectl.
        </Alert>
      </div>
    );
  }
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await resources.deployOperator({ dryRun }));
    } catch (thrown) {
      setError(toResourceError(thrown));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid={testIds.operator.deploy}>
      <Button icon="eye" variant="secondary" disabled={busy} onClick={() => run(true)}>
        Preview {upgrade ? 'upgrade' : 'deploy'} (dry run)
      </Button>{' '}
      <Button
        icon="upload"
        variant="primary"
        disabled={busy || !result?.dryRun || !result.succeeded}
        onClick={() => run(false)}
      >
        {upgrade ? 'Upgrade' : 'Deploy'} operator
      </Button>
      {error && <ApiErrorState error={error} />}
      {result && <Results result={result} />}
    </div>
  );
}
