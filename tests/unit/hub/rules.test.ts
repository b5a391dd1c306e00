// _design/rules of circle databases, tried directly against the embedded hub: each right allowed AND refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { DOC_TYPE_WRITERS, type CircleDocType } from '../../../src/hub/doc-types';
import { MAX_DOC_CHARS, MAX_TEXT_CHARS } from '../../../src/hub/rules';
import { doc, newCircle, newPerson, type Person } from './hub-http';

let operator: Person;
let member: Person;
let other: Person;
let db: string;

beforeAll(async () => {
  [operator, member, other] = await Promise.all([newPerson('op'), newPerson('m'), newPerson('o')]);
  db = `circle_${await newCircle(operator)}`;
});

const put = (person: Person, body: Record<string, unknown>) => person.req('PUT', `${db}/${encodeURIComponent(String(body._id))}`, body);

/** Valid fields and id for each type, for `author`. */
function sample(type: CircleDocType, author: string): Record<string, unknown> {
  const soon = new Date(Date.now() + 86_400_000).toISOString();
  const u = Math.random().toString(36).slice(2, 10);
  switch (type) {
    case 'member': return doc(type, author, {}, `member:${author}`);
    case 'post': return doc(type, author, { text: 'hello' });
    case 'comment': return doc(type, author, { parent: 'post:x', text: 'hi' });
    case 'reaction': return doc(type, author, { target: `post:${u}`, kind: 'like' }, `reaction:post:${u}:${author}:like`);
    case 'pin': return doc(type, author, { text: 'welcome' }, 'pin');
    case 'removal': return doc(type, author, { target: `post:${u}`, reason: 'spam' }, `removal:post:${u}`);
    case 'mute': return doc(type, author, { user: `x${u}`, until: soon }, `mute:x${u}`);
    case 'event': return doc(type, author, { title: 'Meetup', startsAt: soon, capacity: 10 });
    case 'rsvp': return doc(type, author, { event: `event:${u}`, answer: 'going' }, `rsvp:event:${u}:${author}`);
    case 'offer': return doc(type, author, { product: 'Beans', priceMinor: 5000, groupPriceMinor: 3500, currency: 'CNY', threshold: 3, deadline: soon });
    case 'offerjoin': return doc(type, author, { offer: `offer:${u}`, joined: true, deadline: soon }, `offerjoin:offer:${u}:${author}`);
    case 'poll': return doc(type, author, { question: 'Which?', options: [{ id: 'a', label: 'A' }], multiple: false, anonymous: false, closesAt: soon });
    case 'vote': return doc(type, author, { poll: `poll:${u}`, choices: ['a'] }, `vote:poll:${u}:${author}`);
    case 'link': return doc(type, author, { circleId: `c${u}` }, `link:c${u}`);
    case 'share': return doc(type, author, { origin: { circleId: 'src', postId: `post:${u}`, author: 'a', createdAt: soon, text: 't' } }, `share:src:post:${u}`);
    case 'proofset': return doc(type, author, { salt: 's', hashes: ['a'.repeat(64), 'b'.repeat(64)], period: { from: soon, to: soon } });
    case 'claim': return doc(type, author, { proofset: 'proofset:1', orderId: '123' }, `claim:${author}`);
    case 'badge': return doc(type, author, { user: `x${u}`, claim: `claim:x${u}` }, `badge:x${u}`);
    case 'question': return doc(type, author, { text: { zh: '问', en: 'Q' }, topics: ['coffee'], withinDays: 30, epsilon: 1 });
    case 'answer': return doc(type, author, { question: `question:${u}`, bit: 1, epsilon: 1 }, `answer:question:${u}:${author}`);
  }
}

const types = Object.keys(DOC_TYPE_WRITERS) as CircleDocType[];
const memberTypes = types.filter((t) => DOC_TYPE_WRITERS[t] === 'anyone');
const operatorTypes = types.filter((t) => DOC_TYPE_WRITERS[t] === 'operator');

describe('doc types', () => {
  it.each(memberTypes)('a member may write a %s doc as themselves', async (type) => {
    const answer = await put(member, sample(type, member.name!));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  });

  it.each(operatorTypes)('a member may NOT write a %s doc; the operator may', async (type) => {
    const refused = await put(member, sample(type, member.name!));
    expect(refused.status).toBe(403);
    expect(String(refused.body.reason)).toMatch(/Only an operator/);
    const allowed = await put(operator, sample(type, operator.name!));
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
  });

  it('refuses an unknown type and a doc without type', async () => {
    expect((await put(member, doc('script', member.name!))).status).toBe(403);
    expect((await put(member, { _id: 'post:notype', author: member.name, createdAt: new Date().toISOString(), text: 'x' })).status).toBe(403);
  });

  it('refuses ids that do not match the type', async () => {
    expect((await put(member, { ...sample('post', member.name!), _id: 'comment:wrong' })).status).toBe(403);
    expect((await put(member, { ...sample('comment', member.name!), parent: undefined })).status).toBe(403);
  });
});

describe('author', () => {
  it('refuses a member writing as someone else (spoofing)', async () => {
    const answer = await put(member, doc('post', other.name!, { text: 'I am other' }));
    expect(answer.status).toBe(403);
    expect(String(answer.body.reason)).toMatch(/author must be you/);
  });

  it('requires author and createdAt', async () => {
    expect((await put(member, { ...doc('post', member.name!, { text: 'x' }), author: undefined })).status).toBe(403);
    expect((await put(member, { ...doc('post', member.name!, { text: 'x' }), createdAt: 'yesterday' })).status).toBe(403);
  });

  it('lets an operator write on behalf of a member (e.g. moving content)', async () => {
    expect((await put(operator, doc('post', member.name!, { text: 'moved' }))).status).toBe(201);
  });
});

describe('deterministic ids embed the author', () => {
  const cases: [CircleDocType, (author: string) => string][] = [
    ['member', () => 'member:someone-else'],
    ['reaction', () => 'reaction:post:1:someone-else:like'],
    ['rsvp', () => 'rsvp:event:1:someone-else'],
    ['offerjoin', () => 'offerjoin:offer:1:someone-else'],
    ['vote', () => 'vote:poll:1:someone-else'],
    ['answer', () => 'answer:question:1:someone-else'],
    ['claim', () => 'claim:someone-else'],
  ];
  it.each(cases)('refuses a %s doc whose id names another person', async (type, id) => {
    const valid = sample(type, member.name!);
    const answer = await put(member, { ...valid, _id: id(member.name!) });
    expect(answer.status).toBe(403);
    expect(String(answer.body.reason)).toMatch(/id must be/);
  });

  it('two reactions of one person on one target and kind are the same doc (conflict, not a second count)', async () => {
    const reaction = sample('reaction', member.name!);
    expect((await put(member, reaction)).status).toBe(201);
    expect((await put(member, { ...reaction })).status).toBe(409);
  });
});

describe('event answers', () => {
  it('an answer carries when it was given, as a time (the places of a full event go by it)', async () => {
    const answer = sample('rsvp', member.name!);
    const refused = await put(member, { ...answer, answeredAt: 'soon' });
    expect(refused.status).toBe(403);
    expect(String(refused.body.reason)).toMatch(/answeredAt/);
    const created = await put(member, { ...answer, answeredAt: new Date().toISOString() });
    expect(created.status).toBe(201);
    expect((await put(member, { ...answer, _rev: created.body.rev, answer: 'no', answeredAt: new Date().toISOString() })).status).toBe(201);
  });
});

describe('immutability and edits', () => {
  it('the author may edit text but not author, createdAt or type', async () => {
    const post = doc('post', member.name!, { text: 'v1' });
    const created = await put(member, post);
    const rev = created.body.rev;
    expect((await put(member, { ...post, _rev: rev, createdAt: '2020-01-01T00:00:00.000Z' })).status).toBe(403);
    expect((await put(operator, { ...post, _rev: rev, author: operator.name })).status).toBe(403);
    expect((await put(member, { ...post, _rev: rev, type: 'comment', parent: 'post:x' })).status).toBe(403);
    expect((await put(member, { ...post, _rev: rev, text: 'v2' })).status).toBe(201);
  });

  it('another member may not edit the post', async () => {
    const post = doc('post', member.name!, { text: 'mine' });
    const created = await put(member, post);
    const answer = await put(other, { ...post, _rev: created.body.rev, text: 'hijacked' });
    expect(answer.status).toBe(403);
  });
});

describe('deletes', () => {
  it('the author may delete; another member may not; an operator may', async () => {
    const mine = doc('post', member.name!, { text: 'bye' });
    const theirs = doc('post', other.name!, { text: 'stay' });
    const a = await put(member, mine);
    const b = await put(other, theirs);
    expect((await member.req('DELETE', `${db}/${mine._id}?rev=${a.body.rev}`)).status).toBe(200);
    expect((await member.req('DELETE', `${db}/${theirs._id}?rev=${b.body.rev}`)).status).toBe(403);
    expect((await member.req('POST', `${db}/_bulk_docs`, { docs: [{ _id: theirs._id, _rev: b.body.rev, _deleted: true }] })).body).toEqual([
      expect.objectContaining({ id: theirs._id, error: 'forbidden' }),
    ]);
    expect((await operator.req('DELETE', `${db}/${theirs._id}?rev=${b.body.rev}`)).status).toBe(200);
  });
});

describe('size caps', () => {
  it(`refuses text over ${MAX_TEXT_CHARS} characters and accepts exactly ${MAX_TEXT_CHARS}`, async () => {
    expect((await put(member, doc('post', member.name!, { text: 'x'.repeat(MAX_TEXT_CHARS + 1) }))).status).toBe(403);
    expect((await put(member, doc('post', member.name!, { text: '字'.repeat(MAX_TEXT_CHARS) }))).status).toBe(201);
  });

  it(`refuses a doc over ${MAX_DOC_CHARS} characters`, async () => {
    const answer = await put(member, doc('post', member.name!, { text: 'ok', padding: 'y'.repeat(MAX_DOC_CHARS) }));
    expect(answer.status).toBe(403);
    expect(String(answer.body.reason)).toMatch(/too large/);
  });
});

describe('deadlines carried in the doc', () => {
  it('refuses joining a group-buy after its deadline, accepts before', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const late = sample('offerjoin', member.name!);
    expect((await put(member, { ...late, deadline: past })).status).toBe(403);
    expect((await put(member, { ...late, deadline: undefined })).status).toBe(403);
    expect((await put(member, late)).status).toBe(201);
  });

  it('refuses a vote after the poll closed when the vote carries closesAt', async () => {
    const vote = sample('vote', member.name!);
    expect((await put(member, { ...vote, closesAt: new Date(Date.now() - 1000).toISOString() })).status).toBe(403);
    expect((await put(member, { ...vote, closesAt: new Date(Date.now() + 60_000).toISOString() })).status).toBe(201);
  });
});

describe('design docs', () => {
  it('a member cannot replace or delete the rules; the operator (db admin) can read them', async () => {
    const rules = await operator.req<{ _rev: string }>('GET', `${db}/_design/rules`);
    expect(rules.status).toBe(200);
    const replace = await member.req('PUT', `${db}/_design/rules`, { _rev: rules.body._rev, validate_doc_update: 'function(){}' });
    expect([401, 403]).toContain(replace.status);
    expect([401, 403]).toContain((await member.req('DELETE', `${db}/_design/rules?rev=${rules.body._rev}`)).status);
    expect((await member.req('PUT', `${db}/_design/evil`, { validate_doc_update: 'function(){}' })).status).toBeGreaterThanOrEqual(401);
  });
});
