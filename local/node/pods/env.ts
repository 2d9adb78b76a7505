// A container's environment as the kubelet resolves it: literal values, `fieldRef` (namespace, pod name, service
// account, …), `secretKeyRef`/`configMapKeyRef` and `envFrom`. A missing required Secret or ConfigMap is a
// CreateContainerConfigError: the container is not started.
import type { CoreV1Api, V1Container } from '@kubernetes/client-node';

export class CreateContainerConfigError extends Error {}

export interface PodIdentity {
  namespace: string;
  name: string;
  serviceAccountName: string;
  labels: Record<string, string>;
}

type Source = 'secret' | 'configmap';

async function readData(core: CoreV1Api, kind: Source, namespace: string, name: string) {
  try {
    if (kind === 'secret') {
      const secret = await core.readNamespacedSecret({ namespace, name });
      return Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])
      );
    }
    return (await core.readNamespacedConfigMap({ namespace, name })).data ?? {};
  } catch (err) {
    if ((err as { code?: number }).code === 404) {
      return undefined;
    }
    throw err;
  }
}

function fieldValue(path: string, pod: PodIdentity): string {
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) {
    return pod.labels[label[1]] ?? '';
  }
  const fields: Record<string, string> = {
    'metadata.namespace': pod.namespace,
    'metadata.name': pod.name,
    'spec.serviceAccountName': pod.serviceAccountName,
    'spec.nodeName': 'local-node',
    'status.podIP': '127.0.0.1',
    'status.hostIP': '127.0.0.1',
  };
  if (!(path in fields)) {
    throw new CreateContainerConfigError(`fieldRef ${path} is not supported by the local node`);
  }
  return fields[path];
}

export async function resolveEnv(
  core: CoreV1Api,
  pod: PodIdentity,
  container: V1Container
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  const cache = new Map<string, Record<string, string> | undefined>();
  const data = async (kind: Source, name: string) => {
    const key = `${kind}/${name}`;
    if (!cache.has(key)) {
      cache.set(key, await readData(core, kind, pod.namespace, name));
    }
    return cache.get(key);
  };
  for (const from of container.envFrom ?? []) {
    const ref = from.secretRef ?? from.configMapRef;
    const kind: Source = from.secretRef ? 'secret' : 'configmap';
    const values = ref?.name ? await data(kind, ref.name) : undefined;
    if (!values && !ref?.optional) {
      throw new CreateContainerConfigError(`${kind} "${ref?.name}" not found`);
    }
    Object.entries(values ?? {}).forEach(([k, v]) => (env[`${from.prefix ?? ''}${k}`] = v));
  }
  for (const e of container.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      env[e.name] = (e.value ?? '').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);
      continue;
    }
    if (from.fieldRef) {
      env[e.name] = fieldValue(from.fieldRef.fieldPath, pod);
      continue;
    }
    const ref = from.secretKeyRef ?? from.configMapKeyRef;
    const kind: Source = from.secretKeyRef ? 'secret' : 'configmap';
    if (!ref) {
      throw new CreateContainerConfigError(`env ${e.name}: resourceFieldRef is not supported by the local node`);
    }
    const value = (await data(kind, ref.name ?? ''))?.[ref.key];
    if (value === undefined) {
      if (ref.optional) {
        continue;
      }
      throw new CreateContainerConfigError(
        `couldn't find key ${ref.key} in ${kind === 'secret' ? 'Secret' : 'ConfigMap'} ${pod.namespace}/${ref.name}`
      );
    }
    env[e.name] = value;
  }
  return env;
}
