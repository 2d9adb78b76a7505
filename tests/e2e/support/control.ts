/**
 * Outage and rebuild steps need a handle on the stack: E2E_CONTROL_URL serves
 *   POST /prometheus/stop · /prometheus/start · /backend/stop · /backend/start · /rebuild/<namespace>/<name>
 * (the local stack's test runner provides it). Without it these specs fail, naming what is missing.
 */
export async function control(action: string): Promise<void> {
  const base = process.env.E2E_CONTROL_URL;
  if (!base) {
    throw new Error(`E2E_CONTROL_URL is required to ${action} (see tests/e2e/README.md)`);
  }
  const response = await fetch(`${base}/${action}`, { method: 'POST' });
  if (!response.ok) {
    throw new Error(`control ${action}: HTTP ${response.status} ${await response.text()}`);
  }
}
