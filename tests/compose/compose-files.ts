// docker-compose.yaml as Compose resolves it here: the grafana service merged with the base file it extends.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

import { parse } from 'yaml';

import { REPO_ROOT } from '../../rules/outputs';

export const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yaml');

export interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  network_mode?: string;
  depends_on?: string[];
  extends?: { file: string; service: string };
  /** Directory relative paths of this service resolve against (the file that defines them). */
  baseDir: string;
}

export interface ComposeFile {
  services: Record<string, Service>;
  'x-host-builds': Array<{ entry: string; out: string }>;
}

export function readYaml(file: string): Record<string, unknown> {
  return parse(readFileSync(file, 'utf8'), { merge: true });
}

/** Compose's extends: the base service, with the extending service's keys on top (maps merged, lists appended). */
export function resolvedCompose(): ComposeFile {
  const doc = readYaml(COMPOSE_FILE) as unknown as ComposeFile;
  const services: Record<string, Service> = {};
  for (const [name, service] of Object.entries(doc.services)) {
    services[name] = { ...service, baseDir: REPO_ROOT };
    if (service.extends) {
      const baseFile = resolve(REPO_ROOT, service.extends.file);
      const base = (readYaml(baseFile) as unknown as ComposeFile).services[service.extends.service];
      const { extends: _extends, ...own } = service;
      services[name] = {
        ...base,
        ...own,
        environment: { ...base.environment, ...own.environment },
        volumes: [...(base.volumes ?? []), ...(own.volumes ?? [])],
        baseDir: dirname(baseFile),
      };
    }
  }
  return { ...doc, services };
}

export interface BindMount {
  source: string;
  target: string;
  readOnly: boolean;
}

export function bindMounts(service: Service): BindMount[] {
  return (service.volumes ?? []).map((spec) => {
    const [source, target, mode] = spec.split(':');
    return {
      source: isAbsolute(source) ? source : resolve(service.baseDir, source),
      target,
      readOnly: mode === 'ro',
    };
  });
}
