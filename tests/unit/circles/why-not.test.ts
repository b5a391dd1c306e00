// Found in a user test: someone who paid at 星巴克 once was not offered its circle, and nothing said why.
import { describe, expect, it } from 'vitest';
import { buildProfile, type ProfileRow } from '../../../src/core/profile';
import { suggestCircles, whyNotSuggested, type Circle } from '../../../src/core/circles';
import { whyNotLines } from '../../../src/ui/circles/why-not-text';

const now = new Date(2026, 5, 30);
let n = 0;
const paid = (counterparty: string, day: number, yuan = 36): ProfileRow => ({
  occurredAt: `2026-06-${String(day).padStart(2, '0')}T09:00:00`, amountMinor: -yuan * 100, currency: 'CNY', counterparty, description: '',
  kind: 'expense', status: 'completed', fingerprint: `f${n++}`,
});
const circle = (id: string, extra: Partial<Circle>): Circle => ({
  _id: id, name: { zh: id, en: id }, description: { zh: '', en: '' }, operator: 'op', memberCount: 10, policy: 'open', topics: { coffee: 1 }, ...extra,
} as Circle);

const stars = circle('stars', { audience: { merchant: ['星巴克', 'starbucks'], minCount: 2 }, merchants: ['星巴克', 'Starbucks'] });
const gyms = circle('gyms', { topics: { fitness: 1 } });
const clinic = circle('clinic', { topics: { medical: 1 } });
const coffee = circle('coffee', {});

describe('why a circle is not suggested', () => {
  const profile = buildProfile([paid('星巴克', 3), paid('瑞幸咖啡', 4), paid('瑞幸咖啡', 5)], { now });

  it('agrees with the suggestions: an operator’s condition not met, with what the statements show', () => {
    expect(suggestCircles(profile, [stars, coffee], 5).map((s) => s.circleId)).toEqual(['coffee']);
    const why = whyNotSuggested(stars, profile);
    expect(why).toEqual({ kind: 'audience', check: { kind: 'merchant', names: ['星巴克', 'starbucks'], minCount: 2, have: 1, met: false } });
    expect(whyNotLines(why, 'en').map((line) => line.text)).toEqual([
      'Its operator suggests it only to people whose statements show this:',
      'at least 2 payments at 星巴克, starbucks: your statements show 1.',
    ]);
    expect(whyNotLines(why, 'zh-CN')[1]!.text).toBe('在星巴克、starbucks 至少付款 2 次：你的账单显示 1 次。');
  });

  it('says when nothing matches, when a topic is kept out, when others fit better, and when nothing is profiled', () => {
    expect(whyNotSuggested(gyms, profile)).toEqual({ kind: 'no-match', topics: ['fitness'] });
    expect(whyNotLines(whyNotSuggested(gyms, profile), 'en')[0]!.text).toBe('Nothing in your statements is about Fitness.');
    expect(whyNotSuggested(clinic, profile)).toEqual({ kind: 'sensitive', topics: ['medical'] });
    expect(whyNotSuggested(coffee, profile)).toEqual({ kind: 'ranked' });
    expect(whyNotSuggested(coffee, buildProfile([], { now }))).toEqual({ kind: 'no-statements' });
    expect(whyNotSuggested(coffee, buildProfile([paid('瑞幸咖啡', 4)], { now, paused: true }))).toEqual({ kind: 'paused' });
  });

  it('a group of conditions lists each with whether it is met', () => {
    const either = circle('either', { audience: { any: [{ topic: 'coffee', minCount: 5, withinDays: 30 }, { merchant: ['Manner'] }] } });
    const lines = whyNotLines(whyNotSuggested(either, profile), 'en');
    expect(lines[1]).toEqual({ text: 'one of these', met: false, parts: [
      { text: 'at least 5 purchases in Coffee in the last 30 days: your statements show 3.', met: false },
      { text: 'at least 1 payment at Manner: your statements show 0.', met: false },
    ] });
  });
});
