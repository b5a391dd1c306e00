// Statement names: the circles of places a person really pays at come first, with that as the reason, matched
// only against what the profile lets count (hidden topics, sensitive topics left off, excluded merchants).
import { describe, expect, it } from 'vitest';
import { checkStatementNames, evaluateCriteria, paidAt, statementNameMatcher, suggestCircles, type Circle } from '../../../src/core/circles';
import { buildProfile, type ProfileRow } from '../../../src/core/profile';
import { paidAtReason } from '../../../src/core/circles/reasons';
import catalogJson from '../../../src/hub/seed/catalog.json';

const catalog = catalogJson as unknown as Circle[];
let n = 0;
const tx = (counterparty: string, occurredAt: string, yuan = 30): ProfileRow => ({
  occurredAt, amountMinor: -yuan * 100, currency: 'CNY', counterparty, description: '', kind: 'expense', status: 'completed', fingerprint: `p${n++}`,
});
const now = new Date(2026, 5, 30);
const circle = (id: string, topics: Record<string, number>, merchants?: unknown): Circle => ({
  _id: id, name: { zh: id, en: id }, description: { zh: '', en: '' }, operator: 'x', operators: ['op-x'], topics, policy: 'open', memberCount: 10,
  ...(merchants === undefined ? {} : { merchants: merchants as string[] }),
});

describe('statement names', () => {
  it('match Chinese names anywhere and Latin names as whole words, ignoring case', () => {
    const luckin = statementNameMatcher(['瑞幸', 'luckin']);
    expect(luckin('瑞幸咖啡(上海)有限公司')).toBe(true);
    expect(luckin('LUCKIN COFFEE #0231')).toBe(true);
    expect(luckin('星巴克')).toBe(false);
    expect(statementNameMatcher(['Keep'])('Keep会员')).toBe(true);
    expect(statementNameMatcher(['Keep'])('GOALKEEPER SHOP')).toBe(false);
    expect(statementNameMatcher(['NIO'])('UNION PAY')).toBe(false);
    expect(statementNameMatcher(['NIO'])('NIO Power 换电')).toBe(true);
    expect(statementNameMatcher(['JD.com'])('JD.com Store')).toBe(true);
  });

  it('are a list of at most 20 names of 2 to 60 characters, trimmed, repeats dropped', () => {
    expect(checkStatementNames([' 瑞幸 ', 'Luckin', 'luckin'])).toEqual({ ok: true, names: ['瑞幸', 'Luckin'] });
    expect(checkStatementNames([])).toEqual({ ok: true, names: [] });
    expect(checkStatementNames('瑞幸')).toEqual({ ok: false, problem: { code: 'list' } });
    expect(checkStatementNames(['瑞'])).toEqual({ ok: false, problem: { code: 'name', detail: '瑞' } });
    expect(checkStatementNames(['ok', 7])).toEqual({ ok: false, problem: { code: 'name', detail: '7' } });
    expect(checkStatementNames(Array.from({ length: 21 }, (_, i) => `shop ${i}`))).toEqual({ ok: false, problem: { code: 'tooMany', detail: '20' } });
  });

  it('audience criteria on merchants use the same matching', () => {
    const profile = buildProfile([tx('GOALKEEPER SHOP', '2026-06-20T09:00:00'), tx('Keep会员', '2026-06-21T09:00:00')], { now });
    expect(evaluateCriteria({ merchant: ['Keep'], minCount: 1 }, profile)).toBe(true);
    expect(evaluateCriteria({ merchant: ['Keep'], minCount: 2 }, profile)).toBe(false);
  });
});

describe('paidAt', () => {
  const rows = [
    tx('瑞幸咖啡', '2026-06-01T09:00:00'), tx('瑞幸咖啡', '2026-06-20T09:00:00'), tx('luckin coffee', '2026-03-02T09:00:00'),
    tx('瑞幸咖啡', '2026-07-04T09:00:00'), // after "now": not yet
    tx('星巴克', '2026-06-25T09:00:00'),
  ];

  it('adds up the purchases under every matching name, up to today, with the latest day and where', () => {
    const paid = paidAt(buildProfile(rows, { now }), ['瑞幸', 'luckin'])!;
    expect(paid.count).toBe(3);
    expect(paid.recentCount).toBe(2);
    expect(new Date(paid.lastDay * 86_400_000).toISOString().slice(0, 10)).toBe('2026-06-20');
    expect(paid.names).toEqual(['瑞幸咖啡', 'luckin coffee']);
    expect([...paid.topics]).toEqual(['coffee']);
    expect(paidAt(buildProfile(rows, { now }), ['Manner'])).toBeUndefined();
  });

  it('never counts a hidden topic, a sensitive topic left off or an excluded merchant', () => {
    expect(paidAt(buildProfile(rows, { now, hiddenTopics: ['coffee'] }), ['瑞幸'])).toBeUndefined();
    expect(paidAt(buildProfile(rows, { now, excludedMerchants: ['瑞幸咖啡'] }), ['瑞幸', 'luckin'])!.names).toEqual(['luckin coffee']);
    const clinic = [tx('上海瑞金医院', '2026-06-01T10:00:00', 300)];
    expect(paidAt(buildProfile(clinic, { now }), ['瑞金医院'])).toBeUndefined();
    expect(paidAt(buildProfile(clinic, { now, enabledSensitive: ['medical'] }), ['瑞金医院'])!.count).toBe(1);
  });
});

describe('suggestions from where you pay', () => {
  const rows: ProfileRow[] = [];
  for (let i = 1; i <= 20; i++) rows.push(tx('星巴克', `2026-06-${String(i).padStart(2, '0')}T09:00:00`, 35));
  for (let i = 1; i <= 8; i++) rows.push(tx('盒马', `2026-06-${String(i * 3).padStart(2, '0')}T18:00:00`, 80));
  const profile = buildProfile(rows, { now });
  const small = [
    circle('coffee-elsewhere', { coffee: 1 }, ['Manner']),
    circle('coffee-starbucks', { coffee: 1 }, ['星巴克', 'Starbucks']),
    circle('coffee-community', { coffee: 1 }),
    circle('dining-hema', { dining: 1 }, ['盒马']),
    circle('broken-names', { coffee: 1 }, 'not a list'),
  ];

  it('puts the circle of the café you pay at first and says so, in both languages', () => {
    const en = suggestCircles(profile, small, 5, { locale: 'en' });
    expect(en[0]!.circleId).toBe('coffee-starbucks');
    expect(en[0]!.reasons[0]).toBe('You paid at 星巴克 20 times, last on 2026-06-20');
    expect(en[0]!.paidAt).toEqual(['星巴克']);
    expect(en.find((s) => s.circleId === 'coffee-community')!.paidAt).toBeUndefined();
    expect(en[0]!.score).toBeGreaterThan(en.find((s) => s.circleId === 'coffee-elsewhere')!.score + 0.4);
    // The topic's reason does not name 星巴克 a second time; a circle without names still hears of it.
    expect(en[0]!.reasons[1]).toBe('20 purchases in Coffee in the last 60 days');
    expect(en.find((s) => s.circleId === 'coffee-community')!.reasons[0]).toBe('20 purchases at 星巴克 in the last 60 days (Coffee)');
    const zh = suggestCircles(profile, small, 5, { locale: 'zh-CN' });
    expect(zh[0]!.reasons[0]).toBe('你在星巴克消费过 20 次，最近一次在 2026年6月20日');
    expect(zh[0]!.reasons[1]).toBe('近 60 天咖啡消费 20 次');
    // Names no device could use are ignored, not fatal.
    expect(en.map((s) => s.circleId)).toContain('broken-names');
  });

  it('gives no lift for purchases outside what the circle is about, and drops the lift with the interest', () => {
    const hema = paidAt(profile, ['盒马'])!;
    expect(hema.topics.has('dining')).toBe(false);
    // 盒马 counts toward groceries here; a dining circle of 盒马 is not suggested on those purchases alone.
    expect(suggestCircles(profile, small, 5).map((s) => s.circleId)).not.toContain('dining-hema');
    // A circle about what the purchases are (groceries) is, first among the grocery circles.
    const groceries = [circle('groceries-other', { groceries: 1 }), circle('groceries-hema', { groceries: 1 }, ['盒马'])];
    const ranked = suggestCircles(profile, groceries, 2, { locale: 'en', lambda: 1 });
    expect(ranked.map((s) => s.circleId)).toEqual(['groceries-hema', 'groceries-other']);
    expect(ranked[0]!.reasons[0]).toMatch(/^You paid at 盒马 8 times/);
    // A side habit (weight well under the main interest) gets a small part of the lift a main interest gets.
    const side = ranked[0]!.score - ranked[1]!.score;
    const main = suggestCircles(profile, small, 5, { lambda: 1 });
    const mainLift = main.find((s) => s.circleId === 'coffee-starbucks')!.score - main.find((s) => s.circleId === 'coffee-community')!.score;
    expect(side).toBeGreaterThan(0);
    expect(side).toBeLessThan(mainLift / 4);
  });

  it('the seed catalog names its businesses, so a real statement finds its own shops (audience gates still hold)', () => {
    const shops = [tx('星巴克', '2026-05-30T08:15:02', 36), tx('乐刻运动', '2026-05-12T07:00:00', 165), tx('猫眼', '2026-05-26T19:30:00', 89)];
    const top3 = (rows: ProfileRow[]) => suggestCircles(buildProfile(rows, { now }), catalog, 5).slice(0, 3).map((s) => s.circleId).sort();
    // Starbucks Rewards asks for two purchases at Starbucks: one is not enough, the café's circle waits.
    expect(top3(shops)).toEqual(['coffee-luckin-sh', 'film-maoyan-cinephiles', 'fitness-lefit-community']);
    expect(top3([...shops, tx('星巴克', '2026-05-31T08:15:02', 36)])).toEqual(['coffee-starbucks-stars', 'film-maoyan-cinephiles', 'fitness-lefit-community']);
    expect(catalog.filter((c) => c.merchants).every((c) => checkStatementNames(c.merchants).ok)).toBe(true);
  });
});

describe('the paid-at reason', () => {
  const at = (count: number) => ({ count, recentCount: count, lastDay: Date.UTC(2024, 4, 26) / 86_400_000, names: ['猫眼'], topics: new Set<string>() });
  it('counts in words for one and two payments, and dates as each language writes a day', () => {
    expect(paidAtReason(at(1), 'en')).toBe('You paid at 猫眼 once, last on 2024-05-26');
    expect(paidAtReason(at(2), 'en')).toBe('You paid at 猫眼 twice, last on 2024-05-26');
    expect(paidAtReason(at(3), 'en')).toBe('You paid at 猫眼 3 times, last on 2024-05-26');
    expect(paidAtReason(at(1), 'zh-CN')).toBe('你在猫眼消费过 1 次，最近一次在 2024年5月26日');
  });
});
