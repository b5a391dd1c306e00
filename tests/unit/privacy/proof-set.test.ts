import { describe, expect, it } from 'vitest';
import {
  buildProofHashes, demandTruth, findMatches, hashOrderId, hasHash, isWellFormedProofSet, newSalt, normalizeOrderId, orderIdInSet, parseOrderIds,
} from '../../../src/core/privacy';

describe('order ids', () => {
  it('normalises spreadsheet quirks so a CSV export matches a statement', () => {
    expect(normalizeOrderId("'2024ab 12")).toBe('2024AB12');
    expect(normalizeOrderId('  "T2001-9"  ')).toBe('T2001-9');
    expect(normalizeOrderId('\t42')).toBe('42');
  });

  it('reads pasted lines and CSV columns', () => {
    expect(parseOrderIds('A1001\n\nA1002\r\nA1001\n')).toEqual(['A1001', 'A1002']);
    const csv = '\uFEFFdate,order id,amount\n2026-01-02,SO-778899,36.00\n2026-01-03,"SO-778900",12.50\n';
    expect(parseOrderIds(csv)).toEqual(['SO-778899', 'SO-778900']);
    expect(parseOrderIds('日期,商户单号,金额\n2026-01-02,M20260102001,36\n')).toEqual(['M20260102001']);
    // No header: cells that look like ids.
    expect(parseOrderIds('x,ORD123456,3\ny,ORD123457,4')).toEqual(['ORD123456', 'ORD123457']);
  });
});

describe('proof sets', () => {
  it('are sorted, unique 64-char hex SHA-256 of salt + id', async () => {
    const hashes = await buildProofHashes('salt-1', ['B2', 'a1', 'A1', 'C3']);
    expect(hashes).toHaveLength(3);
    expect([...hashes].sort()).toEqual(hashes);
    expect(isWellFormedProofSet({ salt: 'salt-1', hashes })).toBe(true);
    expect(isWellFormedProofSet({ salt: 'salt-1', hashes: [...hashes].reverse() })).toBe(false);
    // Known vector: sha256("s\0ABC")
    const { createHash } = await import('node:crypto');
    expect(await hashOrderId('s', 'abc')).toBe(createHash('sha256').update('s\u0000ABC').digest('hex'));
  });

  it('matches a member order and not others; binary search agrees with a scan', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `SO-${100000 + i * 7}`);
    const salt = newSalt();
    const set = { _id: 'proofset:1', salt, hashes: await buildProofHashes(salt, ids) };
    expect(await orderIdInSet(set, 'so-100007')).toBe(true);
    expect(await orderIdInSet(set, 'SO-100001')).toBe(false);
    expect(await orderIdInSet(set, '')).toBe(false);
    for (const h of set.hashes) expect(hasHash(set.hashes, h)).toBe(true);
    expect(hasHash(set.hashes, '0'.repeat(64))).toBe(false);
    expect(await findMatches([set], ['nope', 'SO-100014'])).toEqual([{ proofset: 'proofset:1', orderId: 'SO-100014' }]);
    expect(await findMatches([set], ['nope', 'SO-100015'])).toEqual([]);
  });

  it('the salt matters: the same id under another salt does not match', async () => {
    const a = { salt: newSalt(), hashes: await buildProofHashes('x', ['SO-1']) };
    expect(await orderIdInSet({ salt: 'x', hashes: a.hashes }, 'SO-1')).toBe(true);
    expect(await orderIdInSet({ salt: 'y', hashes: a.hashes }, 'SO-1')).toBe(false);
    expect(await buildProofHashes('x', ['SO-1'])).not.toEqual(await buildProofHashes('y', ['SO-1']));
    expect(newSalt()).not.toBe(newSalt());
  });
});

describe('demand truth', () => {
  const now = new Date(2026, 10, 25, 12);
  const row = (occurredAt: string, counterparty: string, extra: Record<string, unknown> = {}) =>
    ({ occurredAt, amountMinor: -3600, kind: 'expense', status: 'completed', counterparty, description: '', ...extra }) as never;
  const topicOf = (r: { counterparty: string }) => (r.counterparty === 'Manner' ? 'coffee' : r.counterparty === 'Hema' ? 'groceries' : null);
  const parentOf = (t: string) => ({ coffee: 'food', groceries: 'shopping' })[t];

  it('is true for spending in the topics within the days, false otherwise', () => {
    const q = { topics: ['coffee'], withinDays: 30 };
    expect(demandTruth([row('2026-11-20T08:00:00', 'Manner')], q, topicOf, { now })).toBe(true);
    expect(demandTruth([row('2026-10-27', 'Manner')], q, topicOf, { now })).toBe(true); // day 30 (today is day 1) counts
    expect(demandTruth([row('2026-10-26', 'Manner')], q, topicOf, { now })).toBe(false);
    expect(demandTruth([row('2026-11-20', 'Hema')], q, topicOf, { now })).toBe(false);
    expect(demandTruth([row('2026-11-20', 'Manner', { status: 'refunded' })], q, topicOf, { now })).toBe(false);
    expect(demandTruth([row('2026-11-20', 'Manner', { kind: 'income', amountMinor: 3600 })], q, topicOf, { now })).toBe(false);
    expect(demandTruth([row('2026-11-20', 'Manner')], { topics: ['food'], withinDays: 7 }, topicOf, { now, parentOf })).toBe(true);
  });
});
