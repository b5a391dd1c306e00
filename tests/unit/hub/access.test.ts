// Who may reach what on the embedded hub: anonymous, signed-in non-members of approval circles, server-wide
// endpoints, accounts. Every route a client could use to read a circle is tried, including the ones
// express-pouchdb itself does not guard (_bulk_get, _find).
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, as, newCircle, newPerson, type Person } from './hub-http';
import accounts from '../../../src/hub/seed/accounts.json' with { type: 'json' };
import catalog from '../../../src/hub/seed/catalog.json' with { type: 'json' };

const openCircle = catalog.find((c) => c.policy === 'open')!;
const approvalCircle = catalog.find((c) => c.policy === 'approval')!;
let stranger: Person;

beforeAll(async () => {
  stranger = await newPerson('stranger');
});

/** Every way to read a database's content. */
function readRoutes(db: string): [string, string, unknown?][] {
  return [
    ['GET', db],
    ['GET', `${db}/_all_docs?include_docs=true`],
    ['GET', `${db}/_changes?include_docs=true`],
    ['GET', `${db}/_changes?feed=longpoll&timeout=100`],
    ['POST', `${db}/_all_docs`, { keys: ['pin'] }],
    ['POST', `${db}/_bulk_get`, { docs: [{ id: 'pin' }] }],
    ['POST', `${db}/_find`, { selector: { type: 'post' } }],
    ['POST', `${db}/_revs_diff`, { pin: ['1-a'] }],
    ['GET', `${db}/pin`],
    ['GET', `${db}/_security`],
  ];
}

describe('anonymous', () => {
  it.each(readRoutes(`circle_${openCircle._id}`))('gets 401 for %s %s (open circle)', async (method, path, body) => {
    expect((await anonymous().req(method, path, body)).status).toBe(401);
  });

  it('cannot write to an open circle', async () => {
    const answer = await anonymous().req('PUT', `circle_${openCircle._id}/post:anon`, { type: 'post', author: 'x', createdAt: new Date().toISOString(), text: 'x' });
    expect(answer.status).toBe(401);
  });

  it('may read the catalog (same for everyone) but not write it', async () => {
    const all = await anonymous().req<{ rows: unknown[] }>('GET', 'catalog/_all_docs');
    expect(all.status).toBe(200);
    expect(all.body.rows.length).toBeGreaterThanOrEqual(catalog.length);
    expect((await anonymous().req('PUT', 'catalog/evil', { name: 'x' })).status).toBe(401);
    expect((await anonymous().req('POST', 'catalog/_bulk_docs', { docs: [{ _id: 'evil' }] })).status).toBe(401);
  });

  it('may sign up and sign in, nothing else server-wide', async () => {
    expect((await anonymous().req('GET', '')).status).toBe(200);
    expect((await anonymous().req('GET', '_session')).status).toBe(200);
    expect((await anonymous().req('GET', '_all_dbs')).status).toBe(401);
    expect((await anonymous().req('GET', '_users/_all_docs')).status).toBe(401);
    expect((await anonymous().req('GET', `_users/org.couchdb.user:${accounts.members[0]!.name}`)).status).toBe(401);
    expect((await anonymous().req('PUT', 'newdb')).status).toBe(401);
  });

  it('wrong password is refused', async () => {
    expect((await as(accounts.members[0]!.name, 'wrong').req('GET', `circle_${openCircle._id}`)).status).toBe(401);
  });
});

describe('a signed-in person', () => {
  it('reads and writes an open circle without being listed anywhere', async () => {
    const db = `circle_${openCircle._id}`;
    expect((await stranger.req('GET', `${db}/_changes?limit=1`)).status).toBe(200);
    const joined = await stranger.req('PUT', `${db}/member:${stranger.name}`, { type: 'member', author: stranger.name, createdAt: new Date().toISOString() });
    expect(joined.status).toBe(201);
  });

  it.each(readRoutes(`circle_${approvalCircle._id}`))('who is not a member of an approval circle gets 403 for %s %s', async (method, path, body) => {
    expect((await stranger.req(method, path, body)).status).toBe(403);
  });

  it('who is not a member of an approval circle cannot write to it', async () => {
    const db = `circle_${approvalCircle._id}`;
    const post = { type: 'post', author: stranger.name, createdAt: new Date().toISOString(), text: 'let me in' };
    expect((await stranger.req('PUT', `${db}/post:x1`, post)).status).toBe(403);
    expect((await stranger.req('POST', `${db}/_bulk_docs`, { docs: [{ _id: 'post:x2', ...post }] })).status).toBe(403);
  });

  it('who is an approved demo member of an approval circle reads it', async () => {
    const member = accounts.members.find((m) => m.approvalCircles)!;
    const answer = await as(member.name, member.password).req<{ results: unknown[] }>('GET', `circle_${approvalCircle._id}/_changes`);
    expect(answer.status).toBe(200);
    expect(answer.body.results.length).toBeGreaterThan(5);
  });

  it('cannot list databases, read other accounts, create or delete databases, or use server endpoints', async () => {
    expect((await stranger.req('GET', '_all_dbs')).status).toBe(403);
    expect((await stranger.req('GET', '_users/_all_docs')).status).toBe(403);
    expect((await stranger.req('GET', `_users/org.couchdb.user:${accounts.members[0]!.name}`)).status).toBe(403);
    expect((await stranger.req('GET', '_users/org.couchdb.user:nobody-has-this-name')).status).toBe(403);
    expect((await stranger.req('PUT', 'brand-new-db')).status).toBe(403);
    expect((await stranger.req('DELETE', `circle_${openCircle._id}`)).status).toBe(403);
    expect((await stranger.req('GET', '_config')).status).toBe(403);
    expect((await stranger.req('POST', '_replicate', { source: 'a', target: 'b' })).status).toBe(403);
  });

  it('reads its own account but cannot give itself a role', async () => {
    const own = await stranger.req<Record<string, unknown>>('GET', `_users/org.couchdb.user:${stranger.name}`);
    expect(own.status).toBe(200);
    const promoted = await stranger.req('PUT', `_users/org.couchdb.user:${stranger.name}`, { ...own.body, roles: ['platform-admin'] });
    expect(promoted.status).toBeGreaterThanOrEqual(401);
  });

  it('cannot edit the _security of a circle it does not run', async () => {
    const db = `circle_${openCircle._id}`;
    const answer = await stranger.req('PUT', `${db}/_security`, { admins: { names: [stranger.name], roles: [] }, members: { names: [], roles: [] } });
    expect([401, 403]).toContain(answer.status);
  });

  it('cannot overwrite the hidden _local/_security doc directly or in bulk', async () => {
    const db = `circle_${openCircle._id}`;
    const evil = { security: { admins: { names: [stranger.name], roles: [] }, members: { names: [], roles: [] } } };
    expect((await stranger.req('PUT', `${db}/_local/_security`, evil)).status).toBe(403);
    expect((await stranger.req('PUT', `${db}/_local%2F_security`, evil)).status).toBe(403);
    expect((await stranger.req('POST', `${db}/_bulk_docs`, { docs: [{ _id: '_local/_security', ...evil }] })).status).toBe(403);
    expect((await stranger.req('POST', db, { _id: '_local/_security', ...evil })).status).toBe(403);
    const security = await stranger.req<{ admins: { names: string[] } }>('GET', `${db}/_security`);
    expect(security.body.admins.names).not.toContain(stranger.name);
  });

  it('cannot sign up with a role', async () => {
    const name = `sneaky-${Date.now().toString(36)}`;
    const answer = await anonymous().req('PUT', `_users/org.couchdb.user:${name}`, { _id: `org.couchdb.user:${name}`, name, password: 'x12345678', roles: ['platform-admin'], type: 'user' });
    expect(answer.status).toBe(403);
  });

  it('taking a name that exists is refused', async () => {
    const name = accounts.members[0]!.name;
    const answer = await anonymous().req('PUT', `_users/org.couchdb.user:${name}`, { _id: `org.couchdb.user:${name}`, name, password: 'x12345678', roles: [], type: 'user' });
    expect([403, 409]).toContain(answer.status);
  });
});

describe('a fresh circle', () => {
  it('is closed to anonymous and refuses non-admin database deletion', async () => {
    const op = await newPerson('op');
    const id = await newCircle(op);
    expect((await anonymous().req('GET', `circle_${id}`)).status).toBe(401);
    expect((await op.req('DELETE', `circle_${id}`)).status).toBe(403);
  });
});
