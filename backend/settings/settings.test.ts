// App settings: jsonData edge cases Grafana really sends, validation, and the per-org cache.
import type { AppInstanceSettings } from '../protocol/wire-types';

import { kubeAccessSettings, parseJsonData, SettingsError } from './app-settings';
import { OrgSettingsCache } from './org-settings-cache';

const settings = (jsonData: string, secure: Record<string, string> = {}): AppInstanceSettings => ({
  jsonData: Buffer.from(jsonData),
  decryptedSecureJsonData: secure,
  lastUpdatedMS: '-6795364578871',
  apiVersion: '',
});

describe('app settings', () => {
  it('treats empty, whitespace and null jsonData as {}', () => {
    for (const raw of ['', '  ', 'null', ' null\n']) {
      expect(parseJsonData(Buffer.from(raw))).toEqual({});
    }
    expect(parseJsonData(undefined)).toEqual({});
  });

  it('rejects jsonData that is not a JSON object, saying why', () => {
    expect(() => parseJsonData(Buffer.from('{'))).toThrow(/not valid JSON/);
    expect(() => parseJsonData(Buffer.from('[1]'))).toThrow(/must be a JSON object/);
    expect(() => parseJsonData(Buffer.from('42'))).toThrow(SettingsError);
  });

  it('picks the access mode from what is configured', () => {
    expect(kubeAccessSettings(settings('')).mode).toBe('inCluster');
    expect(kubeAccessSettings(settings('{"kubernetes":{"kubeconfigPath":"/etc/k"}}')).mode).toBe('kubeconfig');
    const api = kubeAccessSettings(
      settings('{"kubernetes":{"apiUrl":"https://k8s.example:6443","namespaces":["b","a","b"]}}', { bearerToken: 't' })
    );
    expect(api).toMatchObject({ mode: 'apiUrl', bearerToken: 't', namespaces: ['a', 'b'] });
  });

  it('rejects unsafe or incomplete settings', () => {
    const bad: Array<[string, Record<string, string>, RegExp]> = [
      ['{"kubernetes":{"apiUrl":"http://k8s.example"}}', { bearerToken: 't' }, /https/],
      ['{"kubernetes":{"apiUrl":"https://k8s.example"}}', {}, /bearer token/],
      ['{"kubernetes":{"mode":"kubeconfig","kubeconfigPath":"relative/path"}}', {}, /absolute/],
      ['{"kubernetes":{"namespaces":["Not_A_Namespace"]}}', {}, /namespace names/],
      ['{"kubernetes":{"namespaces":"team-a"}}', {}, /namespace names/],
      ['{"kubernetes":{"mode":"magic"}}', {}, /mode must be/],
      ['{"kubernetes":{"apiUrl":42}}', {}, /must be a string/],
    ];
    for (const [json, secure, message] of bad) {
      expect(() => kubeAccessSettings(settings(json, secure))).toThrow(message);
    }
  });
});

describe('per-org settings cache', () => {
  it('rebuilds an org only when its lastUpdatedMS changes, and disposes the old value', () => {
    const disposed: string[] = [];
    const cache = new OrgSettingsCache<string>((v) => disposed.push(v));
    let builds = 0;
    const build = (tag: string) => () => `${tag}#${++builds}`;
    expect(cache.get('1', '-6795364578871', build('a'))).toBe('a#1');
    expect(cache.get('1', '-6795364578871', build('a'))).toBe('a#1');
    expect(cache.get('2', '-6795364578871', build('b'))).toBe('b#2');
    // int64 values beyond 2^53 compare exactly (as strings)
    expect(cache.get('1', '9007199254740993', build('a'))).toBe('a#3');
    expect(cache.get('1', '9007199254740992', build('a'))).toBe('a#4');
    expect(disposed).toEqual(['a#1', 'a#3']);
    cache.clear();
    expect(disposed).toEqual(['a#1', 'a#3', 'a#4', 'b#2']);
  });
});
