// What a phone test of the circle pages found: event times that repeated the day, operator forms that took an
// end before the start or a close in the past, counts without their plural, a raw bit shown as the answer,
// two Chinese words for the operator (and three for the hub), and Chinese operator names in the English UI.
import { describe, expect, it } from 'vitest';
import catalog from '../../../src/hub/seed/catalog.json';
import circlesMessages from '../../../src/i18n/messages/circles';
import feedMessages from '../../../src/i18n/messages/feed';
import operatorMessages from '../../../src/i18n/messages/operator';
import trustMessages from '../../../src/i18n/messages/trust';
import { translate } from '../../../src/i18n/translate';
import { whenInFull, whenRange } from '../../../src/ui/content/content-view';
import { operatorName } from '../../../src/ui/feed/circle-name';
import { endsAfterStart, isAhead } from '../../../src/ui/operator/forms';

const ZONE = 'Asia/Shanghai';
// 19:00 and 21:00 on 12 December 2026 in Shanghai.
const SEVEN = '2026-12-12T11:00:00.000Z';
const NINE = '2026-12-12T13:00:00.000Z';
const NEXT_DAY = '2026-12-13T13:00:00.000Z';

describe('event times', () => {
  it('a same-day event names its day once, in either language', () => {
    expect(whenRange(SEVEN, NINE, 'en', ZONE)).toMatch(/^Dec 12, 2026, 7:00\s–\s9:00\sPM$/);
    expect(whenRange(SEVEN, NINE, 'zh-CN', ZONE)).toMatch(/^2026年12月12日 19:00\s?–\s?21:00$/);
  });

  it('a time just picked reads back with its weekday, in the app’s language rather than the picker’s', () => {
    expect(whenInFull(SEVEN, 'zh-CN', ZONE)).toBe('2026年12月12日星期六 19:00');
    expect(whenInFull(SEVEN, 'en', ZONE)).toMatch(/^Saturday, December 12, 2026 at 7:00\sPM$/);
  });

  it('an event over two days names both days, with the dash spaced evenly', () => {
    expect(whenRange(SEVEN, NEXT_DAY, 'en', ZONE)).toMatch(/^Dec 12, 2026, 7:00\sPM\s–\sDec 13, 2026, 9:00\sPM$/);
    expect(whenRange(SEVEN, NEXT_DAY, 'zh-CN', ZONE)).toBe('2026年12月12日 19:00 – 2026年12月13日 21:00');
  });

  it('without an end only the start shows; an end before the start (older events) is shown as given', () => {
    expect(whenRange(SEVEN, undefined, 'en', ZONE)).toMatch(/^Dec 12, 2026, 7:00\sPM$/);
    expect(whenRange(NINE, SEVEN, 'en', ZONE)).toMatch(/^Dec 12, 2026, 9:00\sPM – Dec 12, 2026, 7:00\sPM$/);
  });
});

describe('operator form times', () => {
  it('an event must end after it starts', () => {
    expect(endsAfterStart(SEVEN, NINE)).toBe(true);
    expect(endsAfterStart(NINE, SEVEN)).toBe(false);
    expect(endsAfterStart(SEVEN, SEVEN)).toBe(false);
  });

  it('a poll close or group-buy deadline must still be ahead', () => {
    const now = Date.parse(SEVEN);
    expect(isAhead(NINE, now)).toBe(true);
    expect(isAhead(SEVEN, now)).toBe(false);
    expect(isAhead('2020-01-01T00:00:00.000Z', now)).toBe(false);
  });

  it('the refusals are worded in both languages', () => {
    for (const key of ['operator.event.endsBeforeStart', 'operator.poll.closesPast', 'operator.offer.deadlinePast']) {
      expect(translate('en', key)).not.toBe(key);
      expect(translate('zh-CN', key)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('trust wording', () => {
  it('customer lists and hashes take their plural', () => {
    expect(translate('en', 'trust.op.proof.set', { count: 1, n: 3 })).toBe('One customer list published, with 3 hashes.');
    expect(translate('en', 'trust.op.proof.set', { count: 1, n: 1 })).toBe('One customer list published, with 1 hash.');
    expect(translate('en', 'trust.op.proof.sets', { count: 2, n: 1 })).toBe('2 customer lists published; the newest holds 1 hash.');
    expect(translate('en', 'trust.op.proof.published', { count: 1 })).toMatch(/^Published 1 salted hash\. /);
    expect(translate('en', 'trust.op.proof.published', { count: 3 })).toMatch(/^Published 3 salted hashes\. /);
  });

  it('a sent answer is said in words, as a randomized yes or no, with its ε', () => {
    const en = translate('en', 'trust.questions.sent', { answer: translate('en', 'trust.answer.yes'), epsilon: 1 });
    expect(en).toContain('randomized “yes”');
    expect(en).toContain('ε = 1');
    expect(en).not.toMatch(/sent \d/);
    const zh = translate('zh-CN', 'trust.questions.sent', { answer: translate('zh-CN', 'trust.answer.no'), epsilon: 1 });
    expect(zh).toContain('随机化的“否”');
    expect(zh).toContain('ε = 1');
  });
});

describe('one Chinese word for the operator', () => {
  it('the circle, feed, operator and trust screens say 圈主, never 运营者', () => {
    for (const messages of [circlesMessages, feedMessages, operatorMessages, trustMessages]) {
      for (const [key, text] of Object.entries(messages.zh)) expect(text, key).not.toContain('运营者');
    }
    expect(translate('zh-CN', 'circles.approval')).toContain('圈主');
    expect(translate('zh-CN', 'feed.status.requested')).toContain('圈主');
  });
});

describe('one Chinese word for the circle hub', () => {
  // A user met 服务端, 服务器 and 圈子服务器 for the same refusal and could not tell whether they were one thing.
  it('every screen says 圈子服务器, never 服务端 or a bare 服务器', () => {
    const all = import.meta.glob<{ default: { zh: Record<string, string> } }>('../../../src/i18n/messages/*.ts', { eager: true });
    for (const module of Object.values(all)) {
      for (const [key, text] of Object.entries(module.default.zh)) expect(text, key).not.toMatch(/服务端|(?<!圈子)服务器/);
    }
    expect(translate('zh-CN', 'content.rejected', { reason: 'x' })).toBe(translate('zh-CN', 'feed.state.rejected', { reason: 'x' }));
  });
});

describe('polls that hide names', () => {
  // Every circle doc is readable by its members, `vote:<poll>:<name>` included: the app hides names, it cannot make a vote secret.
  it('promise only what the app does, in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const line = translate(locale, 'content.poll.anonymous');
      expect(line).not.toMatch(/nobody|no one|anonymous|没人|匿名/i);
      expect(line).toMatch(locale === 'en' ? /only the counts.*under your account name/ : /只显示票数.*账号名/);
      expect(translate(locale, 'operator.poll.anonymous')).not.toMatch(/anonymous|匿名/i);
    }
  });
});

describe('operator names in English', () => {
  const circle = (id: string) => catalog.find((c) => c._id === id)!;

  it('uses the Latin statement name of the operator’s own business in English, the catalog name in Chinese', () => {
    expect(operatorName(circle('anime-popmart-collectors'), 'en')).toBe('POP MART');
    expect(operatorName(circle('coffee-luckin-sh'), 'en')).toBe('luckin');
    expect(operatorName(circle('travel-ctrip-explorers'), 'en')).toBe('Trip.com');
    expect(operatorName(circle('anime-popmart-collectors'), 'zh-CN')).toBe('泡泡玛特');
  });

  it('uses the catalog’s Latin operator name in English where the statement names give none', () => {
    // 美团 runs this community circle, which lists no statement names.
    expect(operatorName(circle('groupbuy-neighbourhood'), 'en')).toBe('Meituan');
    // The statement name 余额宝 is not the operator 支付宝理财.
    expect(operatorName(circle('invest-yuebao-savers'), 'en')).toBe('Alipay Wealth');
    expect(operatorName(circle('hotels-huazhu-members'), 'en')).toBe('Huazhu Club');
    expect(operatorName(circle('hotels-huazhu-members'), 'zh-CN')).toBe('华住会');
    expect(operatorName(circle('coffee-timhortons-ca'), 'en')).toBe('Tim Hortons');
  });

  it('every catalog operator has a name in Latin letters for the English screens', () => {
    const han = /\p{Script=Han}/u;
    expect(catalog.filter((c) => han.test(operatorName(c, 'en'))).map((c) => c._id)).toEqual([]);
  });

  it('a circle an operator created, without a Latin name, keeps its operator’s own name unless a statement name is theirs', () => {
    expect(operatorName({ operator: '街角面包', merchants: [] }, 'en')).toBe('街角面包');
    expect(operatorName({ operator: '街角面包房', merchants: ['街角面包', 'Corner Bakery'] }, 'en')).toBe('Corner Bakery');
    expect(operatorName({ operator: '社区团长', merchants: ['街角面包', 'Corner Bakery'] }, 'en')).toBe('社区团长');
  });
});

describe('names inside a Chinese sentence', () => {
  it('a Latin name is spaced from the Chinese around it; a Chinese name, or English text, is left as it is', async () => {
    const { nameInSentence } = await import('../../../src/i18n/spacing');
    expect(`由${nameInSentence('Manner Coffee', 'zh-CN')}运营`).toBe('由 Manner Coffee 运营');
    expect(`加入${nameInSentence('上海 Livehouse 夜行者', 'zh-CN')}`).toBe('加入上海 Livehouse 夜行者');
    expect(`加入${nameInSentence('Tim Hortons 咖啡圈', 'zh-CN')}`).toBe('加入 Tim Hortons 咖啡圈');
    expect(nameInSentence('Manner Coffee', 'en')).toBe('Manner Coffee');
  });
});
