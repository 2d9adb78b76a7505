import { formFromJsonData, settingsPayload, validateForm } from './settingsForm';

describe('settings form', () => {
  it('round-trips jsonData and never carries the stored token', () => {
    const form = formFromJsonData(
      {
        prometheusDatasourceUid: 'prom',
        kubernetes: { apiUrl: 'https://k8s:6443', namespaces: ['a', 'b'] },
        slo: { objective: 0.99, window: '7d' },
      },
      true
    );
    expect(form).toMatchObject({
      mode: 'apiUrl',
      token: '',
      tokenConfigured: true,
      namespaces: 'a, b',
      objective: '0.99',
    });
    expect(validateForm(form)).toEqual({});
    expect(settingsPayload(form)).toEqual({
      jsonData: {
        kubernetes: { mode: 'apiUrl', apiUrl: 'https://k8s:6443', namespaces: ['a', 'b'] },
        prometheusDatasourceUid: 'prom',
        slo: { objective: 0.99, window: '7d' },
      },
    });
  });

  it('sends a newly typed token as secureJsonData only', () => {
    const form = { ...formFromJsonData({}, false), mode: 'apiUrl' as const, apiUrl: 'https://x', token: 's3cret' };
    const payload = settingsPayload(form);
    expect(payload.secureJsonData).toEqual({ bearerToken: 's3cret' });
    expect(JSON.stringify(payload.jsonData)).not.toContain('s3cret');
  });

  it.each([
    [{ mode: 'kubeconfig' as const, kubeconfigPath: 'relative' }, 'kubeconfigPath'],
    [{ mode: 'apiUrl' as const, apiUrl: 'http://insecure' }, 'apiUrl'],
    [{ mode: 'apiUrl' as const, apiUrl: 'https://x' }, 'token'],
    [{ objective: '1.5' }, 'objective'],
    [{ window: 'forever' }, 'window'],
  ])('rejects %j', (patch, field) => {
    expect(Object.keys(validateForm({ ...formFromJsonData({}, false), ...patch }))).toContain(field);
  });

  it('defaults to in-cluster with nothing set', () => {
    expect(settingsPayload(formFromJsonData(undefined, false))).toEqual({
      jsonData: { kubernetes: { mode: 'inCluster' } },
    });
  });
});
