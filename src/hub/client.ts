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
  /** Part of the work `alone` runs: sent while every other request waits. */
  exclusive?: boolean;
}

export class HubClient {
  readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private cookie: string | undefined;
  /** Requests under way, each with its own way to be cut (see `alone`). */
  private readonly inFlight = new Set<AbortController>();
  /** Set while `alone` runs: other requests wait for it. */
  private hold: Promise<void> | undefined;

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
    while (this.hold && !options.exclusive) await this.hold;
    const cut = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, cut.signal]) : cut.signal;
    this.inFlight.add(cut);
    try {
      return await this.send<T>(method, path, options, signal);
    } finally {
      this.inFlight.delete(cut);
    }
  }

  /**
   * Runs `work` with no other request to the hub under way: those in flight are cut, and new ones wait until it is
   * done. The hub renews the AuthSession cookie with every answer and cannot revoke one (it is signed, not stored),
   * so an answer that lands after a sign-out would sign this browser in again. `work` sends with `exclusive`.
   */
  async alone<T>(work: () => Promise<T>): Promise<T> {
    while (this.hold) await this.hold;
    let release!: () => void;
    this.hold = new Promise<void>((resolve) => (release = resolve));
    this.cutRequests();
    try {
      return await work();
    } finally {
      this.hold = undefined;
      release();
    }
  }

  /** Cuts every request under way; their callers get an AbortError, as on any abort. */
  cutRequests(): void {
    for (const cut of this.inFlight) cut.abort(new DOMException('The request was cut by a sign-out', 'AbortError'));
  }

  private async send<T>(method: string, path: string, options: RequestOptions, signal: AbortSignal): Promise<T> {
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
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new HubError(0, 'network', error instanceof Error ? error.message : String(error), url);
    }
    this.keepCookie(response);
    const text = await bodyText(response, signal);
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

  /**
   * Node only: browsers hide Set-Cookie from scripts and manage the cookie themselves. The last AuthSession wins,
   * as in a browser: the hub's sign-out answer renews the cookie first, then clears it.
   */
  private keepCookie(response: Response): void {
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const setCookie = headers.getSetCookie ? headers.getSetCookie().join('\n') : headers.get('set-cookie');
    if (!setCookie) return;
    const last = [...setCookie.matchAll(/AuthSession=([^;,\n]*)/g)].at(-1);
    if (last) this.cookie = last[1] ? `AuthSession=${last[1]}` : undefined;
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
function bodyText(response: Response, signal: AbortSignal): Promise<string> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<string>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    response.text().then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

