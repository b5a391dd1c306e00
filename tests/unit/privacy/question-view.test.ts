// Members read exactly the question their device answers, and the operator's estimate is explained in words.
import { describe, expect, it } from 'vitest';
import { estimateShare } from '../../../src/core/privacy';
import { translate } from '../../../src/i18n/translate';
import { estimateLines, MIN_ANSWERS, questionHeading, questionNote } from '../../../src/ui/trust/question-view';

const tea = { text: { en: 'Did you buy tea recently?', zh: '最近你买过茶吗？' }, topics: ['coffee'], withinDays: 30 };
const say = (lines: ReturnType<typeof estimateLines>, locale: 'en' | 'zh-CN' = 'en') => lines.map((l) => translate(locale, l.key, l.params));

describe('the question members read', () => {
  it('a spending question is headed by what the device checks, whatever its text says; the text is a note', () => {
    expect(questionHeading(tea, 'en')).toBe('Did you spend on Coffee in the last 30 days?');
    expect(questionHeading(tea, 'zh-CN')).toBe(translate('zh-CN', 'trust.op.ask.template', { topics: '咖啡', days: 30 }));
    expect(questionHeading({ ...tea, kind: 'spent' }, 'en')).toBe('Did you spend on Coffee in the last 30 days?');
    expect(questionNote(tea, 'en')).toBe('Did you buy tea recently?');
    expect(questionNote(tea, 'zh-CN')).toBe('最近你买过茶吗？');
  });

  it('a spending question asked without a note carries its heading as text: no note is shown', () => {
    const plain = { ...tea, text: { en: questionHeading(tea, 'en'), zh: questionHeading(tea, 'zh-CN') } };
    expect(questionNote(plain, 'en')).toBeUndefined();
    expect(questionNote(plain, 'zh-CN')).toBeUndefined();
    expect(questionNote({ ...tea, text: { en: '', zh: '' } }, 'en')).toBeUndefined();
  });

  it('a yes/no question is the operator\'s own words, answered by the person', () => {
    const choice = { kind: 'choice' as const, text: { en: 'Would you join?', zh: '你会参加吗？' }, topics: [], withinDays: 0 };
    expect(questionHeading(choice, 'en')).toBe('Would you join?');
    expect(questionHeading(choice, 'zh-CN')).toBe('你会参加吗？');
    expect(questionNote(choice, 'en')).toBeUndefined();
  });
});

describe('the operator\'s estimate in words', () => {
  it('no answers: says so', () => {
    expect(say(estimateLines(estimateShare(0, 0, 1)))).toEqual(['No answers yet · ε = 1']);
  });

  it('one "no" at ε = 1: too few to tell first, then the figures, what n and the range mean, and the negative raw estimate clipped to 0%', () => {
    const lines = say(estimateLines(estimateShare(0, 1, 1)));
    expect(lines[0]).toBe(`Too few answers to tell yet: with 1 answer the estimate means nothing; wait for at least ${MIN_ANSWERS}.`);
    expect(lines[1]).toBe('Estimated share: 0% (95% CI 0%–100%) · n = 1 · ε = 1');
    expect(lines[2]).toMatch(/^From 1 answer\. The true share is probably \(95% sure\) between 0% and 100%/);
    expect(lines[3]).toMatch(/raw estimate at -\d+%; a share cannot be below 0% or above 100%, so it is shown as 0%\.$/);
    expect(say(estimateLines(estimateShare(0, 1, 1)), 'zh-CN')[0]).toContain('回答太少');
  });

  it('enough answers inside 0–100%: no warning and nothing clipped', () => {
    const lines = estimateLines(estimateShare(300, 500, 1));
    expect(lines.map((l) => l.key)).toEqual(['trust.result', 'trust.result.range']);
    expect(say(lines)[1]).toMatch(/^From 500 answers\./);
  });

  it('the threshold is the count of answers', () => {
    expect(estimateLines(estimateShare(20, MIN_ANSWERS - 1, 1)).map((l) => l.key)).toContain('trust.result.tooFew');
    expect(estimateLines(estimateShare(20, MIN_ANSWERS, 1)).map((l) => l.key)).not.toContain('trust.result.tooFew');
  });
});
