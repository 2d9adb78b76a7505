// `npm run generate` (with the rules): writes provisioning/dashboards/*.json from the builders.
// `--check` writes nothing and fails, naming them, when the committed files differ (the drift test runs that).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { format, resolveConfig } from 'prettier';

import { DASHBOARD_FILES, PROVISIONING_DIR, renderDashboards } from './render';

/** The committed text: JSON as the repository's Prettier writes it, so `prettier --check .` passes on it. */
async function dashboardJson(dashboard: Dashboard, file: string): Promise<string> {
  const options = (await resolveConfig(file)) ?? {};
  return format(JSON.stringify(dashboard), { ...options, parser: 'json' });
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const check = process.argv.includes('--check');
  const dashboards = renderDashboards();
  const drifted: string[] = [];
  for (const [key, file] of Object.entries(DASHBOARD_FILES)) {
    const path = join(root, PROVISIONING_DIR, file);
    const text = await dashboardJson(dashboards[key as keyof typeof DASHBOARD_FILES], path);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        drifted.push(`${PROVISIONING_DIR}/${file}`);
      }
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${PROVISIONING_DIR}/${file}`);
  }
  if (drifted.length > 0) {
    console.error(`not as generated (run npm run generate): ${drifted.join(', ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
