import {
  CoreApp,
  DataTopic,
  LoadingState,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type PanelData,
} from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import { catchError, from, map, merge, type Observable, of, timer } from 'rxjs';
import { share, takeUntil } from 'rxjs/operators';

interface RunState {
  panelData: PanelData;
  packets: Record<string, DataQueryResponse>;
}

function packetErrors(packet: DataQueryResponse): DataQueryError[] {
  return packet.errors?.length ? packet.errors : packet.error ? [packet.error] : [];
}

/** Merges response packets by `key` as Grafana's runRequest does: the latest packet per key, errors win. */
function processPacket(packet: DataQueryResponse, state: RunState): RunState {
  const packets = { ...state.packets, [packet.key ?? 'A']: packet };
  let loading = packet.state ?? LoadingState.Done;
  const series: DataFrame[] = [];
  const annotations: DataFrame[] = [];
  let errors: DataQueryError[] = [];
  for (const p of Object.values(packets)) {
    const pErrors = packetErrors(p);
    if (pErrors.length > 0) {
      loading = LoadingState.Error;
      errors = [...errors, ...pErrors];
    }
    for (const frame of (p.data ?? []) as DataFrame[]) {
      (frame.meta?.dataTopic === DataTopic.Annotations ? annotations : series).push(frame);
    }
  }
  const request = state.panelData.request!;
  return {
    packets,
    panelData: {
      state: loading,
      series,
      annotations,
      errors: errors.length ? errors : undefined,
      error: errors[0],
      request,
      timeRange: request.range,
    },
  };
}

/** Grafana's runRequest: Loading after 200 ms if nothing came yet, then one PanelData per packet. */
export function hostRunRequest(
  datasource: DataSourceApi,
  request: DataQueryRequest,
  queryFunction?: typeof datasource.query
): Observable<PanelData> {
  let state: RunState = {
    packets: {},
    panelData: { state: LoadingState.Loading, series: [], request, timeRange: request.range },
  };
  if (!request.targets.length) {
    return of({ ...state.panelData, state: LoadingState.Done });
  }
  request.app = request.app ?? CoreApp.Unknown;
  const query = queryFunction ? queryFunction(request) : datasource.query(request);
  const data = from(query as Observable<DataQueryResponse>).pipe(
    map((packet: DataQueryResponse) => {
      request.endTime = Date.now();
      state = processPacket(packet, state);
      return state.panelData;
    }),
    catchError((err: unknown) => {
      const error = toDataQueryError(err as never);
      return of({ ...state.panelData, state: LoadingState.Error, error, errors: [error] });
    }),
    // one query for both subscribers below (the Loading timer's takeUntil and the merge)
    share()
  );
  return merge(
    timer(200).pipe(
      map(() => state.panelData),
      takeUntil(data)
    ),
    data
  );
}
