import { KubeConfig } from '@kubernetes/client-node';

import { accessIdentity } from './access-identity';

type User = { token?: string; certData?: string; keyData?: string };

function config(server: string, user: User, caData = 'Q0E=', names = { cluster: 'c', user: 'u' }): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: names.cluster, server, caData, skipTLSVerify: false }],
    users: [{ name: names.user, ...user }],
    contexts: [{ name: 'ctx', cluster: names.cluster, user: names.user }],
    currentContext: 'ctx',
  });
  return kc;
}

const URL = 'https://127.0.0.1:6443';

test('the same cluster, credentials and namespaces are one identity, whatever the kubeconfig calls them', () => {
  const a = accessIdentity(config(URL, { token: 't1' }), ['a', 'b']);
  expect(accessIdentity(config(URL, { token: 't1' }, 'Q0E=', { cluster: 'other', user: 'name' }), ['a', 'b'])).toBe(a);
});

test('a different token, certificate, CA, server or namespace list is a different identity', () => {
  const base = accessIdentity(config(URL, { token: 't1' }), null);
  const others = [
    accessIdentity(config(URL, { token: 't2' }), null),
    accessIdentity(config(URL, { certData: 'Y2VydA==', keyData: 'a2V5' }), null),
    accessIdentity(config(URL, { token: 't1' }, 'T1RIRVI='), null),
    accessIdentity(config('https://127.0.0.1:7443', { token: 't1' }), null),
    accessIdentity(config(URL, { token: 't1' }), ['a']),
  ];
  expect(new Set([base, ...others]).size).toBe(others.length + 1);
});

test('the identity is a digest: it never carries the token', () => {
  expect(accessIdentity(config(URL, { token: 'secret-token' }), null)).toMatch(/^[0-9a-f]{64}$/);
});
