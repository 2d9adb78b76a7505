// Test helper for teardown tests: starts a control plane, prints {"dataDir","pids"} as one JSON line, then
// ends as told by argv[2]: "hang" (wait to be killed) or "exit" (process.exit without calling stop()).
import { startControlPlane } from './harness';

void (async () => {
  const cp = await startControlPlane({ crds: [], faultProxy: false });
  process.stdout.write(JSON.stringify({ dataDir: cp.dataDir, pids: cp.pids }) + '\n');
  if (process.argv[2] === 'exit') {
    setTimeout(() => process.exit(0), 100);
  } else {
    setInterval(() => undefined, 1000);
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
