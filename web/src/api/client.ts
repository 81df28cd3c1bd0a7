import type { ApiError as ApiErrorBody } from '../../../server/api-types.ts';
import { i18n } from '../i18n/i18n.ts';

/** Every non-2xx answer of the API becomes this: the server's code, message and field messages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

let onUnauthorized: () => void = () => {};

/** The app registers what a 401 means (back to the login screen) once, at start. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type Body = Record<string, unknown> | unknown[] | FormData | undefined;

interface RequestOptions {
  /** The caller handles 401 itself (the login form, the "who am I" probe). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

async function request<T>(method: string, url: string, body?: Body, opts: RequestOptions = {}): Promise<T> {
  // The language on screen, for answers the server words itself (before login it has no other way to know).
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language || 'ru' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const e = (data as Partial<ApiErrorBody> | undefined)?.error;
    if (res.status === 401 && !opts.quiet401) onUnauthorized();
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? defaultMessage(res.status), e?.fields ?? {});
  }
  return data as T;
}

function defaultMessage(status: number): string {
  if (status === 401) return i18n.t('errors.unauthorized');
  if (status === 403) return i18n.t('errors.forbidden');
  if (status === 404) return i18n.t('errors.notFound');
  if (status === 409) return i18n.t('errors.conflict');
  if (status === 413) return i18n.t('errors.tooLarge');
  if (status === 429) return i18n.t('errors.rateLimited');
  if (status >= 500) return i18n.t('errors.server');
  return i18n.t('errors.requestFailed');
}

export const api = {
  get: <T>(url: string, opts?: RequestOptions) => request<T>('GET', url, undefined, opts),
  post: <T>(url: string, body?: Body, opts?: RequestOptions) => request<T>('POST', url, body ?? {}, opts),
  patch: <T>(url: string, body: Body, opts?: RequestOptions) => request<T>('PATCH', url, body, opts),
  del: <T>(url: string, opts?: RequestOptions) => request<T>('DELETE', url, undefined, opts),
};

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = Object.entries(err.fields);
    if (fields.length && err.status === 400) return `${err.message}: ${fields.map(([k, v]) => `${k} — ${v}`).join('; ')}`;
    return err.message;
  }
  return err instanceof Error ? err.message : i18n.t('errors.unknown');
}

/** The field messages of a failed save (none for any other error). */
export function fieldErrors(err: unknown): Record<string, string> {
  return err instanceof ApiError ? err.fields : {};
}

/** The message for a form field, including the server's per-item keys of a list field (`phoneNumbers.1`). */
export function fieldError(fields: Record<string, string>, name: string): string | undefined {
  return fields[name] ?? Object.entries(fields).find(([k]) => k.startsWith(`${name}.`))?.[1];
}
