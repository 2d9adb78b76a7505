import { PluginContextProvider, type AppPluginMeta, type NavModelItem } from '@grafana/data';
import { config, locationSearchToObject } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { useMemo } from 'react';
import { useLocation, useParams } from 'react-router-dom-v5-compat';

import { HostPluginPage } from '../chrome/HostPluginPage';

import { PluginErrorBoundary } from './PluginErrorBoundary';
import { useAppPlugin } from './use-app-plugin';

/**
 * `/plugins/:pluginId`: the plugin details page, reduced to its header and the app's `configPages` as tabs
 * (`?page=<id>`, the first by default). As in Grafana, only admins get the configuration tabs.
 */
export function PluginDetailsPage() {
  const { pluginId = '' } = useParams();
  const location = useLocation();
  const { meta, plugin, error } = useAppPlugin(pluginId, false);
  const query = useMemo(() => locationSearchToObject(location.search), [location.search]);
  if (error) {
    return <Alert title={`Plugin not found: ${pluginId}`}>{error}</Alert>;
  }
  if (!meta || !plugin) {
    return <LoadingPlaceholder text="Loading plugin" />;
  }
  const isAdmin = config.bootData.user.orgRole === 'Admin';
  const pages = isAdmin ? (plugin.configPages ?? []) : [];
  const active = pages.find((page) => page.id === query.page) ?? pages[0];
  const pageNav: NavModelItem = {
    text: meta.name,
    subTitle: meta.info.description,
    img: meta.info.logos.small,
    url: `/plugins/${pluginId}`,
    children: pages.map((page) => ({
      text: page.title,
      icon: page.icon,
      url: `/plugins/${pluginId}?page=${encodeURIComponent(page.id)}`,
      active: page === active,
    })),
  };
  const Body = active?.body;
  return (
    <HostPluginPage pageNav={pageNav}>
      {Body ? (
        <PluginContextProvider meta={plugin.meta as AppPluginMeta}>
          <PluginErrorBoundary>
            <Body plugin={plugin} query={query} />
          </PluginErrorBoundary>
        </PluginContextProvider>
      ) : (
        <div data-testid="host-plugin-overview">{meta.info.description}</div>
      )}
    </HostPluginPage>
  );
}
