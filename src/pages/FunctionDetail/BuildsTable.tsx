import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Text } from '@grafana/ui';
import React from 'react';

import type { BuildJob, FunctionCondition, FunctionDetailResponse } from '../../../backend/api/types';
import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { DataTable } from '../../components/DataTable';
import { formatAge, formatSeconds } from '../../components/format';
import { testIds } from '../../testIds';

import { WithFunctionDetail } from './WithFunctionDetail';

function duration(job: BuildJob): number | undefined {
  const start = Date.parse(job.startedAt ?? job.createdAt ?? '');
  const end = Date.parse(job.completedAt ?? '');
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : (end - start) / 1000;
}

function reason(job: BuildJob, latest: boolean, build?: FunctionCondition): string {
  if (job.state === 'Running') {
    return 'running';
  }
  if (latest && build && build.status === 'False') {
    return [build.reason, build.message].filter(Boolean).join(': ');
  }
  return job.state === 'Failed' ? `${job.failed} failed pod(s)` : '';
}

export class BuildsTable extends SceneObjectBase<SceneObjectState & { loader: FunctionDetailLoader }> {
  static Component = BuildsTableRenderer;
}

function BuildsTableRenderer({ model }: SceneComponentProps<BuildsTable>) {
  return (
    <WithFunctionDetail loader={model.useState().loader}>{(data) => <BuildsList detail={data} />}</WithFunctionDetail>
  );
}

function BuildsList({ detail }: { detail: FunctionDetailResponse }) {
  const jobs = [...detail.buildJobs].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  const condition = detail.function.conditions.find((c) => c.type === 'BuildReady');
  if (jobs.length === 0) {
    return (
      <Text color="secondary">
        No build Jobs (image sources are not built, and finished Jobs may have been cleaned up).
      </Text>
    );
  }
  return (
    <DataTable testId={testIds.builds.table} head={['Job', 'Result', 'Started', 'Duration', 'Reason']}>
      {jobs.map((job, i) => (
        <tr key={job.name} data-state={job.state}>
          <td>{job.name}</td>
          <td>
            <Text color={job.state === 'Failed' ? 'error' : job.state === 'Complete' ? 'success' : 'secondary'}>
              {job.state}
            </Text>
          </td>
          <td>{formatAge(job.startedAt ?? job.createdAt)}</td>
          <td>{formatSeconds(duration(job))}</td>
          <td>{reason(job, i === 0, condition)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
