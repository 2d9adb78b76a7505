import { of, throwError } from 'rxjs';

import type { ApiErrorCode, FunctionsResponse } from '../../backend/api/types';

import { ResourceError } from './resourceError';
import { resources } from './resources';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
}));

const list: FunctionsResponse = { apiVersion: 'v1', items: [], namespaces: null };

describe('resources client', () => {
  beforeEach(() => fetch.mockReset());

  it('calls the resource API without toasts and returns the typed body', async () => {
    fetch.mockReturnValue(of({ data: list, status: 200 }));
    await expect(resources.functions({ runtime: 'go', namespace: '' })).resolves.toEqual(list);
    expect(fetch).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/plugins/knative-lambda-app/resources/functions',
        method: 'GET',
        params: { runtime: 'go' },
        showErrorAlert: false,
      })
    );
  });

  it('encodes path segments', async () => {
    fetch.mockReturnValue(of({ data: {}, status: 200 }));
    await resources.function('a/b', 'c d');
    expect(fetch.mock.calls[0][0].url).toBe('/api/plugins/knative-lambda-app/resources/functions/a%2Fb/c%20d');
  });

  it('posts the deploy body', async () => {
    fetch.mockReturnValue(of({ data: {}, status: 200 }));
    await resources.deployOperator({ dryRun: true });
    expect(fetch.mock.calls[0][0]).toMatchObject({
      method: 'POST',
      url: expect.stringMatching(/operator\/deploy$/),
      data: { dryRun: true },
    });
  });

  it.each<[ApiErrorCode, number]>([
    ['not_configured', 503],
    ['kubernetes_unavailable', 503],
    ['crd_missing', 503],
    ['forbidden', 403],
    ['not_found', 404],
  ])('turns a %s answer into a typed error', async (code, status) => {
    fetch.mockReturnValue(throwError(() => ({ status, data: { error: code, message: `msg ${code}` } })));
    const err = await resources.operator().catch((e) => e);
    expect(err).toBeInstanceOf(ResourceError);
    expect(err).toMatchObject({ code, status, message: `msg ${code}` });
  });

  it.each([
    [{ status: 502, data: '<html>Bad Gateway</html>', statusText: 'Bad Gateway' }, 502],
    [{ status: 0, data: undefined }, 0],
    [new TypeError('Failed to fetch'), 0],
  ])('calls anything else unreachable (%j)', async (thrown, status) => {
    fetch.mockReturnValue(throwError(() => thrown));
    const err = await resources.functions().catch((e) => e);
    expect(err).toMatchObject({ code: 'unreachable', status });
    expect(err.message).toMatch(/did not answer/);
  });
});
