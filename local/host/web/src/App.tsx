import { config, LocationServiceProvider, locationService } from '@grafana/runtime';
import {
  ErrorBoundaryAlert,
  GlobalStyles,
  ModalRoot,
  ModalsProvider,
  PortalContainer,
  ThemeContext,
} from '@grafana/ui';
import { Router } from 'react-router-dom-v5';
import { CompatRouter, Route, Routes } from 'react-router-dom-v5-compat';

import { AppChrome } from './chrome/AppChrome';
import { ChromeProvider } from './chrome/chrome-context';
import { AppRootPage } from './pages/AppRootPage';
import { HomePage, NotFoundPage } from './pages/HomePage';
import { PluginDetailsPage } from './pages/PluginDetailsPage';

/** Grafana's AppWrapper + RouterWrapper: theme, v5 Router on locationService's history, CompatRouter (v6 API), routes. */
export function App() {
  return (
    <ErrorBoundaryAlert>
      <ThemeContext.Provider value={config.theme2}>
        <GlobalStyles />
        <Router history={locationService.getHistory()}>
          <LocationServiceProvider service={locationService}>
            <CompatRouter>
              <ModalsProvider>
                <ChromeProvider>
                  <AppChrome>
                    <Routes>
                      <Route path="/a/:pluginId/*" element={<AppRootPage />} />
                      <Route path="/plugins/:pluginId" element={<PluginDetailsPage />} />
                      <Route path="/" element={<HomePage />} />
                      <Route path="*" element={<NotFoundPage />} />
                    </Routes>
                  </AppChrome>
                </ChromeProvider>
                <ModalRoot />
              </ModalsProvider>
            </CompatRouter>
          </LocationServiceProvider>
        </Router>
        <PortalContainer />
      </ThemeContext.Provider>
    </ErrorBoundaryAlert>
  );
}
