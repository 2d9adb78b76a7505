import { screenshotDir } from './screenshots';

export default async function globalSetup(): Promise<void> {
  console.log(`screenshots of this run: ${screenshotDir()}`);
  const health = await fetch(`${process.env.GRAFANA_URL}/api/health`).catch((e: Error) => e);
  if (health instanceof Error || !health.ok) {
    throw new Error(
      `no Grafana answers at GRAFANA_URL=${process.env.GRAFANA_URL}: ${health instanceof Error ? health.message : health.status}`
    );
  }
}
