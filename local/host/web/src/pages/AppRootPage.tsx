import { PluginContextProvider, type AppPluginMeta, type NavModelItem, type UrlQueryMap } from '@grafana/data';
import { config, locationSearchToObject } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { useEffect, useMemo } from 'react';
import { useLocation, useParams } from 'react-router-dom-v5-compat';

import { hostBootData } from '../boot-data';
import { useChrome } from '../chrome/chrome-context';
import { roleAllows } from '../host-role';

import { PluginErrorBoundary } from './PluginErrorBoundary';
import { useAppPlugin } from './use-app-plugin';

function sectionNavFor(pluginId: string): NavModelItem | undefined {
  const apps = hostBootData().navTree.find((node) => node.id === 'apps');
  const node = apps?.children?.find((child) => child.pluginId === pluginId);
  return node
    ? {
        text: node.text,
        url: node.url,
        img: node.img,
        children: node.children?.map((c) => ({ text: c.text, url: c.url })),
      }
    : undefined;
}

/** The include the current path belongs to, for its `role` check ("Access denied" as in Grafana). */
function includeForPath(meta: AppPluginMeta, pathname: string) {
  return (meta.includes ?? []).find((include) => include.path && pathname.startsWith(include.path));
}

/** `/a/:pluginId/*`: AppRootPage semantics — settings, enabled check, include role check, then `plugin.root`. */
export function AppRootPage() {
  const { pluginId = '' } = useParams();
  const location = useLocation();
  const { meta, plugin, error } = useAppPlugin(pluginId, true);
  const { setSectionNav } = useChrome();
  const query = useMemo<UrlQueryMap>(() => locationSearchToObject(location.search), [location.search]);
  useEffect(() => {
    setSectionNav(sectionNavFor(pluginId));
    return () => setSectionNav(undefined);
  }, [pluginId, setSectionNav]);

  if (error) {
    return <Alert title={`App not found: ${pluginId}`}>{error}</Alert>;
  }
  if (!meta) {
    return <LoadingPlaceholder text="Loading plugin" />;
  }
  if (!meta.enabled) {
    return (
      <Alert title="App not enabled">The {meta.name} app is not enabled. Enable it on its configuration page.</Alert>
    );
  }
  const include = includeForPath(meta, location.pathname);
  if (include?.role && !roleAllows(config.bootData.user.orgRole, include.role)) {
    return <Alert title="Access denied">You do not have permission to see this page.</Alert>;
  }
  if (!plugin?.root) {
    return plugin ? (
      <Alert title="App has no root page">{meta.name} exports no root component.</Alert>
    ) : (
      <LoadingPlaceholder text="Loading plugin" />
    );
  }
  const Root = plugin.root;
  return (
    <PluginContextProvider meta={plugin.meta as AppPluginMeta}>
      <PluginErrorBoundary>
        <Root
          meta={plugin.meta as AppPluginMeta}
          basename={`/a/${pluginId}`}
          onNavChanged={() => undefined}
          query={query}
          path={location.pathname}
        />
      </PluginErrorBoundary>
    </PluginContextProvider>
  );
}
