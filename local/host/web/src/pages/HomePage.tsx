import { hostBootData } from '../boot-data';
import { HostPluginPage } from '../chrome/HostPluginPage';

/** `/`: the host's home, a list of the apps it serves. */
export function HomePage() {
  const apps = hostBootData().navTree.find((node) => node.id === 'apps')?.children ?? [];
  return (
    <HostPluginPage pageNav={{ text: 'Home', subTitle: 'Grafana-shaped host for local development and tests' }}>
      <ul>
        {apps.map((app) => (
          <li key={app.id}>
            <a href={app.url}>{app.text}</a> (<a href={`/plugins/${app.pluginId}`}>configuration</a>)
          </li>
        ))}
      </ul>
    </HostPluginPage>
  );
}

export function NotFoundPage() {
  return (
    <HostPluginPage pageNav={{ text: 'Page not found' }}>
      <div data-testid="host-not-found">Page not found</div>
    </HostPluginPage>
  );
}
