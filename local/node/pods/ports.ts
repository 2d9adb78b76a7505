// Containers all share 127.0.0.1 here, so every containerPort gets a free loopback port, and bind addresses in
// arguments and env (`:8080`, `0.0.0.0:8080`, `--metrics-bind-address=:8080`) are rewritten to it.
import type { V1Container } from '@kubernetes/client-node';

import { freePort } from '../../support/free-port';

export interface PortMap {
  /** containerPort → loopback port */
  byNumber: Map<number, number>;
  /** port name → loopback port */
  byName: Map<string, number>;
}

export async function allocatePorts(container: V1Container): Promise<PortMap> {
  const map: PortMap = { byNumber: new Map(), byName: new Map() };
  for (const port of container.ports ?? []) {
    const local = await freePort();
    map.byNumber.set(port.containerPort, local);
    if (port.name) {
      map.byName.set(port.name, local);
    }
  }
  return map;
}

export function rewriteBindAddress(value: string, ports: PortMap): string {
  return value.replace(/(^|=)(0\.0\.0\.0|\[::\]|)?:(\d+)$/, (match, lead: string, _host: string, port: string) => {
    const local = ports.byNumber.get(Number(port));
    return local === undefined ? match : `${lead}127.0.0.1:${local}`;
  });
}

/** the loopback port a probe or Service targetPort (name or number) means */
export function resolvePort(port: string | number | undefined, ports: PortMap): number | undefined {
  if (port === undefined) {
    return undefined;
  }
  return typeof port === 'number' || /^\d+$/.test(port) ? ports.byNumber.get(Number(port)) : ports.byName.get(port);
}
