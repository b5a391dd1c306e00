// The demo seed's members are people of the open circles they write in (a `member:<name>` doc each), so an operator
// can make one co-operator; signing in as one still brings back only what it brought back before they had those
// docs: the approval circles it is approved in. Against the seeded embedded hub the unit tests share.
import { describe, expect, it } from 'vitest';
import { readCircleList } from '../../../src/hub/account-circles';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { checkCirclePerson, readCirclePeople } from '../../../src/hub/circle-people';
import { circleDbName } from '../../../src/hub/doc-types';
import { joinCircle, leaveCircle, listMemberships, restoreMemberships } from '../../../src/hub/membership';
import { signIn } from '../../../src/hub/session';
import accounts from '../../../src/hub/seed/accounts.json' with { type: 'json' };
import catalogJson from '../../../src/hub/seed/catalog.json' with { type: 'json' };
import { freshDb, hasHub, recordingClient } from '../sync/hub-fixture';

const catalog = catalogJson as unknown as { _id: string; policy: 'open' | 'approval'; operators: string[] }[];
const approvalIds = catalog.filter((c) => c.policy === 'approval').map((c) => c._id).sort();
const open = catalog.find((c) => c.policy === 'open' && c.operators.length)!;
const operator = accounts.operators.find((o) => o.name === open.operators[0])!;
const password = (name: string) => accounts.members.find((m) => m.name === name)!.password;

async function device(name: string, secret: string) {
  const recorder = recordingClient();
  const db = freshDb();
  await signIn(name, secret, recorder.client, db);
  await syncCatalog({ client: recorder.client, db });
  return Object.assign(recorder, { db, name });
}

describe.skipIf(!hasHub)('demo seed members', () => {
  it('have a member doc in every open circle, and the operator can make one co-operator (not only mute them)', async () => {
    const op = await device(operator.name, operator.password ?? accounts.defaultOperatorPassword);
    const people = await readCirclePeople(open._id, { client: op.client, db: op.db });
    for (const member of accounts.members) expect(people.members).toContain(member.name);
    expect(await checkCirclePerson(open._id, 'demo-lin', 'co-operator', { client: op.client, db: op.db })).toEqual({ ok: true, name: 'demo-lin' });
    // Not the operator: the hub lets them in without one.
    expect(people.members).not.toContain(operator.name);
  });

  it('signing in as demo-lin brings back the approval circles it is approved in, as before, and no open circle', async () => {
    const lin = await device('demo-lin', password('demo-lin'));
    expect(await readCircleList(lin.client, 'demo-lin')).toEqual(approvalIds);
    lin.requests.length = 0;
    const result = await restoreMemberships(lin.client, lin.db);
    expect(result).toEqual({ restored: approvalIds, unchecked: 0 });
    expect((await listMemberships(lin.db)).every((m) => m.status === 'joined' && m.policy === 'approval')).toBe(true);
    // Only the listed circles were asked about: not the 66 open ones, where its member docs are.
    const asked = new Set(lin.requests.flatMap((r) => decodeURIComponent(new URL(r.url).pathname).match(/(?:circle|requests)_([^/]+)/)?.[1] ?? []));
    expect([...asked].sort()).toEqual(approvalIds);
    const memberDoc = await lin.client.get<{ rows: { id: string; error?: string }[] }>(`${encodeURIComponent(circleDbName(open._id))}/_all_docs`, { query: { keys: JSON.stringify(['member:demo-lin']) } });
    expect(memberDoc.rows[0]?.error).toBeUndefined();
  });

  it('joining an open circle where the seed made them a member is an ordinary join, and leaving takes the doc away', async () => {
    const ben = await device('demo-ben', password('demo-ben'));
    expect(await readCircleList(ben.client, 'demo-ben')).toEqual([]);
    expect((await joinCircle(open._id, 'open', ben.client, ben.db)).status).toBe('joined');
    expect(await readCircleList(ben.client, 'demo-ben')).toEqual([open._id]);
    await leaveCircle(open._id, ben.client, ben.db);
    expect(await readCircleList(ben.client, 'demo-ben')).toEqual([]);
    const op = await device(operator.name, operator.password ?? accounts.defaultOperatorPassword);
    expect((await readCirclePeople(open._id, { client: op.client, db: op.db })).members).not.toContain('demo-ben');
  });
});
