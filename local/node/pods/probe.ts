// httpGet probes (the only kind the local node runs), on the container's loopback port.
import type { V1Probe } from '@kubernetes/client-node';

import type { PortMap } from './ports';
import { resolvePort } from './ports';

/** true when the probe answers 200–399; a container without a probe is ready once it runs */
export async function probeOnce(probe: V1Probe | undefined, ports: PortMap, fallbackPort?: number): Promise<boolean> {
  if (!probe) {
    return true;
  }
  if (!probe.httpGet) {
    return true; // exec/tcp/grpc probes are not run: counted as passing (README)
  }
  const port = resolvePort(probe.httpGet.port as string | number | undefined, ports) ?? fallbackPort;
  if (port === undefined) {
    return false;
  }
  try {
    const res = await fetch(`http://127.0.0.1:${port}${probe.httpGet.path ?? '/'}`, {
      signal: AbortSignal.timeout((probe.timeoutSeconds ?? 1) * 1000),
    });
    await res.arrayBuffer();
    return res.status >= 200 && res.status < 400;
  } catch {
    return false;
  }
}
