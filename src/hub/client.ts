/**
 * The one way the app talks to the circle hub (CouchDB protocol). In the browser the base URL is `/hub` on
 * the same origin and the `_session` cookie travels by itself; under Node (tests, bench) the client keeps
 * the AuthSession cookie in its own small jar because Node's fetch has none.
 */
export interface HubErrorBody {
  error?: string;
  reason?: string;
}

export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
    readonly url: string,
  ) {
    super(`${status} ${error}: ${reason}`);
    this.name = 'HubError';
  }
  /** The hub refused on purpose (membership, rules): retrying will not help. */
  get isRefusal(): boolean {
    return this.status === 403;
  }
  /**
   * The hub does not know who is asking: the session cookie expired (after a while away) or is gone. Not a refusal:
   * nothing is denied or rejected for it; the person signs in again and everything carries on (session.ts).
   */
  get isSignedOut(): boolean {
    return this.status === 401;
  }
  /** Worth retrying later: a 5xx or a network failure (status 0). */
  get isTransient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HubClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

export class HubClient {
  readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private cookie: string | undefined;

  constructor(options: HubClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '/hub').replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  url(path: string, query?: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
    const search = params.size ? `?${params}` : '';
    return `${this.baseUrl}/${path.replace(/^\/+/, '')}${search}`;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new HubError(0, 'network', error instanceof Error ? error.message : String(error), url);
    }
    this.keepCookie(response);
    const text = await bodyText(response, options.signal);
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const body = (data ?? {}) as HubErrorBody;
      throw new HubError(response.status, body.error ?? 'http', body.reason ?? response.statusText, url);
    }
    return data as T;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  /** Node only: browsers hide Set-Cookie from scripts and manage the cookie themselves. */
  private keepCookie(response: Response): void {
    const setCookie = response.headers.get('set-cookie');
    if (!setCookie) return;
    const match = /AuthSession=([^;]*)/.exec(setCookie);
    if (match) this.cookie = match[1] ? `AuthSession=${match[1]}` : undefined;
  }
}

let shared: HubClient | undefined;

/** The app's hub client (base `/hub`); tests and the bench may replace it with `setHubClient`. */
export function hubClient(): HubClient {
  shared ??= new HubClient();
  return shared;
}

export function setHubClient(client: HubClient | undefined): void {
  shared = client;
}

/** Document ids go into URL paths; `:` is fine but everything else is encoded. */
export function docPath(dbName: string, docId: string): string {
  return `${encodeURIComponent(dbName)}/${encodeURIComponent(docId).replace(/%3A/g, ':')}`;
}

/**
 * The response body, or the abort. Node's fetch (undici, which the tests and the Node hub tools use) can leave
 * `text()` pending forever when the signal aborts while the body is still arriving: the sync engine's stop then
 * waited on a large catalog page and never let go of the leader lock (seen under load in the engine's tests).
 */
function bodyText(response: Response, signal: AbortSignal | undefined): Promise<string> {
  if (!signal) return response.text();
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<string>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    response.text().then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

