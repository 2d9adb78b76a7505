import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Text } from '@grafana/ui';
import React from 'react';

import type { FunctionDetailResponse } from '../../../backend/api/types';
import type { LambdaFunctionSpec } from '../../../pkg-operator/src/api';
import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { isAdmin } from '../../app/roles';
import { DataTable } from '../../components/DataTable';
import { formatAge } from '../../components/format';
import { testIds } from '../../testIds';

import { SpecSummary } from './SpecSummary';
import { WithFunctionDetail } from './WithFunctionDetail';

function Rows({ testId, head, rows }: { testId: string; head: string[]; rows: React.ReactNode[][] }) {
  return (
    <DataTable testId={testId} head={head}>
      {rows.map((r, i) => (
        <tr key={i}>
          {r.map((c, j) => (
            <td key={j}>{c}</td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}

export class KubernetesTab extends SceneObjectBase<SceneObjectState & { loader: FunctionDetailLoader }> {
  static Component = KubernetesTabRenderer;
}

function KubernetesTabRenderer({ model }: SceneComponentProps<KubernetesTab>) {
  return (
    <WithFunctionDetail loader={model.useState().loader}>
      {(data) => <KubernetesDetail detail={data} />}
    </WithFunctionDetail>
  );
}

/** Conditions, Knative Service, events and the spec summary of one function. */
export function KubernetesDetail({ detail }: { detail: FunctionDetailResponse }) {
  const fn = detail.function;
  const ksvc = detail.knativeService;
  return (
    <div>
      <Text element="h4">
        Conditions (generation {fn.generation ?? '?'}, observed {fn.observedGeneration ?? '?'})
      </Text>
      <Rows
        testId={testIds.kubernetes.conditions}
        head={['Type', 'Status', 'Reason', 'Message', 'Observed generation', 'Since']}
        rows={fn.conditions.map((c) => [
          c.type,
          c.status,
          c.reason ?? '',
          c.message ?? '',
          c.observedGeneration ?? '',
          formatAge(c.lastTransitionTime),
        ])}
      />
      <Text element="h4">Knative Service</Text>
      {ksvc ? (
        <Rows
          testId={testIds.kubernetes.knativeService}
          head={['Name', 'Ready', 'Latest ready revision', 'Latest created', 'URL']}
          rows={[
            [ksvc.name, ksvc.ready, ksvc.latestReadyRevision ?? '', ksvc.latestCreatedRevision ?? '', ksvc.url ?? ''],
          ]}
        />
      ) : (
        <Text color="secondary">No Knative Service (not deployed yet, or Knative Serving is not installed).</Text>
      )}
      <Text element="h4">Events</Text>
      <Rows
        testId={testIds.kubernetes.events}
        head={['Type', 'Reason', 'Message', 'Count', 'Last seen', 'Source']}
        rows={detail.events.map((e) => [
          e.type,
          e.reason ?? '',
          e.message ?? '',
          e.count ?? '',
          formatAge(e.lastSeen),
          e.source ?? '',
        ])}
      />
      <Text element="h4">Spec</Text>
      <SpecSummary spec={detail.spec as unknown as LambdaFunctionSpec} admin={isAdmin()} />
    </div>
  );
}
