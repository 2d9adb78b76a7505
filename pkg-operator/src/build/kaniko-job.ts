// The Kaniko build Job of one content hash and the ConfigMaps that carry its context. The archive is split
// over ConfigMaps (binaryData, < 1 MiB each); an init container joins the parts into the Kaniko workspace.
import type { V1ConfigMap, V1Job, V1Volume, V1VolumeMount } from '@kubernetes/client-node';

import type { LambdaFunction } from '../api';
import { buildJobName, buildLabels, contextConfigMapName, ownerReference } from '../naming/names';

import { parseDurationSeconds } from './duration';

export interface BuildSettings {
  kanikoImage: string;
  /** joins the context parts; any image with sh and cat */
  helperImage: string;
  /** pass --insecure to Kaniko (plain-HTTP registries such as an in-cluster one) */
  insecureRegistry: boolean;
  /** Secret with a .dockerconfigjson for the registry, mounted for Kaniko; optional */
  registrySecret?: string;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}

export const DEFAULT_BUILD_SETTINGS: BuildSettings = {
  kanikoImage: 'gcr.io/kaniko-project/executor:v1.23.2',
  helperImage: 'busybox:1.36',
  insecureRegistry: false,
  resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
};

const ARCHIVE_KEY = 'context.tar.gz';
const PARTS_DIR = '/context-parts';
const WORKSPACE = '/workspace';

export interface BuildPlan {
  fn: LambdaFunction;
  contentHash: string;
  image: string;
  parts: Buffer[];
  timeout: string;
}

export function contextConfigMaps({ fn, contentHash, parts }: BuildPlan): V1ConfigMap[] {
  const name = fn.metadata.name ?? '';
  return parts.map((part, i) => ({
    metadata: {
      name: contextConfigMapName(name, contentHash, i),
      namespace: fn.metadata.namespace,
      labels: buildLabels(name, fn.spec.runtime.language, contentHash),
      ownerReferences: [ownerReference(fn)],
    },
    binaryData: { [ARCHIVE_KEY]: part.toString('base64') },
    immutable: true,
  }));
}

const restricted = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: 65532,
  capabilities: { drop: ['ALL'] },
};

export function kanikoJob(plan: BuildPlan, settings: BuildSettings): V1Job {
  const { fn, contentHash, image, parts } = plan;
  const name = fn.metadata.name ?? '';
  const labels = buildLabels(name, fn.spec.runtime.language, contentHash);
  const partVolumes: V1Volume[] = parts.map((_, i) => ({
    name: `part-${i}`,
    configMap: { name: contextConfigMapName(name, contentHash, i) },
  }));
  const partMounts: V1VolumeMount[] = parts.map((_, i) => ({
    name: `part-${i}`,
    mountPath: `${PARTS_DIR}/${String(i).padStart(2, '0')}`,
    readOnly: true,
  }));
  const workspace: V1VolumeMount = { name: 'workspace', mountPath: WORKSPACE };
  const secretVolume: V1Volume[] = settings.registrySecret
    ? [
        {
          name: 'registry-auth',
          secret: { secretName: settings.registrySecret, items: [{ key: '.dockerconfigjson', path: 'config.json' }] },
        },
      ]
    : [];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: buildJobName(name, contentHash),
      namespace: fn.metadata.namespace,
      labels,
      ownerReferences: [ownerReference(fn)],
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: parseDurationSeconds(plan.timeout),
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          initContainers: [
            {
              name: 'context',
              image: settings.helperImage,
              command: ['sh', '-c', `cat ${PARTS_DIR}/*/${ARCHIVE_KEY} > ${WORKSPACE}/${ARCHIVE_KEY}`],
              volumeMounts: [...partMounts, workspace],
              securityContext: restricted,
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
            },
          ],
          containers: [
            {
              name: 'kaniko',
              image: settings.kanikoImage,
              args: [
                `--context=tar://${WORKSPACE}/${ARCHIVE_KEY}`,
                `--destination=${image}`,
                '--digest-file=/dev/termination-log',
                ...(settings.insecureRegistry ? ['--insecure'] : []),
              ],
              // Kaniko unpacks base images into its own root filesystem, so it runs as root: it gets no
              // service-account token, no extra capabilities beyond the default set, and a deadline
              securityContext: { allowPrivilegeEscalation: false },
              volumeMounts: [
                workspace,
                ...(settings.registrySecret
                  ? [{ name: 'registry-auth', mountPath: '/kaniko/.docker', readOnly: true }]
                  : []),
              ],
              resources: settings.resources,
            },
          ],
          volumes: [{ name: 'workspace', emptyDir: { sizeLimit: '2Gi' } }, ...partVolumes, ...secretVolume],
        },
      },
    },
  };
}
