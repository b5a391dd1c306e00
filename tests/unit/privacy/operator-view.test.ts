import { describe, expect, it } from 'vitest';
import bundled from '../../../src/hub/seed/catalog.json';
import { translate } from '../../../src/i18n/translate';
import { claimsStatus, circleTopicIds, defaultTopic, missingLanguage, missingLanguageKey, questionTemplate } from '../../../src/ui/trust/operator-view';
import type { VerifyReport } from '../../../src/hub/trust';

const topicsOf = (id: string) => (bundled as unknown as { _id: string; topics: Record<string, number> }[]).find((c) => c._id === id)!.topics;

describe('the demand question starts from the circle\'s topics', () => {
  it('a pet circle asks about pets, not coffee', () => {
    expect(defaultTopic(circleTopicIds(topicsOf('pets-boqii-cats')))).toBe('pets');
    expect(defaultTopic(circleTopicIds(topicsOf('coffee-luckin-sh')))).toBe('coffee');
  });

  it('several topics are listed heaviest first; unknown ids are left out', () => {
    expect(circleTopicIds(topicsOf('photo-dji-aerial'))).toEqual(['photography', 'gadgets', 'outdoor']);
    expect(circleTopicIds({ 'no-such-topic': 2, film: 0.5, leisure: 1 })).toEqual(['leisure', 'film']);
  });

  it('a circle without known topics falls back to the first topic in the list', () => {
    expect(circleTopicIds(undefined)).toEqual([]);
    expect(defaultTopic([])).toBe('coffee');
  });
});

describe('a spending question is worded from its topic and days', () => {
  const pets = questionTemplate('pets', 30);

  it('the template names the topic and the days, in each language', () => {
    expect(pets.en).toBe('Did you spend on Pets in the last 30 days?');
    expect(pets.zh).toBe(translate('zh-CN', 'trust.op.ask.template', { topics: '宠物', days: 30 }));
    expect(pets.zh).toContain('宠物');
  });
});

describe('the claims state agrees with the last verification', () => {
  const en = (lines: ReturnType<typeof claimsStatus>) => lines.map((l) => translate('en', l.key, l.params));
  const report = (r: Partial<VerifyReport>): VerifyReport => ({ verified: [], refused: [], waiting: [], ...r });

  it('before any verification: no claims yet, or how many wait', () => {
    expect(en(claimsStatus([]))).toEqual(['No claims yet.']);
    expect(en(claimsStatus([{ author: 'a', badge: false }, { author: 'b', badge: true }]))).toEqual(['1 claim waiting to be verified.']);
  });

  it('after verifying the only claim it does not say "no claims yet"', () => {
    const lines = en(claimsStatus([], report({ verified: ['a'] })));
    expect(lines).toEqual(['Verified: 1. Refused: 0.', 'No claims left to verify.']);
    expect(lines.join(' ')).not.toContain('No claims yet');
  });

  it('claims the report decided are not counted open while the list catches up with their deletion', () => {
    const claims = [{ author: 'a', badge: false }, { author: 'b', badge: false }, { author: 'c', badge: false }];
    const r = report({ verified: ['a'], refused: [{ user: 'b', orderId: 'X', reason: 'not-in-set' }], waiting: ['c'] });
    expect(en(claimsStatus(claims, r))).toEqual(['Verified: 1. Refused: 1.', 'Left for your other device: 1.', '1 claim waiting to be verified.']);
    expect(en(claimsStatus(claims.slice(0, 2), report({ verified: ['a', 'b'] })))).toEqual(['Verified: 2. Refused: 0.', 'No claims left to verify.']);
  });
});

describe('a demand question is asked in both languages', () => {
  it('an empty (or blank) language is the one to add', () => {
    expect(missingLanguage({ en: 'Did you buy coffee?', zh: '' })).toBe('zh');
    expect(missingLanguage({ en: 'Did you buy coffee?', zh: '  ' })).toBe('zh');
    expect(missingLanguage({ en: '', zh: '你买咖啡了吗？' })).toBe('en');
    expect(missingLanguage({ en: 'Did you buy coffee?', zh: '你买咖啡了吗？' })).toBeUndefined();
  });

  it('the message names the missing language, in the operator\'s language', () => {
    expect(translate('en', missingLanguageKey('zh'))).toBe('Write the question in Chinese too: members reading Chinese see that one.');
    expect(translate('en', missingLanguageKey('en'))).toBe('Write the question in English too: members reading English see that one.');
    expect(translate('zh-CN', missingLanguageKey('zh'))).toContain('中文');
    expect(translate('zh-CN', missingLanguageKey('en'))).toContain('英文');
    expect(translate('zh-CN', missingLanguageKey('zh'))).not.toBe(translate('en', missingLanguageKey('zh')));
  });
});
