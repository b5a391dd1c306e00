// Who counts as a person of a circle for the operator's mute and co-operator forms (src/hub/circle-people.ts),
// against the real embedded hub: open circles (member docs; authors of synced docs for a mute) and approval circles
// (`_security` members). A name that is none of them, or an operator's, is refused before anything is written.
import { describe, expect, it } from 'vitest';
import { circleDbName } from '../../../src/hub/doc-types';
import { checkCirclePerson, checkPersonFor, matchCirclePerson, PersonRefused, readCirclePeople } from '../../../src/hub/circle-people';
import { joinCircle, leaveCircle } from '../../../src/hub/membership';
import { createPost, flushOutbox } from '../../../src/hub/outbox';
import { addCoOperator, listOperators, muteMember, requestNewCircle } from '../../../src/hub/operator';
import { approveRequest, denyRequest } from '../../../src/hub/join-queue';
import type { CatalogEntry, SecurityObject } from '../../../src/hub/provision';
import { pullCircle } from '../../../src/hub/replicator';
import { hasHub, newMember } from './hub-fixture';

type Person = Awaited<ReturnType<typeof newMember>>;
const ctx = (p: Person) => ({ client: p.client, db: p.db });
let counter = 0;

async function circleOf(op: Person, policy: 'open' | 'approval'): Promise<string> {
  const id = `cp-t-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  await requestNewCircle({ id, policy, name: { zh: '测试', en: 'Test' }, description: { zh: '测试', en: 'Test' } }, ctx(op));
  await joinCircle(id, policy, op.client, op.db);
  return id;
}

describe('matchCirclePerson', () => {
  const people = ['demo-lin', 'op-luckin', 'Amy', 'amy'];
  it('accepts an exact name, trimmed of surrounding whitespace', () => {
    expect(matchCirclePerson('demo-lin', people)).toEqual({ ok: true, name: 'demo-lin' });
    expect(matchCirclePerson('  demo-lin\t\n', people)).toEqual({ ok: true, name: 'demo-lin' });
  });
  it('refuses an empty or blank name', () => {
    expect(matchCirclePerson('', people)).toEqual({ ok: false, problem: 'empty' });
    expect(matchCirclePerson('   ', people)).toEqual({ ok: false, problem: 'empty' });
  });
  it('refuses a stranger, and a name in other letter case (CouchDB names are case-sensitive) with the one near spelling', () => {
    expect(matchCirclePerson('xyz', people)).toEqual({ ok: false, problem: 'not-member', name: 'xyz' });
    expect(matchCirclePerson(' Demo-Lin ', people)).toEqual({ ok: false, problem: 'not-member', name: 'Demo-Lin', suggestion: 'demo-lin' });
    // Two people differ only in case: no guess between them.
    expect(matchCirclePerson('AMY', people)).toEqual({ ok: false, problem: 'not-member', name: 'AMY' });
  });
  it('does not match part of a name', () => {
    expect(matchCirclePerson('demo', people)).toMatchObject({ ok: false, problem: 'not-member' });
  });
});

describe('checkPersonFor', () => {
  const people = { operators: ['op-a'], members: ['demo-lin'], authors: ['left-after-posting'] };
  it('a mute takes members and authors; a co-operator only members; an operator is answered as one', () => {
    expect(checkPersonFor('left-after-posting', people, 'mute')).toEqual({ ok: true, name: 'left-after-posting' });
    expect(checkPersonFor('left-after-posting', people, 'co-operator')).toEqual({ ok: false, problem: 'not-member', name: 'left-after-posting' });
    expect(checkPersonFor(' op-a ', people, 'mute')).toEqual({ ok: false, problem: 'operator', name: 'op-a' });
    expect(checkPersonFor('op-a', people, 'co-operator')).toEqual({ ok: false, problem: 'operator', name: 'op-a' });
    expect(checkPersonFor('Demo-Lin', people, 'co-operator')).toEqual({ ok: false, problem: 'not-member', name: 'Demo-Lin', suggestion: 'demo-lin' });
  });
});

describe.skipIf(!hasHub)('the people of a circle, as its operator reads them', () => {
  it('open circle: a joined member is accepted (whitespace trimmed); a stranger and a member who left are refused', async () => {
    const [op, member, leaver, stranger] = await Promise.all([newMember('co'), newMember('cm'), newMember('cl'), newMember('cs')]);
    const id = await circleOf(op, 'open');
    for (const p of [member, leaver]) await joinCircle(id, 'open', p.client, p.db);
    await leaveCircle(id, leaver.client, leaver.db);

    const people = await readCirclePeople(id, ctx(op));
    expect(people.operators).toEqual([op.name]);
    expect(people.members).toEqual([member.name]);
    expect(people.authors).toEqual([]);
    expect(await checkCirclePerson(id, `  ${member.name} `, 'mute', ctx(op))).toEqual({ ok: true, name: member.name });
    expect(await checkCirclePerson(id, stranger.name, 'mute', ctx(op))).toEqual({ ok: false, problem: 'not-member', name: stranger.name });
    expect(await checkCirclePerson(id, leaver.name, 'co-operator', ctx(op))).toMatchObject({ ok: false, problem: 'not-member' });
    expect(await checkCirclePerson(id, member.name.toUpperCase(), 'mute', ctx(op))).toEqual({
      ok: false, problem: 'not-member', name: member.name.toUpperCase(), suggestion: member.name,
    });
  });

  it('open circle: the author of a synced post who left may be muted, but not made co-operator', async () => {
    const [op, author] = await Promise.all([newMember('ao'), newMember('aa')]);
    const id = await circleOf(op, 'open');
    await joinCircle(id, 'open', author.client, author.db);
    await createPost(id, 'hello from me', author.db);
    expect((await flushOutbox({ client: author.client, db: author.db, ignoreBackoff: true })).delivered).toBe(1);
    await leaveCircle(id, author.client, author.db);
    expect(await checkCirclePerson(id, author.name, 'mute', ctx(op))).toMatchObject({ ok: false }); // not synced here yet
    await pullCircle(id, { client: op.client, db: op.db });
    expect(await checkCirclePerson(id, author.name, 'mute', ctx(op))).toEqual({ ok: true, name: author.name });
    expect(await checkCirclePerson(id, author.name, 'co-operator', ctx(op))).toEqual({ ok: false, problem: 'not-member', name: author.name });
  });

  it('approval circle: an approved member is accepted; someone waiting, someone denied and a stranger are refused', async () => {
    const [op, approved, waiting, denied, stranger] = await Promise.all(['po', 'pa', 'pw', 'pd', 'ps'].map((p) => newMember(p)));
    const id = await circleOf(op!, 'approval');
    for (const p of [approved!, waiting!, denied!]) await joinCircle(id, 'approval', p.client, p.db);
    await approveRequest(id, approved!.name, ctx(op!));
    await denyRequest(id, denied!.name, '', ctx(op!));

    expect(await checkCirclePerson(id, `${approved!.name}  `, 'co-operator', ctx(op!))).toEqual({ ok: true, name: approved!.name });
    expect(await checkCirclePerson(id, op!.name, 'co-operator', ctx(op!))).toEqual({ ok: false, problem: 'operator', name: op!.name });
    for (const p of [waiting!, denied!, stranger!]) {
      expect(await checkCirclePerson(id, p.name, 'mute', ctx(op!))).toEqual({ ok: false, problem: 'not-member', name: p.name });
    }
  });

  it('mute and add co-operator refuse a stranger before writing anything, and take a member by the trimmed name', async () => {
    const [op, member, stranger] = await Promise.all([newMember('mo'), newMember('mm'), newMember('ms')]);
    const id = await circleOf(op, 'open');
    await joinCircle(id, 'open', member.client, member.db);
    const securityPath = `${encodeURIComponent(circleDbName(id))}/_security`;
    const before = await op.client.get<SecurityObject>(securityPath);

    const until = new Date(Date.now() + 3_600_000);
    await expect(muteMember(id, stranger.name, until, ctx(op))).rejects.toMatchObject({ name: 'PersonRefused', user: stranger.name, problem: 'not-member' });
    await expect(addCoOperator(id, ` ${stranger.name} `, ctx(op))).rejects.toBeInstanceOf(PersonRefused);
    // An operator is neither muted (the hub lets operators write anyway) nor made co-operator again.
    await expect(muteMember(id, op.name, until, ctx(op))).rejects.toMatchObject({ problem: 'operator', user: op.name });
    await expect(addCoOperator(id, op.name, ctx(op))).rejects.toMatchObject({ problem: 'operator', user: op.name });
    expect(await op.client.get<SecurityObject>(securityPath)).toEqual(before);
    expect(await op.db.outbox.where('circleId').equals(id).count()).toBe(0);
    expect((await op.client.get<CatalogEntry>(`catalog/${id}`)).operators).toEqual([op.name]);
    // Nothing was sent but reads: no PUT reached the hub for the refused names.
    expect(op.requests.filter((r) => r.method !== 'GET' && r.url.includes(stranger.name))).toEqual([]);

    const mute = await muteMember(id, `  ${member.name}\n`, until, ctx(op));
    expect(mute).toMatchObject({ _id: `mute:${member.name}`, user: member.name });
    expect((await op.client.get<SecurityObject>(securityPath)).mutes).toEqual({ [member.name]: until.toISOString() });
    await addCoOperator(id, `${member.name} `, ctx(op));
    expect(await listOperators(id, ctx(op))).toEqual([member.name, op.name].sort());
  });
});
