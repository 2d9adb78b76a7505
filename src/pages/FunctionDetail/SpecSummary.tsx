import { Text } from '@grafana/ui';
import React from 'react';

import type { LambdaFunctionSpec } from '../../../pkg-operator/src/api';
import { FactsTable } from '../../components/FactsTable';
import { testIds } from '../../testIds';

function sourceKind(spec: LambdaFunctionSpec): string {
  return (['git', 'inline', 'image'] as const).find((k) => spec.source?.[k]) ?? 'unknown';
}

/** Runtime, source kind, scaling and resources; env values and inline code only for Admins. */
export function SpecSummary({ spec, admin }: { spec: LambdaFunctionSpec; admin: boolean }) {
  const rows: Array<[string, string]> = [
    [
      'Runtime',
      `${spec.runtime?.language ?? '?'} ${spec.runtime?.version ?? ''} ${spec.runtime?.handler ? `(${spec.runtime.handler})` : ''}`,
    ],
    ['Source', sourceKind(spec) + (spec.source?.git ? ` ${spec.source.git.url}@${spec.source.git.ref ?? 'HEAD'}` : '')],
    ['Scaling', JSON.stringify(spec.scaling ?? {})],
    ['Resources', JSON.stringify(spec.resources ?? {})],
    ['SLO', JSON.stringify(spec.slo ?? {})],
  ];
  const env = spec.env ?? [];
  return (
    <div data-testid={testIds.kubernetes.spec}>
      <FactsTable facts={rows.map(([k, v]) => [k, <code key={k}>{v}</code>])} />
      <div data-testid={testIds.kubernetes.env}>
        <Text element="h5">Environment ({env.length})</Text>
        {env.map((e) => (
          <div key={e.name}>
            <code>
              {e.name}={admin ? (e.value ?? '') : '••• (Admins only)'}
            </code>
          </div>
        ))}
        {spec.source?.inline && <Text element="h5">Inline code</Text>}
        {spec.source?.inline &&
          (admin ? (
            <pre>{spec.source.inline.code}</pre>
          ) : (
            <Text color="secondary">Inline code is shown to Admins only.</Text>
          ))}
      </div>
    </div>
  );
}
