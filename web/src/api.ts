// The JSON API client: same-origin fetch with the session cookie, the CSRF token on every
// state-changing request, JSON errors turned into ApiError (with the fields they name), and a
// 401 sends the person to the sign-in page.
import { locale } from './i18n';
import type { FieldError, List, Page, SessionInfo, User } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    // Made by the pages in the page's language (a missing reason); the server's errors are worded
    // by code and field instead (errors.ts).
    readonly localised = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken = '';
let currentUser: User | null = null;
let onUnauthenticated: () => void = () => {};

export function sessionUser(): User | null {
  return currentUser;
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readError(response: Response): Promise<ApiError> {
  let code = 'http_' + response.status;
  let message = response.statusText || `HTTP ${response.status}`;
  let fields: FieldError[] = [];
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; fields?: FieldError[] } };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      fields = Array.isArray(body.error.fields) ? body.error.fields : [];
    }
  } catch {
    // Not JSON (a proxy's error page): keep the status text.
  }
  return new ApiError(response.status, code, message, fields);
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  raw?: Blob | ArrayBuffer;
  contentType?: string;
  // Sign-in answers 401 for a wrong password; that must not bounce to the sign-in page.
  allowUnauthenticated?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale() };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (response.status === 401 && !options.allowUnauthenticated) {
    csrfToken = '';
    currentUser = null;
    onUnauthenticated();
  }
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

export const api = {
  request,
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

// Lists come as {items} (paged ones with page, page_size and total); a bare array reads the same.
export function itemsOf<T>(value: Page<T> | List<T> | T[] | { items?: T[] } | null | undefined): T[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return Array.isArray(value.items) ? value.items : [];
}

export async function loadSession(): Promise<User | null> {
  try {
    const info = await request<SessionInfo>('GET', '/api/session', { allowUnauthenticated: true });
    csrfToken = info.csrf_token;
    currentUser = info.user;
    return info.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      csrfToken = '';
      currentUser = null;
      return null;
    }
    throw error;
  }
}

export async function signIn(login: string, password: string): Promise<User> {
  const info = await request<SessionInfo>('POST', '/api/session', { body: { login, password }, allowUnauthenticated: true });
  csrfToken = info.csrf_token;
  currentUser = info.user;
  return info.user;
}

export async function signOut(): Promise<void> {
  try {
    await request<void>('DELETE', '/api/session', { allowUnauthenticated: true });
  } finally {
    csrfToken = '';
    currentUser = null;
  }
}
