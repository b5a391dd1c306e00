// The embedded hub keeps sessions as the production set-up does (scripts/provision-couchdb.ts): 30 days from their
// last use, not express-pouchdb's 10 minutes, after which every return meant signing in again.
import { describe, expect, inject, it } from 'vitest';
import { hasHub, hubUrl } from '../sync/hub-fixture';

describe.skipIf(!hasHub)('embedded hub sessions', () => {
  it('last 30 days, in a cookie that is not cut short', async () => {
    const admin = inject('hubAdmin' as never) as { name: string; password: string };
    const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
    const timeout = await fetch(`${hubUrl()}_config/couch_httpd_auth/timeout`, { headers: { authorization: auth } });
    expect(String(await timeout.json())).toBe('2592000');
    // A Max-Age here would be that number of seconds read as milliseconds by Express: 43 minutes.
    const session = await fetch(`${hubUrl()}_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: admin.name, password: admin.password }) });
    expect(session.headers.get('set-cookie')).not.toMatch(/Max-Age|Expires/i);
  });
});
