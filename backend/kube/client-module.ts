// @kubernetes/client-node takes ~200 ms to load: every runtime use goes through k8s(), so that the module is
// loaded after the handshake (main.ts preloads it) instead of delaying Grafana's plugin start.
import type * as K8s from '@kubernetes/client-node';

let loaded: typeof K8s | undefined;

export function k8s(): typeof K8s {
  loaded ??= require('@kubernetes/client-node') as typeof K8s;
  return loaded;
}
