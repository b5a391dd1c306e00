// The embedded hub keeps sessions as the production set-up does (scripts/provision-couchdb.ts): 30 days from their
// last use, not express-pouchdb's 10 minutes, after which every return meant signing in again; and in a cookie that
// outlives the browser session (allow_persistent_cookies), so closing the browser or the installed app does not.
import { describe, expect, inject, it } from 'vitest';
import { hasHub, hubUrl } from '../sync/hub-fixture';

describe.skipIf(!hasHub)('embedded hub sessions', () => {
  it('last 30 days, in a cookie that lasts as long, renewed on use and cleared on sign-out', async () => {
    const admin = inject('hubAdmin' as never) as { name: string; password: string };
    const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
    const timeout = await fetch(`${hubUrl()}_config/couch_httpd_auth/timeout`, { headers: { authorization: auth } });
    expect(String(await timeout.json())).toBe('2592000');
    // express-pouchdb's own Max-Age would be those seconds read as milliseconds by Express: 43 minutes.
    const session = await fetch(`${hubUrl()}_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: admin.name, password: admin.password }) });
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^AuthSession=[^;]+; Path=\/; HttpOnly; Max-Age=2592000$/);
    const authSession = cookie.split(';')[0]!;
    // Each request signed in by the cookie renews it for another 30 days.
    const used = await fetch(`${hubUrl()}_session`, { headers: { cookie: authSession } });
    expect(((await used.json()) as { userCtx: { name: string } }).userCtx.name).toBe(admin.name);
    expect(used.headers.get('set-cookie')).toMatch(/^AuthSession=[^;]+;.*Max-Age=2592000$/);
    // Signing out clears it: the last cookie of the answer (the browser applies them in order) expires it at once.
    const out = await fetch(`${hubUrl()}_session`, { method: 'DELETE', headers: { cookie: authSession } });
    const last = out.headers.getSetCookie().at(-1)!;
    expect(last).toMatch(/^AuthSession=;.*Expires=Thu, 01 Jan 1970/);
    expect(last).not.toMatch(/Max-Age/);
  });
});
