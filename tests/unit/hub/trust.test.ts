// Verified customer and demand questions end to end against the real embedded hub: operator and members
// each with their own device (Dexie db) and recording client.
import { describe, expect, it } from 'vitest';
import { trustApi } from '../../../src/app/api/trust-api';
import { joinCircle } from '../../../src/hub/membership';
import { flushOutbox, writeCircleDoc } from '../../../src/hub/outbox';
import { pullCircle } from '../../../src/hub/replicator';
import { askQuestion, badgeHolders, claimBadge, exportClaimKeys, hasBadge, importClaimKeys, loadTrust, noisedAnswer, publishProofSet, sendAnswer, verifyClaims } from '../../../src/hub/trust';
import { circleDbName, type ClaimDoc } from '../../../src/hub/doc-types';
import type { StoredTransaction } from '../../../src/db/schema';
import { freshDb, hasHub, newMember, recordingClient } from '../sync/hub-fixture';
import { signIn } from '../../../src/hub/session';
import { newSealingKeys, openSealed, sealText } from '../../../src/core/privacy';
import { getSetting } from '../../../src/db/settings';

type Device = Awaited<ReturnType<typeof newMember>>;

async function newCircleAs(op: Device): Promise<string> {
  const id = `trust-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await op.client.post('_quanzi/circles', { id, policy: 'open', name: { zh: '信任', en: 'Trust' }, description: { zh: '测', en: 'Test' }, topics: { coffee: 1 } });
  return id;
}

async function join(m: Device, circleId: string): Promise<void> {
  expect((await joinCircle(circleId, 'open', m.client, m.db)).status).toBe('joined');
}
const sync = async (m: Device, circleId: string) => {
  await flushOutbox({ client: m.client, db: m.db });
  await pullCircle(circleId, { client: m.client, db: m.db });
};

function tx(i: number, orderId: string, extra: Partial<StoredTransaction> = {}): StoredTransaction {
  return {
    occurredAt: new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 19), amountMinor: -3200 - i, currency: 'CNY',
    counterparty: 'Manner Coffee', description: '拿铁', kind: 'expense', status: 'completed', source: 'alipay',
    merchantOrderId: orderId, externalId: `ALIPAY-${orderId}-${i}`, fingerprint: `fp-${orderId}-${i}`, importId: 'imp', ...extra,
  };
}

const SALES = Array.from({ length: 300 }, (_, i) => `MN2026${String(100000 + i * 13)}`).join('\n');

describe.skipIf(!hasHub)('verified customer', () => {
  it('a matching order gives a claimable badge; a non-matching one none; a forged claim is refused; only the claimed id leaves', async () => {
    const op = await newMember('op');
    const circleId = await newCircleAs(op);
    await join(op, circleId);
    const published = await publishProofSet(circleId, `order id\n${SALES}`, { from: '2026-01-01', to: '2026-12-31' }, op.db);
    expect(published.count).toBe(300);
    await sync(op, circleId);
    // Raw order ids never left the operator's device.
    const opBodies = op.requests.map((r) => `${r.url} ${r.body ?? ''}`).join('\n');
    expect(opBodies).not.toContain('MN2026100013');
    expect(opBodies).toContain(published.doc.hashes[0]);

    // Alice bought something (her second order is in the set); Bob did not.
    const alice = await newMember('alice');
    const bob = await newMember('bob');
    const mallory = await newMember('mal');
    for (const m of [alice, bob, mallory]) {
      await join(m, circleId);
      await pullCircle(circleId, { client: m.client, db: m.db });
    }
    await alice.db.txChunks.add({ importId: 'imp', rows: [tx(1, 'OTHER-1'), tx(2, 'mn2026100013'), tx(3, 'OTHER-3', { amountMinor: -99900 })] });
    await bob.db.txChunks.add({ importId: 'imp', rows: [tx(1, 'MN2026100001'), tx(2, 'ZZ-1')] });

    const requestsBefore = alice.requests.length;
    const aliceMatches = await trustApi.proofMatches(circleId, alice.db);
    expect(aliceMatches).toEqual([{ proofset: published.doc._id, orderId: 'MN2026100013' }]);
    expect(alice.requests.length).toBe(requestsBefore); // the local check sent nothing
    expect(await trustApi.proofMatches(circleId, bob.db)).toEqual([]);

    await claimBadge(circleId, aliceMatches[0]!, alice.db);
    await sync(alice, circleId);
    // Other members read the claim doc, but the order id in it is sealed for the operator.
    await pullCircle(circleId, { client: bob.client, db: bob.db });
    const seenByBob = (await bob.db.circleDocs.get([circleId, `claim:${alice.name}`] as never)) as { doc: ClaimDoc } | undefined;
    expect(seenByBob?.doc.sealed).toMatch(/^[A-Za-z0-9+/]{340,}={0,2}$/);
    expect(JSON.stringify(seenByBob)).not.toContain('MN2026100013');
    expect((await loadTrust(circleId, bob.name, bob.db)).claims.find((c) => c.doc.author === alice.name)?.orderId).toBeUndefined();
    expect((await loadTrust(circleId, alice.name, alice.db)).myClaim?.orderId).toBe('MN2026100013');
    // Mallory forges a claim with an order id that is not in the set, sealed properly with the published key.
    const forged = await sealText(published.doc.sealKey!, 'MN2026999999');
    await writeCircleDoc<ClaimDoc>(circleId, { _id: `claim:${mallory.name}`, type: 'claim', proofset: published.doc._id, sealed: forged }, mallory.db);
    await sync(mallory, circleId);
    // Eve sends a seal that no key opens.
    const eve = await newMember('eve');
    await join(eve, circleId);
    await writeCircleDoc<ClaimDoc>(circleId, { _id: `claim:${eve.name}`, type: 'claim', proofset: published.doc._id, sealed: 'A'.repeat(344) }, eve.db);
    await sync(eve, circleId);
    // Bob names a proof set that does not exist (with an order id of his own).
    await writeCircleDoc<ClaimDoc>(circleId, { _id: `claim:${bob.name}`, type: 'claim', proofset: 'proofset:made-up', orderId: 'MN2026100001' }, bob.db);
    await sync(bob, circleId);

    await pullCircle(circleId, { client: op.client, db: op.db });
    // The operator's device holds the key: it reads the claimed id before deciding.
    expect((await loadTrust(circleId, op.name, op.db)).claims.find((c) => c.doc.author === alice.name)?.orderId).toBe('MN2026100013');
    const report = await verifyClaims(circleId, op.db);
    expect(report.verified).toEqual([alice.name]);
    expect(report.refused.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
      { user: mallory.name, orderId: 'MN2026999999', reason: 'not-in-set' },
      { user: bob.name, orderId: 'MN2026100001', reason: 'unknown-proofset' },
      { user: eve.name, reason: 'unreadable' },
    ]);
    expect(report.waiting).toEqual([]);
    await sync(op, circleId);
    // Decided claims leave the hub, and their tombstones carry no order id.
    const gone = await alice.client.get(`${circleDbName(circleId)}/claim:${alice.name}`).catch((e: { status: number }) => e.status);
    expect(gone).toBe(404);
    const revs = await alice.client.get<{ ok?: Record<string, unknown> }[]>(`${circleDbName(circleId)}/claim:${alice.name}`, { query: { open_revs: 'all' } });
    expect(revs.length).toBeGreaterThan(0);
    for (const r of revs) {
      expect(r.ok?._deleted).toBe(true);
      expect(JSON.stringify(r.ok)).not.toContain('MN2026100013');
    }
    // A second verification does not write twice.
    expect((await verifyClaims(circleId, op.db)).verified).toEqual([]);
    // The operator's count of badge holders: one badge, the verified claim's; refused claims earn none.
    expect((await loadTrust(circleId, op.name, op.db)).badgeHolders).toBe(1);

    await pullCircle(circleId, { client: bob.client, db: bob.db });
    expect(await hasBadge(circleId, alice.name, bob.db)).toBe(true);
    expect(await hasBadge(circleId, mallory.name, bob.db)).toBe(false);
    expect(await hasBadge(circleId, bob.name, bob.db)).toBe(false);
    await pullCircle(circleId, { client: alice.client, db: alice.db });
    expect((await loadTrust(circleId, alice.name, alice.db)).myBadge).toBe(true);
    expect((await loadTrust(circleId, alice.name, alice.db)).claimRefused).toBeUndefined();

    // Mallory cannot write a badge for herself: only operators may.
    const self = await mallory.client.put(`${circleDbName(circleId)}/badge:${mallory.name}`, {
      type: 'badge', author: mallory.name, createdAt: new Date().toISOString(), user: mallory.name, claim: `claim:${mallory.name}`,
    }).catch((e: { status: number }) => e.status);
    expect(self).toBe(403);

    // The request log: of Alice's orders, only the claimed id left her device, and only sealed; no amount either.
    const sent = alice.requests.map((r) => `${r.url} ${r.body ?? ''}`).join('\n');
    expect(sent).not.toContain('MN2026100013');
    for (const secret of ['OTHER-1', 'OTHER-3', 'ALIPAY-', 'Manner Coffee', '拿铁']) expect(sent).not.toContain(secret);
    // Amounts as numbers standing alone (minor or major units): random ids and revisions may hold the digits by chance.
    const numbers = new Set(sent.match(/(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.])/g) ?? []);
    for (const amount of ['-3201', '-3202', '-3203', '-99900', '3201', '3202', '3203', '99900', '32.01', '32.02', '32.03', '999.00', '999']) expect(numbers).not.toContain(amount);
    const claimBodies = alice.requests.filter((r) => r.body?.includes('"claim"'));
    expect(claimBodies).toHaveLength(1);
    const claimDoc = (JSON.parse(claimBodies[0]!.body!) as { docs: Record<string, unknown>[] }).docs[0]!;
    expect(Object.keys(claimDoc).sort()).toEqual(['_id', 'author', 'createdAt', 'opId', 'proofset', 'sealed', 'type']);
    expect(await openSealed(await getSetting<JsonWebKey>(`trust.sealKey.${published.doc._id}`, {}, op.db), claimDoc.sealed as string)).toBe('MN2026100013');
  });

  it('a claim the operator refused is explained on the member\'s device, with the id from its own record', async () => {
    const op = await newMember('op');
    const circleId = await newCircleAs(op);
    await join(op, circleId);
    const published = await publishProofSet(circleId, SALES, { from: '2026-01-01', to: '2026-12-31' }, op.db);
    await sync(op, circleId);
    const carol = await newMember('carol');
    await join(carol, circleId);
    await pullCircle(circleId, { client: carol.client, db: carol.db });
    // An order the list does not hold (an older list matched it, say), claimed through the app.
    await claimBadge(circleId, { proofset: published.doc._id, orderId: 'MN2026999998' }, carol.db);
    let seen = await loadTrust(circleId, carol.name, carol.db);
    expect(seen.myClaim?.orderId).toBe('MN2026999998');
    expect(seen.claimRefused).toBeUndefined();
    await sync(carol, circleId);
    await pullCircle(circleId, { client: op.client, db: op.db });
    expect((await verifyClaims(circleId, op.db)).refused).toEqual([{ user: carol.name, orderId: 'MN2026999998', reason: 'not-in-set' }]);
    await sync(op, circleId);
    // Still waiting while the decision has not reached her device.
    expect((await loadTrust(circleId, carol.name, carol.db)).claimRefused).toBeUndefined();
    await pullCircle(circleId, { client: carol.client, db: carol.db });
    seen = await loadTrust(circleId, carol.name, carol.db);
    expect(seen.myClaim).toBeUndefined();
    expect(seen.myBadge).toBe(false);
    expect(seen.claimRefused).toEqual({ orderId: 'MN2026999998' });
  });

  it('a claim sealed for the key on another of the operator\'s devices waits for that device', async () => {
    const op = await newMember('op');
    const circleId = await newCircleAs(op);
    await join(op, circleId);
    const published = await publishProofSet(circleId, SALES, { from: '2026-01-01', to: '2026-12-31' }, op.db);
    await sync(op, circleId);
    // The same operator signed in on a second device, which never held the list's private key.
    const laptop = Object.assign(recordingClient(), { db: freshDb(), name: op.name });
    await signIn(op.name, 'correct-horse-1', laptop.client, laptop.db);
    const laptopJoin = await joinCircle(circleId, 'open', laptop.client, laptop.db);
    expect(laptopJoin.reason).toBeUndefined();
    const alice = await newMember('alice');
    await join(alice, circleId);
    await pullCircle(circleId, { client: alice.client, db: alice.db });
    await claimBadge(circleId, { proofset: published.doc._id, orderId: 'MN2026100013' }, alice.db);
    await sync(alice, circleId);

    await pullCircle(circleId, { client: laptop.client, db: laptop.db });
    expect(await verifyClaims(circleId, laptop.db)).toEqual({ verified: [], refused: [], waiting: [alice.name] });
    // The laptop holds no keys to pass on; the first device's key file, with a wrong passphrase, loads nothing.
    await expect(exportClaimKeys(circleId, 'lantern by the gate', laptop.db)).rejects.toMatchObject({ code: 'no-keys' });
    const keyFile = await exportClaimKeys(circleId, 'lantern by the gate', op.db);
    expect(keyFile.count).toBe(1);
    await expect(importClaimKeys(keyFile.text, 'lantern by the door', laptop.db)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect(await verifyClaims(circleId, laptop.db)).toEqual({ verified: [], refused: [], waiting: [alice.name] });
    expect(await importClaimKeys(keyFile.text, 'lantern by the gate', laptop.db)).toBe(1);
    const laptopTrust = await loadTrust(circleId, op.name, laptop.db);
    expect(laptopTrust.claims.map((c) => c.orderId)).toEqual(['MN2026100013']);
    // When the laptop publishes a newer list, a member's device finds its order in that one first.
    const newer = await publishProofSet(circleId, SALES, { from: '2026-01-01', to: '2026-12-31' }, laptop.db);
    await flushOutbox({ client: laptop.client, db: laptop.db });
    await alice.db.txChunks.add({ importId: 'imp', rows: [tx(1, 'MN2026100013')] });
    await pullCircle(circleId, { client: alice.client, db: alice.db });
    expect(await trustApi.proofMatches(circleId, alice.db)).toEqual([{ proofset: newer.doc._id, orderId: 'MN2026100013' }, { proofset: published.doc._id, orderId: 'MN2026100013' }]);
    await flushOutbox({ client: laptop.client, db: laptop.db });
    await pullCircle(circleId, { client: op.client, db: op.db });
    expect((await verifyClaims(circleId, op.db)).verified).toEqual([alice.name]);
  });

  it('the rules refuse claims with extra fields and malformed proof sets', async () => {
    const op = await newMember('op');
    const circleId = await newCircleAs(op);
    const m = await newMember('m');
    await join(m, circleId);
    const base = { type: 'claim', author: m.name, createdAt: new Date().toISOString(), proofset: 'proofset:x', orderId: 'A1' };
    const status = (p: Promise<unknown>) => p.then(() => 201, (e: { status: number }) => e.status);
    expect(await status(m.client.put(`${circleDbName(circleId)}/claim:${m.name}`, { ...base, amountMinor: 100 }))).toBe(403);
    const set = { type: 'proofset', author: op.name, createdAt: new Date().toISOString(), salt: 's', period: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } };
    expect(await status(op.client.put(`${circleDbName(circleId)}/proofset:bad`, { ...set, hashes: ['b'.repeat(64), 'a'.repeat(64)] }))).toBe(403);
    expect(await status(op.client.put(`${circleDbName(circleId)}/proofset:raw`, { ...set, hashes: ['ORDER-123'] }))).toBe(403);
    // A claim carries its order id either sealed or in the clear, never both, and a seal is base64 of a real size.
    const { orderId: _clear, ...sealedBase } = base;
    void _clear;
    expect(await status(m.client.put(`${circleDbName(circleId)}/claim:${m.name}`, { ...base, sealed: 'A'.repeat(344) }))).toBe(403);
    expect(await status(m.client.put(`${circleDbName(circleId)}/claim:${m.name}`, { ...sealedBase, sealed: 'A1' }))).toBe(403);
    expect(await status(m.client.put(`${circleDbName(circleId)}/claim:${m.name}`, sealedBase))).toBe(403);
    // A proof set publishes only the public half of its sealing key.
    const keys = await newSealingKeys();
    expect(await status(op.client.put(`${circleDbName(circleId)}/proofset:leaky`, { ...set, hashes: ['a'.repeat(64)], sealKey: keys.privateJwk }))).toBe(403);
    expect(await status(op.client.put(`${circleDbName(circleId)}/proofset:ok`, { ...set, hashes: ['a'.repeat(64), 'b'.repeat(64)], sealKey: keys.publicJwk }))).toBe(201);
    expect(await status(m.client.put(`${circleDbName(circleId)}/claim:${m.name}`, { ...sealedBase, proofset: 'proofset:ok', sealed: await sealText(keys.publicJwk, 'A1') }))).toBe(201);
  });
});

describe.skipIf(!hasHub)('large customer lists', () => {
  it('a 10k-order proof set goes through the outbox and the rules in one doc', async () => {
    const op = await newMember('op');
    const circleId = await newCircleAs(op);
    await join(op, circleId);
    const ids = Array.from({ length: 10_000 }, (_, i) => `SO${String(i).padStart(10, '0')}`).join('\n');
    const { doc, count } = await publishProofSet(circleId, ids, { from: '2026-01-01', to: '2026-06-30' }, op.db);
    expect(count).toBe(10_000);
    expect((await flushOutbox({ client: op.client, db: op.db })).delivered).toBe(1);
    const stored = await op.client.get<{ hashes: string[] }>(`${circleDbName(circleId)}/${doc._id}`);
    expect(stored.hashes).toHaveLength(10_000);
  }, 30_000);
});

describe('badge holders', () => {
  const badge = (user: string, extra: Record<string, unknown> = {}) => ({ doc: { _id: `badge:${user}`, type: 'badge', user, claim: `claim:${user}`, ...extra } as never, state: 'synced' as const });
  it('counts each member with a badge once, from the circle docs already on the device; refused and deleted badges do not count', () => {
    const holders = badgeHolders([
      badge('ann'), badge('bo'), badge('ann'),
      { ...badge('cy'), state: 'rejected' as const },
      badge('di', { _deleted: true }),
      { doc: { _id: 'claim:ed', type: 'claim', proofset: 'proofset:1', orderId: 'X' } as never, state: 'synced' as const },
    ]);
    expect([...holders].sort()).toEqual(['ann', 'bo']);
    expect(badgeHolders([]).size).toBe(0);
  });
});

describe('prepared answers', () => {
  it('draw one coin per question and keep it: preparing again (or after a reload) shows the same noised bit', async () => {
    const db = freshDb();
    // ε = 1 keeps the truth with p ≈ 0.731: a coin of 0.9 flips it, 0.1 keeps it.
    expect(await noisedAnswer('question:a', true, 1, db, () => 0.9)).toBe(0);
    expect(await noisedAnswer('question:a', true, 1, db, () => 0.1)).toBe(0);
    // The coin, not the bit, is kept: the same flip applies whatever the truth turns out to be.
    expect(await noisedAnswer('question:a', false, 1, db, () => 0.1)).toBe(1);
    expect(await noisedAnswer('question:b', true, 1, db, () => 0.1)).toBe(1);
    expect(await noisedAnswer('question:b', true, 1, db, () => 0.9)).toBe(1);
  });
});

describe.skipIf(!hasHub)('demand questions', () => {
  it('members answer once with a noised bit; the operator sees estimate, CI, n and ε', async () => {
    const op = await newMember('op');
    const circleId = await newCircleAs(op);
    await join(op, circleId);
    const q = await askQuestion(circleId, { text: { zh: '最近30天买过咖啡吗？', en: 'Coffee in the last 30 days?' }, topics: ['coffee'], withinDays: 30, epsilon: 1 }, op.db);
    await expect(askQuestion(circleId, { ...q, epsilon: 3 }, op.db)).rejects.toThrow(/epsilon/);
    // A yes/no the person answers ("would you join a group-buy for X at Y?") needs no topics.
    const choice = await askQuestion(circleId, { kind: 'choice', text: { zh: '', en: 'Join a group-buy of beans at ¥68?' }, topics: [], withinDays: 0, epsilon: 2 }, op.db);
    const base = { type: 'question', author: op.name, createdAt: new Date().toISOString(), text: { zh: '', en: 'x' }, topics: [], withinDays: 30, epsilon: 1 };
    const refused = await op.client.put(`${circleDbName(circleId)}/question:notopics`, base).catch((e: { status: number }) => e.status);
    expect(refused).toBe(403);
    await sync(op, circleId);

    const m = await newMember('m');
    await join(m, circleId);
    await pullCircle(circleId, { client: m.client, db: m.db });
    await m.db.txChunks.add({ importId: 'imp', rows: [tx(3, 'X1', { counterparty: '瑞幸咖啡', description: '咖啡' })] });
    expect(await trustApi.demandTruth(q, undefined, m.db)).toBe(true);
    expect(await trustApi.demandTruth({ ...q, topics: ['fitness'] }, undefined, m.db)).toBe(false);
    const state = await loadTrust(circleId, m.name, m.db);
    expect(state.questions.map((x) => x.doc._id).sort()).toEqual([q._id, choice._id].sort());
    expect(state.questions.find((x) => x.doc._id === choice._id)!.doc.kind).toBe('choice');
    await sendAnswer(circleId, choice, 1, m.db);

    await sendAnswer(circleId, q, 0, m.db);
    await sync(m, circleId);
    const body = m.requests.filter((r) => r.body?.includes('"answer"')).flatMap((r) => (JSON.parse(r.body!) as { docs: Record<string, unknown>[] }).docs)
      .find((d) => d.question === q._id)!;
    expect(Object.keys(body).sort()).toEqual(['_id', 'author', 'bit', 'createdAt', 'epsilon', 'opId', 'question', 'type']);
    expect(body.bit).toBe(0);
    // Once only: a second answer (to average the noise away) is refused by the hub.
    const again = await m.client.get<Record<string, unknown>>(`${circleDbName(circleId)}/answer:${q._id}:${m.name}`);
    const second = await m.client.put(`${circleDbName(circleId)}/answer:${q._id}:${m.name}`, { ...again, bit: 1 }).catch((e: { status: number }) => e.status);
    expect(second).toBe(403);
    const withdraw = await m.client.delete(`${circleDbName(circleId)}/answer:${q._id}:${m.name}?rev=${again._rev as string}`).catch((e: { status: number }) => e.status);
    expect(withdraw).toBe(403);

    await pullCircle(circleId, { client: op.client, db: op.db });
    const seen = (await loadTrust(circleId, op.name, op.db)).questions.find((x) => x.doc._id === q._id)!;
    expect(seen.estimate.n).toBe(1);
    expect(seen.estimate.epsilon).toBe(1);
    expect(seen.estimate.display.ci95[0]).toBeGreaterThanOrEqual(0);
  });
});
