import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaDataUnstable from '@grafana/data/unstable';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaRuntimeUnstable from '@grafana/runtime/unstable';
import * as grafanaUi from '@grafana/ui';
import * as grafanaUiUnstable from '@grafana/ui/unstable';
import { getI18nInstance } from '@grafana-internal/i18n/i18n';
import * as lodash from 'lodash';
// eslint-disable-next-line no-restricted-imports -- Grafana shares moment with plugins; the host must too.
import * as moment from 'moment';
import * as react from 'react';
import * as reactJsxRuntime from 'react/jsx-runtime';
import * as reactDom from 'react-dom';
import * as reactDomClient from 'react-dom/client';
import * as reactRouterDomV5 from 'react-router-dom-v5';
import * as reactRouterCompat from 'react-router-dom-v5-compat';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

/**
 * The modules Grafana shares with plugins (its `sharedDependenciesMap`), by the name a plugin's AMD `define` asks
 * for. `react-router` is react-router-dom-v5-compat (the v6 API) and `react-router-dom` is v5, as in Grafana.
 */
export function sharedDependencies(): Record<string, object> {
  return {
    '@emotion/css': emotionCss,
    '@emotion/react': emotionReact,
    '@grafana/data': grafanaData,
    '@grafana/data/unstable': grafanaDataUnstable,
    '@grafana/runtime': grafanaRuntime,
    '@grafana/runtime/unstable': grafanaRuntimeUnstable,
    '@grafana/ui': grafanaUi,
    '@grafana/ui/unstable': grafanaUiUnstable,
    i18next: { __useDefault: true, default: getI18nInstance() },
    lodash,
    moment,
    react,
    'react/jsx-runtime': reactJsxRuntime,
    'react/jsx-dev-runtime': reactJsxRuntime,
    'react-dom': reactDom,
    'react-dom/client': reactDomClient,
    'react-router': reactRouterCompat,
    'react-router-dom': reactRouterDomV5,
    'react-router-dom-v5-compat': reactRouterCompat,
    rxjs,
    'rxjs/operators': rxjsOperators,
  };
}
