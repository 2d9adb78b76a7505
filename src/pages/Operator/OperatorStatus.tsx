import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { LoadingPlaceholder, Text } from '@grafana/ui';
import React from 'react';

import { resources } from '../../api/resources';
import { useResource } from '../../api/useResource';
import { isAdmin } from '../../app/roles';
import { ApiErrorState } from '../../components/ApiErrorState';
import { FactsTable } from '../../components/FactsTable';
import { testIds } from '../../testIds';

import { DeployOperator } from './DeployOperator';

/** CRD versions, replicas, leader, version, and the deploy/upgrade action, from the backend. */
export class OperatorStatus extends SceneObjectBase<SceneObjectState> {
  static Component = OperatorStatusRenderer;
}

function OperatorStatusRenderer(_: SceneComponentProps<OperatorStatus>) {
  const { data, error, loading, reload } = useResource(() => resources.operator(), 'operator');
  const admin = isAdmin();
  if (error) {
    return (
      <div>
        <ApiErrorState error={error} onRetry={reload} />
        {error.code === 'crd_missing' && <DeployOperator admin={admin} upgrade={false} />}
      </div>
    );
  }
  if (loading || !data) {
    return <LoadingPlaceholder text="Loading operator status…" />;
  }
  const facts: Array<[string, string]> = [
    ['CRD', data.crdInstalled ? `installed (${data.crdVersions.join(', ')})` : 'not installed'],
    ['Deployment', data.deployed ? `${data.namespace}/${data.deployment}` : 'not deployed'],
    ['Replicas', `${data.replicas.ready}/${data.replicas.desired} ready, ${data.replicas.available} available`],
    ['Leader', data.leader?.holder ? `${data.leader.holder} (renewed ${data.leader.renewedAt ?? '?'})` : 'none'],
    ['Version', `${data.version ?? '?'} ${data.image ? `(${data.image})` : ''}`],
    [
      'Scratch volume',
      data.scratchVolume
        ? `${data.scratchVolume.mountPath ?? '/tmp'} limit ${data.scratchVolume.sizeLimit ?? '?'}`
        : '—',
    ],
  ];
  return (
    <div data-testid={testIds.operator.status}>
      <FactsTable facts={facts} />
      {data.upgradeAvailable && <Text color="warning">This plugin bundles a newer operator than the one running.</Text>}
      <DeployOperator admin={admin} upgrade={data.deployed} />
    </div>
  );
}
