// The hub's AuthSession cookie is HttpOnly: only the hub can end it. A sign-out that could not reach the hub (Sign out
// or "delete everything" offline) is remembered and finished later, so the next person at the browser is not signed in.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubClient } from '../../../src/hub/client';
import { ACCOUNT_KEY, currentAccount, endHubSession, finishPendingHubSignOut, hubSignOutPending, signIn, signOut } from '../../../src/hub/session';
import { QuanziDB } from '../../../src/db/schema';

let counter = 0;
const calls: string[] = [];
let reachable = true;

/** A hub that answers GET /_session with who is signed in; only the sign-out steps are recorded. */
const client = () => new HubClient({
  baseUrl: 'http://hub.test',
  fetch: async (url, init) => {
    const method = init?.method ?? 'GET';
    if (method !== 'GET') calls.push(`${method} ${new URL(url).pathname}`);
    if (!reachable) throw new TypeError('Failed to fetch');
    if (method === 'GET') return new Response(JSON.stringify({ ok: true, userCtx: { name: null, roles: [] } }), { status: 200 });
    const body = method === 'POST' ? { ok: true, name: 'amy', roles: [] } : { ok: true };
    return new Response(JSON.stringify(body), { status: 200 });
  },
});

beforeEach(() => {
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
    removeItem: (key: string) => void store.delete(key),
  });
  calls.length = 0;
  reachable = true;
});
afterEach(() => vi.unstubAllGlobals());

describe('ending the hub session', () => {
  it('reports whether the hub ended it, and remembers one it could not end', async () => {
    reachable = false;
    expect(await endHubSession(client())).toBe(false);
    expect(hubSignOutPending()).toBe(true);
    reachable = true;
    expect(await endHubSession(client())).toBe(true);
    expect(hubSignOutPending()).toBe(false);
    expect(calls).toEqual(['DELETE /_session', 'DELETE /_session']);
  });

  it('a pending sign-out is finished at the next chance, and only when one is pending', async () => {
    await finishPendingHubSignOut(client());
    expect(calls).toEqual([]);
    reachable = false;
    await endHubSession(client());
    await finishPendingHubSignOut(client()); // still out of reach: stays pending
    expect(hubSignOutPending()).toBe(true);
    reachable = true;
    await finishPendingHubSignOut(client());
    expect(hubSignOutPending()).toBe(false);
    expect(calls).toEqual(['DELETE /_session', 'DELETE /_session', 'DELETE /_session']);
  });

  it('Sign out offline forgets the account here and leaves the hub sign-out pending', async () => {
    const db = new QuanziDB(`sign-out-${process.pid}-${counter++}`);
    await db.settings.put({ key: ACCOUNT_KEY, value: { name: 'amy', roles: [], signedInAt: new Date().toISOString() } });
    reachable = false;
    expect(await signOut(client(), db)).toBe(false); // the screen says the server hears of it once back online
    expect(await currentAccount(db)).toBeUndefined();
    expect(hubSignOutPending()).toBe(true);
  });

  it('signing in replaces the old cookie, so a pending sign-out no longer ends anything (it would end the new session)', async () => {
    const db = new QuanziDB(`sign-in-${process.pid}-${counter++}`);
    reachable = false;
    await endHubSession(client());
    reachable = true;
    await signIn('amy', 'password-1', client(), db);
    expect(hubSignOutPending()).toBe(false);
    calls.length = 0;
    await finishPendingHubSignOut(client());
    expect(calls).toEqual([]);
  });

  it('a hub that never answers the sign-out holds the other requests only for a while, and the sign-out stays pending', async () => {
    let hang = true;
    const hanging = new HubClient({
      baseUrl: 'http://hub.test',
      fetch: (url, init) => {
        if (hang && init?.method === 'DELETE') {
          return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }));
        }
        return Promise.resolve(new Response(JSON.stringify({ ok: true, userCtx: { name: null } }), { status: 200 }));
      },
    });
    const signingOut = endHubSession(hanging, 50);
    const other = hanging.get('catalog');
    expect(await signingOut).toBe(false);
    expect(hubSignOutPending()).toBe(true);
    await expect(other).resolves.toMatchObject({ ok: true });
    hang = false;
  });
});
