import type { AppRootProps } from '@grafana/data';
import { useSceneApp } from '@grafana/scenes';
import React, { useCallback } from 'react';

import type { AppJsonData } from '../../backend/api/types';

import { AppRoutes } from './AppRoutes';
import { Onboarding } from './Onboarding';
import { resolvePageSettings } from './pageSettings';
import { prometheusDatasourceUids } from './prometheusDatasources';
import { makeSceneApp } from './sceneApp';

function Pages({ jsonData }: { jsonData?: AppJsonData }) {
  const getSceneApp = useCallback(() => makeSceneApp(resolvePageSettings(jsonData)), [jsonData]);
  const scene = useSceneApp(getSceneApp);
  return (
    <AppRoutes>
      <scene.Component model={scene} />
    </AppRoutes>
  );
}

export default function App(props: AppRootProps<AppJsonData>) {
  if (prometheusDatasourceUids().length === 0) {
    return <Onboarding />;
  }
  return <Pages jsonData={props.meta.jsonData} />;
}
