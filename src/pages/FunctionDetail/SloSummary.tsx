import { css } from '@emotion/css';
import { type GrafanaTheme2, LoadingState } from '@grafana/data';
import {
  type SceneFlexItem,
  sceneGraph,
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObjectState,
} from '@grafana/scenes';
import { Text, useStyles2 } from '@grafana/ui';
import React, { useEffect, useState } from 'react';

import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { BudgetValue, type LoadState } from '../../components/BudgetValue';
import { formatPercent } from '../../components/format';
import { samplesByRefId } from '../../model/instantSamples';
import { errorBudgetRemaining } from '../../model/sloMath';
import { sloSnapshot } from '../../model/sloSnapshot';
import { testIds } from '../../testIds';

import { BurnRateTable } from './BurnRateTable';

export interface SloSummaryState extends SceneObjectState {
  loader: FunctionDetailLoader;
  defaultObjective: number;
  window: string;
  /** the burn pair graphs below, by long window, shown when a row is expanded */
  pairPanels: Record<string, SceneFlexItem>;
}

/** Objective, SLI, budget tiles, the burn-rate table and what burned the budget, from one instant query pair. */
export class SloSummary extends SceneObjectBase<SloSummaryState> {
  static Component = SloSummaryRenderer;

  togglePair(long: string) {
    const item = this.state.pairPanels[long];
    item?.setState({ isHidden: !item.state.isHidden });
  }
}

function useSpecObjective(loader: FunctionDetailLoader): number | undefined {
  const [objective, setObjective] = useState<number | undefined>();
  useEffect(() => {
    loader.get().then(
      (d) => setObjective(d.function.slo.objective),
      () => setObjective(undefined)
    );
  }, [loader]);
  return objective;
}

function Tile({ name, title, children }: { name: string; title: string; children: React.ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.tile} data-testid={testIds.slo.tile(name)}>
      <Text color="secondary">{title}</Text>
      <div className={styles.value}>{children}</div>
    </div>
  );
}

function SloSummaryRenderer({ model }: SceneComponentProps<SloSummary>) {
  const { loader, defaultObjective, window } = model.useState();
  const { data } = sceneGraph.getData(model).useState();
  const specObjective = useSpecObjective(loader);
  const styles = useStyles2(getStyles);
  const snap = sloSnapshot(samplesByRefId(data?.series ?? []));
  const objective = snap.objective ?? specObjective ?? defaultObjective;
  let state: LoadState<number>;
  if (!data || data.state === LoadingState.Loading) {
    state = { status: 'loading' };
  } else if (data.errors?.length) {
    state = { status: 'error', message: data.errors.map((e) => e.message).join('; ') };
  } else if (snap.sli === undefined) {
    state = { status: 'no data', why: `no invocations in the last ${window}: nothing spent` };
  } else {
    state = { status: 'value', value: errorBudgetRemaining(objective, 1 - snap.sli) };
  }
  return (
    <div>
      <div className={styles.tiles}>
        <Tile name="objective" title="Objective">
          {formatPercent(objective, 3)} in {window}
        </Tile>
        <Tile name="sli" title={`Availability (${window})`}>
          {snap.sli === undefined ? <Text color="secondary">no data</Text> : formatPercent(snap.sli, 3)}
        </Tile>
        <Tile name="budget" title="Error budget remaining">
          <BudgetValue state={state} />
        </Tile>
      </div>
      <BurnRateTable
        snapshot={snap}
        objective={objective}
        budget={state.status === 'value' ? state.value : undefined}
        window={window}
        onToggle={(long) => model.togglePair(long)}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tiles: css({ display: 'flex', gap: theme.spacing(2), marginBottom: theme.spacing(2) }),
  tile: css({
    flex: 1,
    padding: theme.spacing(2),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  value: css({ fontSize: theme.typography.h2.fontSize }),
});
