import pluginJson from './plugin.json';
import { PLUGIN_BASE_URL } from './constants';
import { prefixRoute } from './utils/utils.routing';

describe('plugin.json', () => {
  it('declares the app with its embedded backend executable', () => {
    expect(pluginJson).toMatchObject({
      type: 'app',
      id: 'knative-lambda-app',
      name: 'Knative Lambda',
      backend: true,
      executable: 'gpx_knative_lambda',
    });
  });

  it('puts every page under the app base URL', () => {
    expect(PLUGIN_BASE_URL).toBe('/a/knative-lambda-app');
    expect(prefixRoute('functions')).toBe('/a/knative-lambda-app/functions');
    for (const include of pluginJson.includes.filter((i) => i.type === 'page' && i.path.startsWith('/a/'))) {
      expect(include.path.startsWith('/a/%PLUGIN_ID%/')).toBe(true);
    }
  });
});
