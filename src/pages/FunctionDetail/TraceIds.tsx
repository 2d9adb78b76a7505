import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { ClipboardButton, Text, TextLink } from '@grafana/ui';
import React from 'react';

import { tempoTraceUrl, traceIdsFromFrames } from '../../model/traceIds';
import { testIds } from '../../testIds';

interface TraceIdsState extends SceneObjectState {
  tempoUid?: string;
}

/** Trace ids from the latency exemplars: links to Tempo when one is configured, else copyable ids. */
export class TraceIds extends SceneObjectBase<TraceIdsState> {
  static Component = ({ model }: SceneComponentProps<TraceIds>) => {
    const { tempoUid } = model.useState();
    const { data } = sceneGraph.getData(model).useState();
    // the Prometheus datasource marks exemplar frames as annotations, so scenes hands them over there
    const refs = traceIdsFromFrames([...(data?.series ?? []), ...(data?.annotations ?? [])]).slice(0, 50);
    return (
      <div data-testid={testIds.traces.ids}>
        <Text element="h4">Traces of recent invocations (exemplars of the duration histogram)</Text>
        {!tempoUid && (
          <Text color="secondary">No Tempo datasource is configured: copy a trace id into your tracing tool.</Text>
        )}
        {refs.length === 0 ? (
          <div>
            <Text color="secondary">
              No exemplars in this range (Prometheus needs --enable-feature=exemplar-storage).
            </Text>
          </div>
        ) : (
          <ul>
            {refs.map((r) => (
              <li key={r.traceId} data-trace-id={r.traceId}>
                {tempoUid ? (
                  <TextLink href={tempoTraceUrl(tempoUid, r.traceId)}>{r.traceId}</TextLink>
                ) : (
                  <code>{r.traceId}</code>
                )}{' '}
                <ClipboardButton size="sm" variant="secondary" fill="text" icon="copy" getText={() => r.traceId}>
                  Copy
                </ClipboardButton>
                {r.value !== undefined && <Text color="secondary"> {(r.value * 1000).toFixed(0)} ms</Text>}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  };
}
