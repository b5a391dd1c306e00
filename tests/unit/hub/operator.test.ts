// Operator rights (issue #6), enforced by the hub: each tried by the operator (allowed) and by a member
// going straight to the hub (refused). Every test runs in circles it creates, so seed circles stay intact.
import { beforeAll, describe, expect, it } from 'vitest';
import { requestsDbName } from '../../../src/hub/provision';
import { anonymous, doc, editSecurity, newCircle, newPerson, nowIso, type Person } from './hub-http';

let operator: Person;
let member: Person;

beforeAll(async () => {
  [operator, member] = await Promise.all([newPerson('op'), newPerson('m')]);
});

const put = (person: Person, db: string, body: Record<string, unknown>) => person.req('PUT', `${db}/${encodeURIComponent(String(body._id))}`, body);

describe('creating a circle (embedded hub: at once)', () => {
  it('provisions the db, _security, rules and the catalog entry, run by the requester', async () => {
    const creator = await newPerson('creator');
    const id = await newCircle(creator, 'approval');
    const entry = await anonymous().req<{ operators: string[]; policy: string; name: { en: string } }>('GET', `catalog/${id}`);
    expect(entry.status).toBe(200);
    expect(entry.body.operators).toEqual([creator.name]);
    expect(entry.body.policy).toBe('approval');
    const security = await creator.req<{ admins: { names: string[]; roles: string[] }; members: { roles: string[] } }>('GET', `circle_${id}/_security`);
    expect(security.body.admins).toEqual({ names: [creator.name], roles: ['platform-admin'] });
    expect(security.body.members.roles).toEqual(['platform-admin']);
    expect((await creator.req('GET', `circle_${id}/_design/rules`)).status).toBe(200);
    expect((await creator.req('GET', `${requestsDbName(id)}/_design/rules`)).status).toBe(200);
    expect((await put(creator, `circle_${id}`, doc('pin', creator.name!, { text: 'hi' }, 'pin'))).status).toBe(201);
    // approval circle: nobody else gets in
    expect((await member.req('GET', `circle_${id}`)).status).toBe(403);
    const account = await creator.req<{ roles: string[] }>('GET', `_users/org.couchdb.user:${creator.name}`);
    expect(account.body.roles).toContain('operator');
  });

  it('refuses anonymous, bad ids, missing fields and duplicates', async () => {
    const body = { id: 'valid-id-x', policy: 'open', name: { zh: '圈', en: 'C' }, description: { zh: '描述', en: 'D' } };
    expect((await anonymous().req('POST', '_quanzi/circles', body)).status).toBe(401);
    expect((await member.req('POST', '_quanzi/circles', { ...body, id: 'Bad Id!' })).status).toBe(400);
    expect((await member.req('POST', '_quanzi/circles', { ...body, id: '_users' })).status).toBe(400);
    expect((await member.req('POST', '_quanzi/circles', { ...body, name: { zh: '圈' } })).status).toBe(400);
    expect((await member.req('POST', '_quanzi/circles', { ...body, audience: { topic: 'astrology' } })).status).toBe(400);
    expect((await member.req('POST', '_quanzi/circles', { ...body, audience: { minCount: 2 } })).status).toBe(400);
    expect((await member.req('POST', '_quanzi/circles', { ...body, policy: 'secret' })).status).toBe(400);
    const id = await newCircle(operator);
    const again = await member.req('POST', '_quanzi/circles', { ...body, id });
    expect(again.status).toBe(409);
  });
});

describe('pin and remove', () => {
  it('the operator pins, unpins and removes a member post with a reason; a member cannot', async () => {
    const db = `circle_${await newCircle(operator)}`;
    const post = doc('post', member.name!, { text: 'spam spam' });
    expect((await put(member, db, post)).status).toBe(201);
    const removal = doc('removal', operator.name!, { target: post._id, reason: 'spam' }, `removal:${post._id}`);
    expect((await put(member, db, { ...removal, author: member.name })).status).toBe(403);
    expect((await put(operator, db, removal)).status).toBe(201);
    const pin = await put(operator, db, doc('pin', operator.name!, { text: 'Rules: be kind' }, 'pin'));
    expect(pin.status).toBe(201);
    expect((await operator.req('DELETE', `${db}/pin?rev=${pin.body.rev}`)).status).toBe(200);
  });
});

describe('mute', () => {
  it('a muted member is refused until the mute ends; the member cannot unmute itself', async () => {
    const db = `circle_${await newCircle(operator)}`;
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await editSecurity(operator, db, (s) => (s.mutes = { ...s.mutes, [member.name!]: until }))).status).toBe(200);
    expect((await put(operator, db, doc('mute', operator.name!, { user: member.name, until }, `mute:${member.name}`))).status).toBe(201);

    const refused = await put(member, db, doc('post', member.name!, { text: 'can I talk?' }));
    expect(refused.status).toBe(403);
    expect(String(refused.body.reason)).toMatch(/muted/);
    expect((await editSecurity(member, db, (s) => (s.mutes = {}))).status).toBe(403);
    // others still post
    const other = await newPerson('o');
    expect((await put(other, db, doc('post', other.name!, { text: 'fine' }))).status).toBe(201);

    const past = new Date(Date.now() - 1000).toISOString();
    expect((await editSecurity(operator, db, (s) => (s.mutes[member.name!] = past))).status).toBe(200);
    expect((await put(member, db, doc('post', member.name!, { text: 'back' }))).status).toBe(201);
  });
});

describe('approval circles', () => {
  it('request → operator approves → the member reads; others cannot read requests; requester cannot decide', async () => {
    const id = await newCircle(operator, 'approval');
    const requests = requestsDbName(id);
    const requester = await newPerson('req');
    const nosy = await newPerson('nosy');
    const request = { _id: `request:${requester.name}`, type: 'request', user: requester.name, createdAt: nowIso(), message: 'I love this brand' };

    expect((await requester.req('GET', `circle_${id}`)).status).toBe(403);
    expect((await put(requester, requests, { ...request, decision: 'approved' })).status).toBe(403);
    expect((await put(nosy, requests, { ...request })).status).toBe(403); // for someone else
    const sent = await put(requester, requests, request);
    expect(sent.status).toBe(201);

    for (const path of [`${requests}/_all_docs`, `${requests}/_changes`, `${requests}/request:${requester.name}`, requests]) {
      expect((await nosy.req('GET', path)).status, path).toBe(403);
    }
    expect((await nosy.req('POST', `${requests}/_bulk_get`, { docs: [{ id: `request:${requester.name}` }] })).status).toBe(403);
    expect((await requester.req('GET', `${requests}/_all_docs`)).status).toBe(403);
    expect((await requester.req('GET', `${requests}/request:${requester.name}`)).status).toBe(200);

    const pending = await operator.req<{ rows: { id: string }[] }>('GET', `${requests}/_all_docs`);
    expect(pending.body.rows.map((r) => r.id)).toContain(`request:${requester.name}`);

    // approve: _security members first, then the decision
    expect((await editSecurity(requester, `circle_${id}`, (s) => s.members.names.push(requester.name))).status).toBe(403);
    expect((await editSecurity(operator, `circle_${id}`, (s) => s.members.names.push(requester.name))).status).toBe(200);
    const decided = await put(operator, requests, { ...request, _rev: sent.body.rev, decision: 'approved', decidedBy: operator.name, decidedAt: nowIso() });
    expect(decided.status).toBe(201);

    expect((await requester.req('GET', `circle_${id}/_changes`)).status).toBe(200);
    expect((await put(requester, `circle_${id}`, doc('post', requester.name!, { text: 'thanks!' }))).status).toBe(201);
    const own = await requester.req<{ decision: string }>('GET', `${requests}/request:${requester.name}`);
    expect(own.body.decision).toBe('approved');
    expect((await nosy.req('GET', `circle_${id}`)).status).toBe(403);
  });

  it('deny: the requester reads the reason, cannot overturn it, and stays out', async () => {
    const id = await newCircle(operator, 'approval');
    const requests = requestsDbName(id);
    const requester = await newPerson('req');
    const request = { _id: `request:${requester.name}`, type: 'request', user: requester.name, createdAt: nowIso() };
    const sent = await put(requester, requests, request);
    const denied = await put(operator, requests, { ...request, _rev: sent.body.rev, decision: 'denied', reason: 'Customers only', decidedBy: operator.name, decidedAt: nowIso() });
    expect(denied.status).toBe(201);
    const own = await requester.req<Record<string, unknown>>('GET', `${requests}/request:${requester.name}`);
    expect(own.body).toMatchObject({ decision: 'denied', reason: 'Customers only' });
    const overturn = await put(requester, requests, { ...own.body, decision: undefined, reason: undefined, decidedBy: undefined });
    expect(overturn.status).toBe(403);
    expect((await requester.req('GET', `circle_${id}/_all_docs`)).status).toBe(403);
  });
});

describe('co-operators', () => {
  it('an operator adds a co-operator (who then has operator rights) and removes them again', async () => {
    const id = await newCircle(operator);
    const db = `circle_${id}`;
    const coop = await newPerson('coop');
    expect((await put(coop, db, doc('event', coop.name!, { title: 'x', startsAt: nowIso() }))).status).toBe(403);

    // a member cannot make itself an operator, neither in _security nor in the catalog
    expect((await editSecurity(member, db, (s) => s.admins.names.push(member.name))).status).toBe(403);
    const entry = await operator.req<Record<string, any>>('GET', `catalog/${id}`);
    expect((await member.req('PUT', `catalog/${id}`, { ...entry.body, operators: [...entry.body.operators, member.name] })).status).toBe(403);

    expect((await editSecurity(operator, db, (s) => s.admins.names.push(coop.name))).status).toBe(200);
    const added = await operator.req('PUT', `catalog/${id}`, { ...entry.body, operators: [...entry.body.operators, coop.name] });
    expect(added.status).toBe(201);
    expect((await put(coop, db, doc('event', coop.name!, { title: 'Co-run meetup', startsAt: nowIso() }))).status).toBe(201);

    expect((await editSecurity(operator, db, (s) => (s.admins.names = s.admins.names.filter((n: string) => n !== coop.name)))).status).toBe(200);
    expect((await put(coop, db, doc('event', coop.name!, { title: 'no longer', startsAt: nowIso() }))).status).toBe(403);
  });
});

describe('catalog entry', () => {
  it('its operator edits description and audience only; a member edits nothing', async () => {
    const id = await newCircle(operator);
    const entry = (await operator.req<Record<string, any>>('GET', `catalog/${id}`)).body;
    expect((await member.req('PUT', `catalog/${id}`, { ...entry, description: { zh: '改', en: 'Changed' } })).status).toBe(403);
    expect((await operator.req('PUT', `catalog/${id}`, { ...entry, name: { zh: '新名', en: 'Renamed' } })).status).toBe(403);
    expect((await operator.req('PUT', `catalog/${id}`, { ...entry, policy: 'approval' })).status).toBe(403);
    expect((await operator.req('PUT', `catalog/${id}`, { ...entry, operators: [] })).status).toBe(403);
    // Criteria every device would have to read: the hub refuses shapes the matcher cannot use.
    for (const audience of [{ minCount: 2 }, { topic: 'coffee', merchant: ['x'] }, { any: [] }, { all: [{ merchant: [' '] }] }, { topic: 'coffee', withinDays: 0 }, [{ topic: 'coffee' }]]) {
      const refused = await operator.req<{ reason?: string }>('PUT', `catalog/${id}`, { ...entry, audience });
      expect(refused.status, JSON.stringify(audience)).toBe(403);
    }
    const edited = await operator.req('PUT', `catalog/${id}`, {
      ...entry, description: { zh: '新描述', en: 'New text' }, audience: { any: [{ topic: 'coffee', minCount: 2, withinDays: 90 }, { merchant: ['Manner'] }] },
    });
    expect(edited.status).toBe(201);
    expect((await member.req('PUT', 'catalog/brand-new', { name: { zh: 'x', en: 'x' } })).status).toBe(403);
    expect((await operator.req('DELETE', `catalog/${id}?rev=${edited.body.rev}`)).status).toBe(403);
  });

  it('its operator sets the names on statements; a member may not, and names every device could not use are refused', async () => {
    const id = await newCircle(operator);
    const entry = (await operator.req<Record<string, any>>('GET', `catalog/${id}`)).body;
    expect((await member.req('PUT', `catalog/${id}`, { ...entry, merchants: ['瑞幸'] })).status).toBe(403);
    for (const merchants of ['瑞幸', ['x'], [' 瑞 '], ['ok', 3], ['a'.repeat(61)], Array.from({ length: 21 }, (_, i) => `shop ${i}`)]) {
      const refused = await operator.req<{ reason?: string }>('PUT', `catalog/${id}`, { ...entry, merchants });
      expect(refused.status, JSON.stringify(merchants)).toBe(403);
      expect(refused.body.reason).toMatch(/merchants/);
    }
    const edited = await operator.req('PUT', `catalog/${id}`, { ...entry, merchants: ['瑞幸', 'luckin'] });
    expect(edited.status).toBe(201);
    expect((await anonymous().req<{ merchants: string[] }>('GET', `catalog/${id}`)).body.merchants).toEqual(['瑞幸', 'luckin']);
  });

  it('a new circle can name its statement names; names that cannot be used are refused with the reason', async () => {
    const body = { policy: 'open', name: { zh: '圈', en: 'C' }, description: { zh: '描述', en: 'D' } };
    const id = `names-${Date.now().toString(36)}`;
    const created = await operator.req('POST', '_quanzi/circles', { ...body, id, merchants: [' Manner ', 'manner', '曼纳咖啡'] });
    expect(created.status).toBe(201);
    expect((await anonymous().req<{ merchants: string[] }>('GET', `catalog/${id}`)).body.merchants).toEqual(['Manner', '曼纳咖啡']);
    const refused = await operator.req<{ reason: string }>('POST', '_quanzi/circles', { ...body, id: `${id}-b`, merchants: ['M'] });
    expect(refused.status).toBe(400);
    expect(refused.body.reason).toBe("merchants: 'M' is not 2 to 60 characters");
  });
});
