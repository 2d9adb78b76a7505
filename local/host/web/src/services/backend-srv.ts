import { AppEvents } from '@grafana/data';
import {
  getAppEvents,
  type BackendSrv,
  type BackendSrvRequest,
  type FetchError,
  type FetchResponse,
} from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

function withParams(url: string, params: BackendSrvRequest['params']): string {
  if (!params || Object.keys(params).length === 0) {
    return url;
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) {
        search.append(key, String(item));
      }
    }
  }
  const query = search.toString();
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

function requestBody(options: BackendSrvRequest, headers: Headers): BodyInit | undefined {
  const data: unknown = options.data;
  if (data === undefined || options.method === 'GET' || options.method === undefined) {
    return undefined;
  }
  if (typeof data === 'string' || data instanceof FormData || data instanceof Blob || data instanceof URLSearchParams) {
    return data;
  }
  if (headers.get('Content-Type')?.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(data as Record<string, string>).toString();
  }
  headers.set('Content-Type', 'application/json');
  return JSON.stringify(data);
}

function isLocal(url: string): boolean {
  return !/^https?:\/\//.test(url) || url.startsWith(window.location.origin);
}

/** Grafana shows a toast when asked, and by default only for local non-GET, non-query calls. */
function wantsAlert(flag: boolean | undefined, options: BackendSrvRequest): boolean {
  if (flag !== undefined) {
    return flag;
  }
  return (
    options.method !== undefined &&
    options.method !== 'GET' &&
    !options.url.startsWith('/api/ds/query') &&
    isLocal(options.url)
  );
}

async function parseBody(res: Response, options: BackendSrvRequest): Promise<unknown> {
  if (options.responseType === 'blob') {
    return res.blob();
  }
  if (options.responseType === 'arraybuffer') {
    return res.arrayBuffer();
  }
  const text = await res.text();
  if (options.responseType === 'text' || text === '') {
    return text;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function messageOf(data: unknown, fallback: string): string {
  const record = (data ?? {}) as { message?: unknown; error?: unknown };
  return String(record.message ?? record.error ?? fallback);
}

/**
 * Grafana's backendSrv over `window.fetch` (so Playwright's `page.route()` sees every call): params, JSON or form
 * bodies, the FetchResponse shape, FetchError `{status, data, config}`, cancellation of a previous request with the
 * same `requestId`, and the success/error toasts.
 */
export class HostBackendSrv implements BackendSrv {
  private readonly inFlight = new Map<string, AbortController>();

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      if (options.requestId) {
        this.inFlight.get(options.requestId)?.abort();
        this.inFlight.set(options.requestId, controller);
      }
      const headers = new Headers((options.headers ?? {}) as Record<string, string>);
      headers.set('X-Grafana-Org-Id', '1');
      const url = withParams(options.url, options.params);
      const init: RequestInit = {
        method: options.method ?? 'GET',
        headers,
        body: requestBody(options, headers),
        signal: controller.signal,
        credentials: 'same-origin',
      };
      window
        .fetch(url, init)
        .then(async (res) => {
          const data = (await parseBody(res, options)) as T;
          const response: FetchResponse<T> = {
            data,
            status: res.status,
            statusText: res.statusText,
            ok: res.ok,
            headers: res.headers,
            url: res.url,
            type: res.type,
            redirected: res.redirected,
            config: options,
          };
          if (!res.ok) {
            const error: FetchError = { status: res.status, statusText: res.statusText, data, config: options };
            if (wantsAlert(options.showErrorAlert, options)) {
              getAppEvents().publish({ type: AppEvents.alertError.name, payload: [messageOf(data, res.statusText)] });
            }
            subscriber.error(error);
            return;
          }
          if (wantsAlert(options.showSuccessAlert, options) && (data as { message?: string })?.message) {
            getAppEvents().publish({ type: AppEvents.alertSuccess.name, payload: [messageOf(data, '')] });
          }
          subscriber.next(response);
          subscriber.complete();
        })
        .catch((error: unknown) => {
          const cancelled = controller.signal.aborted;
          subscriber.error({
            status: cancelled ? -1 : 0,
            statusText: cancelled ? 'Request was aborted' : String(error),
            data: { message: cancelled ? 'Request was aborted' : String(error) },
            cancelled,
            config: options,
          });
        })
        .finally(() => {
          if (options.requestId && this.inFlight.get(options.requestId) === controller) {
            this.inFlight.delete(options.requestId);
          }
        });
      return () => controller.abort();
    });
  }

  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return this.fetch<Uint8Array | undefined>({ ...options, responseType: 'arraybuffer' });
  }

  async datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return (await this.datasourceRequest<T>(options)).data;
  }

  get<T = unknown>(
    url: string,
    params?: BackendSrvRequest['params'],
    requestId?: string,
    options?: Partial<BackendSrvRequest>
  ): Promise<T> {
    return this.request<T>({ ...options, url, params, requestId, method: 'GET' });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }
}
