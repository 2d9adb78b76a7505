import { DetailTabs } from '../constants';
import pluginJson from '../plugin.json';

import {
  configPageLocation,
  functionDetailWithRange,
  prefixRoute,
  PRESERVED_URL_KEYS,
  ROUTES,
  withPreservedParams,
} from './routes';

describe('routes', () => {
  it('puts every page under the app base URL', () => {
    expect(ROUTES.functions()).toBe('/a/knative-lambda-app/functions');
    expect(ROUTES.operator()).toBe('/a/knative-lambda-app/operator');
    expect(ROUTES.alerts()).toBe('/a/knative-lambda-app/alerts');
    expect(prefixRoute('x')).toBe('/a/knative-lambda-app/x');
  });

  it.each([
    ['demo', 'hello', DetailTabs.overview, '/a/knative-lambda-app/functions/demo/hello/overview'],
    ['demo', 'hello', DetailTabs.slo, '/a/knative-lambda-app/functions/demo/hello/slo'],
    ['a/b', 'c?d', DetailTabs.builds, '/a/knative-lambda-app/functions/a%2Fb/c%3Fd/builds'],
  ])('detail URL of %s/%s (%s) encodes its segments', (ns, name, tab, url) => {
    expect(ROUTES.functionDetail(ns, name, tab)).toBe(url);
  });

  it('links alerts to the SLO tab with the window as time range', () => {
    expect(functionDetailWithRange('demo', 'hello', DetailTabs.slo, 'now-1h')).toBe(
      '/a/knative-lambda-app/functions/demo/hello/slo?from=now-1h&to=now'
    );
  });

  it('keeps the filters and time when drilling down', () => {
    expect(PRESERVED_URL_KEYS).toEqual(
      expect.arrayContaining(['from', 'to', 'var-datasource', 'var-runtime', 'var-search'])
    );
  });

  it('declares every app page in plugin.json under the base URL, and the config page', () => {
    const paths = pluginJson.includes.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/a/%PLUGIN_ID%/functions',
        '/a/%PLUGIN_ID%/operator',
        '/a/%PLUGIN_ID%/alerts',
        '/plugins/%PLUGIN_ID%',
      ])
    );
    expect(configPageLocation()).toBe('/plugins/knative-lambda-app');
    expect(pluginJson.includes.filter((i) => 'defaultNav' in i && i.defaultNav).map((i) => i.path)).toEqual([
      '/a/%PLUGIN_ID%/functions',
    ]);
  });
});

describe('withPreservedParams', () => {
  it('keeps time, datasource and filters, drops the rest', () => {
    const url = withPreservedParams(
      '/x',
      '?from=now-1h&to=now&var-runtime=go&var-runtime=python&page=3&var-search=a%20b'
    );
    expect(url).toBe('/x?from=now-1h&to=now&var-runtime=go&var-runtime=python&var-search=a+b');
    expect(withPreservedParams('/x', '?page=2')).toBe('/x');
  });
});
