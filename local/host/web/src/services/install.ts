import { EventBusSrv, locationUtil, setLocale, setTimeZoneResolver, setWeekStart } from '@grafana/data';
import {
  config,
  locationService,
  setAppEvents,
  setBackendSrv,
  setChromeHeaderHeightHook,
  setCurrentUser,
  setDataSourceSrv,
  setEchoSrv,
  setLocationSrv,
  setMegaMenuOpenHook,
  setPluginComponentHook,
  setPluginComponentsHook,
  setPluginFunctionsHook,
  setPluginImportUtils,
  setPluginLinksHook,
  setReturnToPreviousHook,
  setRunRequest,
  setTemplateSrv,
} from '@grafana/runtime';
import { initializeI18n } from '@grafana-internal/i18n/i18n';
import { setPluginPage } from '@grafana-internal/runtime/components/PluginPage';

import { HostPluginPage } from '../chrome/HostPluginPage';
import { getPanelPluginFromCache, importPanelPlugin } from '../panels/panel-registry';

import { HostBackendSrv } from './backend-srv';
import { HostDataSourceSrv, initDataSourceLayer } from './datasource-srv';
import { RecordingEchoSrv } from './echo-srv';
import { interceptLinkClicks } from './link-interception';
import { initRegistries } from './registries';
import { hostRunRequest } from './run-request';
import { HostTemplateSrv } from './template-srv';

/** The boot sequence of Grafana's `GrafanaApp.init`, reduced to what plugins reach through @grafana/runtime. */
export async function installRuntimeServices(): Promise<void> {
  setLocale((config.bootData.user as { locale?: string }).locale ?? 'en-US');
  setWeekStart(config.bootData.user.weekStart);
  setTimeZoneResolver(() => config.bootData.user.timezone);
  locationUtil.initialize({
    config: config as never,
    getTimeRangeForUrl: () => ({ from: 'now-6h', to: 'now' }) as never,
    getVariablesUrlParams: () => ({}),
  });
  await initializeI18n({ language: 'en-US', ns: ['grafana'] });

  setBackendSrv(new HostBackendSrv());
  setEchoSrv(new RecordingEchoSrv());
  setLocationSrv(locationService);
  setAppEvents(new EventBusSrv());
  setTemplateSrv(new HostTemplateSrv());
  setDataSourceSrv(new HostDataSourceSrv());
  initDataSourceLayer();
  setRunRequest(hostRunRequest);
  setPluginImportUtils({ importPanelPlugin, getPanelPluginFromCache });
  setCurrentUser(config.bootData.user);
  initRegistries();

  setPluginPage(HostPluginPage);
  setPluginLinksHook(() => ({ links: [], isLoading: false }));
  setPluginComponentsHook(() => ({ components: [], isLoading: false }));
  setPluginComponentHook(() => ({ component: null, isLoading: false }));
  setPluginFunctionsHook(() => ({ functions: [], isLoading: false }));
  setReturnToPreviousHook(() => () => undefined);
  setChromeHeaderHeightHook(() => 40);
  setMegaMenuOpenHook(() => [false, () => undefined]);

  document.addEventListener('click', interceptLinkClicks);
}
