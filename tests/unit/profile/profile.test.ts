import { describe, expect, it } from 'vitest';
import { buildProfile, dayIndex, finalizeProfile, ProfileAccumulator, UNPLACED_SHOWN, type ProfileRow } from '../../../src/core/profile';
import { Categorizer } from '../../../src/core/categorize';
import { allPersonas, makePersona, PERSONA_NOW } from '../../support/personas';

let n = 0;
const tx = (counterparty: string, occurredAt: string, yuan: number, extra: Partial<ProfileRow> = {}): ProfileRow => ({
  occurredAt, amountMinor: -Math.round(yuan * 100), currency: 'CNY', counterparty, description: '', kind: 'expense', status: 'completed',
  fingerprint: `f${n++}`, ...extra,
});
const now = new Date(2026, 5, 30);
const score = (p: ReturnType<typeof buildProfile>, id: string) => p.topics.find((t) => t.id === id)?.score ?? 0;

describe('profile math', () => {
  it('decays with a 90-day half-life: an old purchase counts less than a recent one', () => {
    const recent = buildProfile([tx('瑞幸咖啡', '2026-06-29T09:00:00', 15)], { now });
    const old = buildProfile([tx('瑞幸咖啡', '2025-12-01T09:00:00', 15)], { now });
    expect(score(recent, 'coffee')).toBeGreaterThan(score(old, 'coffee'));
    const halfLife30 = buildProfile([tx('瑞幸咖啡', '2025-12-01T09:00:00', 15)], { now, halfLifeDays: 30 });
    expect(score(halfLife30, 'coffee')).toBeLessThan(score(old, 'coffee'));
  });
  it('log-scales money: one laptop does not outweigh 40 coffees', () => {
    const rows = [tx('Apple Store', '2026-06-20T10:00:00', 12999)];
    for (let i = 0; i < 40; i++) rows.push(tx('星巴克', `2026-06-${String((i % 28) + 1).padStart(2, '0')}T08:30:00`, 35));
    const p = buildProfile(rows, { now });
    expect(p.topics[0]!.id).toBe('coffee');
  });
  it('damps everyday noise: 300 subway rides do not crowd out 20 gym visits', () => {
    const rows: ProfileRow[] = [];
    for (let i = 0; i < 300; i++) rows.push(tx('上海地铁', `2026-06-${String((i % 28) + 1).padStart(2, '0')}T08:00:00`, 4));
    for (let i = 0; i < 20; i++) rows.push(tx('乐刻运动', `2026-06-${String((i % 28) + 1).padStart(2, '0')}T19:00:00`, 99));
    const p = buildProfile(rows, { now });
    expect(p.topics[0]!.id).toBe('fitness');
    expect(p.topics.find((t) => t.id === 'commuting')!.noise).toBe(true);
  });
  it('counts distinct merchants and explains with top merchants and transactions', () => {
    const p = buildProfile([tx('瑞幸咖啡', '2026-06-01T09:00:00', 15), tx('瑞幸咖啡', '2026-06-02T09:00:00', 16), tx('星巴克', '2026-06-03T15:00:00', 38)], { now });
    const coffee = p.topics.find((t) => t.id === 'coffee')!;
    expect(coffee.merchants).toEqual([{ name: '瑞幸咖啡', count: 2 }, { name: '星巴克', count: 1 }]);
    expect(coffee.largest[0]!.amountMinor).toBe(-3800);
    expect(coffee.latest[0]!.occurredAt).toBe('2026-06-03T15:00:00');
    expect(coffee.recentCount).toBe(3);
    expect(coffee.peakTimeOfDay).toBe('morning');
    const oneMerchant = buildProfile([tx('瑞幸咖啡', '2026-06-01T09:00:00', 15), tx('瑞幸咖啡', '2026-06-02T09:00:00', 16), tx('瑞幸咖啡', '2026-06-03T15:00:00', 38)], { now });
    expect(score(p, 'coffee')).toBeGreaterThan(score(oneMerchant, 'coffee'));
  });
  it('keeps sensitive topics out unless turned on, and applies hide, boost, exclusions and pause', () => {
    const rows = [tx('上海瑞金医院', '2026-06-01T09:00:00', 300), tx('乐刻运动', '2026-06-01T19:00:00', 99), tx('孩子王', '2026-06-02T19:00:00', 99)];
    expect(buildProfile(rows, { now }).topics.map((t) => t.id)).not.toContain('medical');
    expect(buildProfile(rows, { now, enabledSensitive: ['medical'] }).topics.map((t) => t.id)).toContain('medical');
    expect(buildProfile(rows, { now, hiddenTopics: ['fitness'] }).topics.map((t) => t.id)).not.toContain('fitness');
    const boosted = buildProfile(rows, { now, boostedTopics: ['parenting'] });
    expect(boosted.topics[0]!.id).toBe('parenting');
    expect(buildProfile(rows, { now, excludedMerchants: ['乐刻运动'] }).topics.map((t) => t.id)).not.toContain('fitness');
    expect(buildProfile(rows, { now, excludedTransactions: [rows[2]!.fingerprint] }).topics.map((t) => t.id)).not.toContain('parenting');
    expect(buildProfile(rows, { now, paused: true }).topics).toEqual([]);
  });
  it('ignores failed and refunded rows and income, but counts investing transfers', () => {
    const p = buildProfile([
      tx('乐刻运动', '2026-06-01T19:00:00', 99, { status: 'closed' }),
      tx('孩子王', '2026-06-01T19:00:00', 99, { kind: 'income' }),
      tx('余额宝', '2026-06-01T19:00:00', 1000, { kind: 'transfer', description: '余额宝转入' }),
      tx('星巴克', '2026-06-01T19:00:00', 30, { kind: 'transfer' }),
    ], { now });
    expect(p.topics.map((t) => t.id)).toEqual(['investing']);
  });
});

describe('spending no topic took', () => {
  it('is listed per merchant, most payments first, and never counts money that did not go or was left out', () => {
    const rows = [
      tx('Albert Heijn 1234', '2026-06-01T10:00:00', 20), tx('Albert Heijn 1234', '2026-06-09T10:00:00', 25),
      tx('某某小店', '2026-06-03T10:00:00', 9), tx('某某小店', '2026-06-04T10:00:00', 9, { status: 'refunded' }),
      tx('Zwarte Kat 88', '2026-06-04T10:00:00', 9, { status: 'failed' }), tx('SALARY', '2026-06-04T10:00:00', 900, { kind: 'income' }),
      tx('PAYMENT - THANK YOU', '2026-06-04T10:00:00', 500, { kind: 'transfer' }),
      // No payee: the description names it, and only a rule on the text can place it.
      tx('', '2026-06-05T10:00:00', 12, { description: 'XYZ-REF-2291' }),
      tx('Zwarte Kat 88', '2026-06-06T10:00:00', 9), tx('瑞幸咖啡', '2026-06-06T09:00:00', 15),
    ];
    const p = buildProfile(rows, { now, excludedMerchants: ['zwarte kat 88'] });
    expect(p.unplaced).toEqual({
      merchants: [
        { name: 'Albert Heijn 1234', count: 2, last: '2026-06-09T10:00:00', counterparty: true },
        { name: 'XYZ-REF-2291', count: 1, last: '2026-06-05T10:00:00', counterparty: false },
        { name: '某某小店', count: 1, last: '2026-06-03T10:00:00', counterparty: true },
      ],
      merchantCount: 3, payments: 4,
    });
    expect(p.topics.map((t) => t.id)).toEqual(['coffee']);
    // A correction places it: it leaves the list and counts toward the topic.
    const corrected = buildProfile(rows, { now, rules: [{ id: 'r', match: 'counterparty', pattern: 'albert heijn 1234', topic: 'groceries', createdAt: '2026-06-10T00:00:00Z' }] });
    expect(corrected.unplaced.merchants.map((m) => m.name)).not.toContain('Albert Heijn 1234');
    expect(corrected.topics.find((t) => t.id === 'groceries')!.count).toBe(2);
    expect(buildProfile(rows, { now, paused: true }).unplaced).toEqual({ merchants: [], merchantCount: 0, payments: 0 });
  });
  it(`shows the ${UNPLACED_SHOWN} with most payments, and counts all`, () => {
    const rows = Array.from({ length: UNPLACED_SHOWN + 2 }, (_, i) =>
      Array.from({ length: i + 1 }, (_, k) => tx(`Zq Shop ${i}`, `2026-05-${String(k + 1).padStart(2, '0')}T10:00:00`, 5))).flat();
    const p = buildProfile(rows, { now });
    expect(p.unplaced.merchants.map((m) => m.name)).toEqual(Array.from({ length: UNPLACED_SHOWN }, (_, i) => `Zq Shop ${UNPLACED_SHOWN + 1 - i}`));
    expect(p.unplaced.merchantCount).toBe(UNPLACED_SHOWN + 2);
    expect(p.unplaced.payments).toBe(rows.length);
  });
});

describe('incremental profile', () => {
  it('equals a full rebuild after adding rows in batches, in any order', () => {
    const rows: ProfileRow[] = [...makePersona('coffee-lover', 3).transactions];
    for (let i = 0; i < 40; i++) rows.push(tx(`Zq Shop ${i % 7}`, `2026-0${(i % 5) + 1}-1${i % 10}T10:00:00`, 5 + i));
    const full = buildProfile(rows, { now: PERSONA_NOW });
    const acc = new ProfileAccumulator(new Categorizer());
    const shuffled = [...rows].reverse();
    for (let i = 0; i < shuffled.length; i += 97) acc.add(shuffled.slice(i, i + 97));
    const incremental = finalizeProfile(acc, { now: PERSONA_NOW });
    expect(incremental.topics).toEqual(full.topics);
    expect(incremental.rows).toBe(full.rows);
    expect(incremental.unplaced.payments).toBe(40);
    expect(incremental.unplaced).toEqual(full.unplaced);
  });
});

describe('memoised accumulation', () => {
  it('gives the same profile as resolving every row afresh, with rules and exclusions', () => {
    const rows: ProfileRow[] = allPersonas(4).flatMap((p) => p.transactions);
    // Same counterparty with different source categories and MCCs must not share one memo entry.
    rows.push(tx('某某商店', '2026-06-01T10:00:00', 20, { category: '运动户外' }), tx('某某商店', '2026-06-02T10:00:00', 20, { category: '餐饮美食' }),
      tx('某某商店', '2026-06-03T10:00:00', 20, { mcc: '5812' }), tx('', '2026-06-03T10:00:00', 20, { description: '猫粮' }));
    const rules = [{ id: 'r1', match: 'contains' as const, pattern: '地铁', topic: 'travel', createdAt: '2026-01-01T00:00:00Z' }];
    const filters = { excludedMerchants: [rows[5]!.counterparty], excludedTransactions: [rows[9]!.fingerprint] };
    const memo = new ProfileAccumulator(new Categorizer(rules), filters);
    const plain = new ProfileAccumulator(new Categorizer(rules), filters, { memoize: false });
    for (let i = 0; i < rows.length; i += 500) {
      memo.add(rows.slice(i, i + 500));
      plain.add(rows.slice(i, i + 500));
    }
    expect(memo.rows).toBe(plain.rows);
    expect(memo.topics).toEqual(plain.topics);
    expect(memo.unplaced).toEqual(plain.unplaced);
    expect(finalizeProfile(memo, { now: PERSONA_NOW })).toEqual(finalizeProfile(plain, { now: PERSONA_NOW }));
  });
  it('drops memoised topics when the categoriser learns a rule', () => {
    const categorizer = new Categorizer();
    const acc = new ProfileAccumulator(categorizer);
    acc.add([tx('某某小店', '2026-06-01T10:00:00', 20)]);
    categorizer.setRules([{ id: 'r', match: 'counterparty', pattern: '某某小店', topic: 'books', createdAt: '2026-06-01T00:00:00Z' }]);
    acc.add([tx('某某小店', '2026-06-02T10:00:00', 20)]);
    expect(acc.topics.get('books')?.count).toBe(1);
  });
  it('reads days from timestamps exactly as Date.UTC does', () => {
    for (let ms = Date.UTC(1999, 11, 25); ms < Date.UTC(2031, 1, 5); ms += 86_400_000 * 3 + 3_600_000) {
      const iso = new Date(ms).toISOString();
      expect(dayIndex(iso.slice(0, 19))).toBe(Math.floor(ms / 86_400_000));
      expect(dayIndex(iso.slice(0, 10))).toBe(Math.floor(ms / 86_400_000));
    }
    expect(dayIndex('2024-02-30')).toBe(Date.UTC(2024, 1, 30) / 86_400_000);
    expect(dayIndex('garbage')).toBeNaN();
  });
});

describe('personas', () => {
  it.each(allPersonas().map((p) => [p.id, p] as const))('%s: the known interest ranks in the top 3', (_id, persona) => {
    const p = buildProfile(persona.transactions, { now: PERSONA_NOW });
    expect(p.topics.slice(0, 3).map((t) => t.id)).toContain(persona.target);
    expect(p.topics.map((t) => t.id)).not.toContain('medical');
    expect(p.topics.map((t) => t.id)).not.toContain('pharmacy');
  });
  it('is deterministic for a seed', () => {
    expect(makePersona('gamer', 5).transactions).toEqual(makePersona('gamer', 5).transactions);
    expect(makePersona('gamer', 5).transactions).not.toEqual(makePersona('gamer', 6).transactions);
  });
});
