import { createRoot } from 'react-dom/client';

import { App } from './App';
import { installRuntimeServices } from './services/install';

async function boot(): Promise<void> {
  await installRuntimeServices();
  createRoot(document.getElementById('reactRoot')!).render(<App />);
}

boot().catch((error: unknown) => {
  console.error('host boot failed', error);
  document.body.textContent = `Host boot failed: ${String(error)}`;
});
