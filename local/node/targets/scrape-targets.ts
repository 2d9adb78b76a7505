// Keeps Prometheus file_sd files in step with the pods the node runs and the PodMonitors, ServiceMonitors and
// Services in the API: one JSON file per monitor endpoint, written atomically (temp file + rename). Endpoints
// with honorLabels go under `honor-labels/`, the others under `plain/` (honor_labels is per scrape config).
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { KubeConfig, KubernetesListObject, KubernetesObject, V1Service } from '@kubernetes/client-node';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';

import type { Watch } from '../kube/watch';
import { keyOf, watchResource } from '../kube/watch';

import type { Monitor, PodView, ServiceView, TargetFile } from './monitor-targets';
import { podMonitorTargets, serviceMonitorTargets } from './monitor-targets';

export const HONOR_LABELS_DIR = 'honor-labels';
export const PLAIN_DIR = 'plain';

function serviceView(svc: V1Service): ServiceView {
  return {
    namespace: svc.metadata?.namespace ?? '',
    name: svc.metadata?.name ?? '',
    labels: svc.metadata?.labels ?? {},
    selector: svc.spec?.selector ?? {},
    ports: (svc.spec?.ports ?? []).map((p) => ({
      name: p.name,
      port: p.port,
      targetPort: p.targetPort as string | number | undefined,
    })),
  };
}

export class ScrapeTargets {
  private readonly pods = new Map<string, PodView>();
  private readonly services = new Map<string, ServiceView>();
  private readonly monitors = new Map<string, Monitor>();
  private readonly written = new Map<string, string>();
  private readonly watches: Watch[] = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly targetsDir: string,
    private readonly log: (line: string) => void
  ) {
    for (const dir of [HONOR_LABELS_DIR, PLAIN_DIR]) {
      fs.mkdirSync(path.join(targetsDir, dir), { recursive: true });
    }
  }

  watch(kc: KubeConfig): void {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const core = kc.makeApiClient(CoreV1Api);
    const monitorWatch = (plural: string, kind: Monitor['kind']) =>
      watchResource<KubernetesObject>(
        kc,
        `/apis/monitoring.coreos.com/v1/${plural}`,
        () =>
          custom.listClusterCustomObject({ group: 'monitoring.coreos.com', version: 'v1', plural }) as Promise<
            KubernetesListObject<KubernetesObject>
          >,
        (event, obj) => {
          const key = `${kind}/${keyOf(obj)}`;
          if (event === 'delete') {
            this.monitors.delete(key);
          } else {
            this.monitors.set(key, { ...(obj as unknown as Monitor), kind });
          }
          this.changed();
        },
        this.log
      );
    this.watches.push(
      monitorWatch('podmonitors', 'PodMonitor'),
      monitorWatch('servicemonitors', 'ServiceMonitor'),
      watchResource<V1Service>(
        kc,
        '/api/v1/services',
        () => core.listServiceForAllNamespaces(),
        (event, svc) => {
          if (event === 'delete') {
            this.services.delete(keyOf(svc));
          } else {
            this.services.set(keyOf(svc), serviceView(svc));
          }
          this.changed();
        },
        this.log
      )
    );
  }

  setPod(pod: PodView): void {
    this.pods.set(`${pod.namespace}/${pod.name}`, pod);
    this.changed();
  }

  removePod(namespace: string, name: string): void {
    if (this.pods.delete(`${namespace}/${name}`)) {
      this.changed();
    }
  }

  /** the target files as they are now (what the files on disk hold, a few ms later) */
  files(): TargetFile[] {
    const pods = [...this.pods.values()];
    const services = [...this.services.values()];
    return [...this.monitors.values()].flatMap((m) =>
      m.kind === 'PodMonitor' ? podMonitorTargets(m, pods) : serviceMonitorTargets(m, services, pods)
    );
  }

  /** writes now instead of after the debounce */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) {
      return;
    }
    const wanted = new Map<string, string>();
    for (const file of this.files()) {
      const dir = file.honorLabels ? HONOR_LABELS_DIR : PLAIN_DIR;
      wanted.set(path.join(this.targetsDir, dir, `${file.id}.json`), `${JSON.stringify(file.groups, null, 2)}\n`);
    }
    for (const [file, content] of wanted) {
      if (this.written.get(file) !== content) {
        fs.writeFileSync(`${file}.tmp`, content);
        fs.renameSync(`${file}.tmp`, file);
        this.written.set(file, content);
      }
    }
    for (const file of this.written.keys()) {
      if (!wanted.has(file)) {
        fs.rmSync(file, { force: true });
        this.written.delete(file);
      }
    }
  }

  private changed(): void {
    this.timer ??= setTimeout(() => {
      try {
        this.flush();
      } catch (err) {
        this.log(`writing scrape targets into ${this.targetsDir} failed: ${String(err)}`);
      }
    }, 50);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.watches.map((w) => w.stop()));
    for (const file of this.written.keys()) {
      fs.rmSync(file, { force: true });
    }
    this.written.clear();
    for (const dir of [HONOR_LABELS_DIR, PLAIN_DIR]) {
      fs.rmSync(path.join(this.targetsDir, dir), { recursive: true, force: true });
    }
  }
}
