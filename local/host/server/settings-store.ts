import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { parse as parseYaml } from 'yaml';

import type { HostAppSettings } from './host-types';
import { HttpError } from './http-io';

/** Where the host keeps the app's settings, like Grafana's `plugin_setting` row. */
export function settingsFile(stateDir: string): string {
  return path.join(stateDir, 'grafana', 'plugin-settings.json');
}

const EMPTY: HostAppSettings = { enabled: false, pinned: false, jsonData: {}, secureJsonData: {}, updatedMs: 0 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Settings from provisioning/plugins/*.yaml (`apps: [{type, disabled, jsonData, secureJsonData}]`), as Grafana provisions them. */
export function provisionedSettings(provisioningDir: string, pluginId: string): HostAppSettings | undefined {
  const dir = path.join(provisioningDir, 'plugins');
  if (!existsSync(dir)) {
    return undefined;
  }
  for (const name of readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()) {
    const doc: unknown = parseYaml(readFileSync(path.join(dir, name), 'utf8'));
    const apps = isRecord(doc) && Array.isArray(doc.apps) ? doc.apps : [];
    const app: unknown = apps.find((entry: unknown) => isRecord(entry) && entry.type === pluginId);
    if (isRecord(app)) {
      return {
        enabled: app.disabled !== true,
        pinned: false,
        jsonData: isRecord(app.jsonData) ? app.jsonData : {},
        secureJsonData: isRecord(app.secureJsonData) ? stringValues(app.secureJsonData, 'secureJsonData') : {},
        updatedMs: Date.now(),
      };
    }
  }
  return undefined;
}

function stringValues(record: Record<string, unknown>, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value !== 'string') {
      throw new HttpError(400, `${what}.${key} must be a string`);
    }
    out[key] = value;
  }
  return out;
}

/**
 * Applies `POST /api/plugins/:id/settings` the way Grafana's UpdatePluginSetting does: enabled, pinned and jsonData
 * are replaced by what the body says (absent means false / empty), secureJsonData is merged key by key and an empty
 * string clears a key.
 */
export function applySettingsUpdate(current: HostAppSettings, body: unknown, nowMs: number): HostAppSettings {
  if (!isRecord(body)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  if (body.jsonData !== undefined && body.jsonData !== null && !isRecord(body.jsonData)) {
    throw new HttpError(400, 'jsonData must be an object');
  }
  if (body.secureJsonData !== undefined && body.secureJsonData !== null && !isRecord(body.secureJsonData)) {
    throw new HttpError(400, 'secureJsonData must be an object');
  }
  const secureJsonData = { ...current.secureJsonData };
  for (const [key, value] of Object.entries(stringValues(body.secureJsonData ?? {}, 'secureJsonData'))) {
    if (value === '') {
      delete secureJsonData[key];
    } else {
      secureJsonData[key] = value;
    }
  }
  return {
    enabled: body.enabled === true,
    pinned: body.pinned === true,
    jsonData: isRecord(body.jsonData) ? body.jsonData : {},
    secureJsonData,
    updatedMs: nowMs,
  };
}

export interface SettingsStore {
  get(): HostAppSettings;
  update(body: unknown): HostAppSettings;
}

/** File-backed settings (mode 0600: it holds secrets), seeded from `seed` when the file does not exist yet. */
export function openSettingsStore(stateDir: string, seed: () => Partial<HostAppSettings> | undefined): SettingsStore {
  const file = settingsFile(stateDir);
  const write = (settings: HostAppSettings): void => {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  let settings: HostAppSettings;
  if (existsSync(file)) {
    settings = { ...EMPTY, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<HostAppSettings>) };
  } else {
    settings = { ...EMPTY, ...seed(), updatedMs: Date.now() };
    write(settings);
  }
  return {
    get: () => settings,
    update(body) {
      settings = applySettingsUpdate(settings, body, Date.now());
      write(settings);
      return settings;
    },
  };
}
