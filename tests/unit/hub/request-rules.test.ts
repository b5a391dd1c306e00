// The join-request rules (REQUEST_RULES_SOURCE in src/hub/rules.ts), tried directly against the embedded hub: the
// requester may withdraw its request and ask again after a refusal, but never decides, and nobody asks for another.
import { beforeAll, describe, expect, it } from 'vitest';
import { requestsDbName } from '../../../src/hub/provision';
import { newCircle, newPerson, nowIso, type Person } from './hub-http';

let operator: Person;
let circleId: string;
let requests: string;

beforeAll(async () => {
  operator = await newPerson('rop');
  circleId = await newCircle(operator, 'approval');
  requests = requestsDbName(circleId);
});

type RequestBody = Record<string, unknown> & { _id: string };
const path = (id: string) => `${requests}/${encodeURIComponent(id)}`;
const put = (person: Person, body: RequestBody) => person.req<{ rev?: string; reason?: string }>('PUT', path(body._id), body);
const read = (person: Person, id: string) => person.req<RequestBody & { _rev: string }>('GET', path(id));
const remove = async (person: Person, id: string, rev: string) => person.req('DELETE', `${path(id)}?rev=${encodeURIComponent(rev)}`);
const later = (iso: string, ms = 1000) => new Date(Date.parse(iso) + ms).toISOString();

async function ask(requester: Person): Promise<RequestBody & { _rev: string }> {
  const body = { _id: `request:${requester.name}`, type: 'request', user: requester.name, createdAt: nowIso() };
  const sent = await put(requester, body);
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return { ...body, _rev: sent.body.rev! };
}

async function decide(request: RequestBody & { _rev: string }, decision: 'approved' | 'denied'): Promise<RequestBody & { _rev: string }> {
  const decided = { ...request, decision, ...(decision === 'denied' ? { reason: 'Customers only' } : {}), decidedBy: operator.name, decidedAt: later(String(request.createdAt), 5) };
  const answer = await put(operator, decided);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { ...decided, _rev: answer.body.rev! };
}

async function pendingUsers(): Promise<string[]> {
  const all = await operator.req<{ rows: { doc?: { user: string; decision?: string } }[] }>('GET', `${requests}/_all_docs?include_docs=true`);
  return all.body.rows.flatMap((row) => (row.doc?.user && !row.doc.decision ? [row.doc.user] : []));
}

describe('join requests: withdrawing and asking again', () => {
  it('the requester withdraws a waiting request; nobody else may, and the queue no longer holds it', async () => {
    const [requester, nosy] = await Promise.all([newPerson('rw'), newPerson('rn')]);
    const request = await ask(requester);
    expect(await pendingUsers()).toContain(requester.name);

    const byOther = await remove(nosy, request._id, request._rev);
    expect(byOther.status).toBe(403);
    expect((await remove(requester, request._id, request._rev)).status).toBe(200);
    expect(await pendingUsers()).not.toContain(requester.name);
    // Asking again later is a new request.
    await ask(requester);
    expect(await pendingUsers()).toContain(requester.name);
  });

  it('after a refusal the requester asks again with a fresh request, which waits for the operator again', async () => {
    const requester = await newPerson('rd');
    const denied = await decide(await ask(requester), 'denied');
    const own = (await read(requester, denied._id)).body;
    expect(own).toMatchObject({ decision: 'denied', reason: 'Customers only' });

    const fresh = { _id: own._id, _rev: own._rev, type: 'request', user: requester.name, createdAt: later(String(own.decidedAt)) };
    // Taking the decision off the same request is not asking again.
    const sameTime = await put(requester, { ...fresh, createdAt: own.createdAt });
    expect(sameTime.status).toBe(403);
    expect(String(sameTime.body.reason)).toMatch(/already decided/);
    // A fresh request never carries a decision, nor any part of one.
    for (const decisionField of [{ decision: 'approved' }, { decision: 'denied' }, { reason: 'I say so' }, { decidedBy: requester.name }, { decidedAt: nowIso() }]) {
      const sneaked = await put(requester, { ...fresh, ...decisionField });
      expect(sneaked.status, JSON.stringify(decisionField)).toBe(403);
      expect(String(sneaked.body.reason)).toMatch(/Only an operator decides/);
    }
    expect(await pendingUsers()).not.toContain(requester.name);

    const again = await put(requester, fresh);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await pendingUsers()).toContain(requester.name);
    const waiting = (await read(requester, fresh._id)).body;
    expect(waiting.decision).toBeUndefined();
    expect(waiting.reason).toBeUndefined();
    // The operator decides it like any other request.
    expect((await decide(waiting, 'approved')).decision).toBe('approved');
  });

  it('a refused request may also be withdrawn and then asked for anew', async () => {
    const requester = await newPerson('rr');
    const denied = await decide(await ask(requester), 'denied');
    expect((await remove(requester, denied._id, denied._rev)).status).toBe(200);
    await ask(requester);
    expect(await pendingUsers()).toContain(requester.name);
  });

  it('nobody asks again for someone else, and an approved request is not undone in place', async () => {
    const [requester, nosy] = await Promise.all([newPerson('ra'), newPerson('rx')]);
    const approved = await decide(await ask(requester), 'approved');
    const forOther = await put(nosy, { _id: approved._id, _rev: approved._rev, type: 'request', user: requester.name, createdAt: later(String(approved.decidedAt)) });
    expect(forOther.status).toBe(403);
    const undone = await put(requester, { _id: approved._id, _rev: approved._rev, type: 'request', user: requester.name, createdAt: approved.createdAt });
    expect(undone.status).toBe(403);
    expect((await read(requester, approved._id)).body.decision).toBe('approved');
  });
});
