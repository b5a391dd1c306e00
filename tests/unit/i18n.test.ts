import { describe, expect, it } from 'vitest';
import { dayText, momentText, monthText } from '../../src/i18n/dates';
import { browserLocale, messageTables, setLocale, t } from '../../src/i18n/index.svelte';
import { translate } from '../../src/i18n/translate';

const files = import.meta.glob<{ default: { en: Record<string, string>; zh: Record<string, string> } }>(
  '../../src/i18n/messages/*.ts', { eager: true });
// Sets, not lists: an English plural message names {n} once per form.
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('i18n', () => {
  it('a Latin name or a number put into a Chinese sentence is set apart from the Chinese around it, once', () => {
    expect(translate('zh-CN', 'circles.seePayments', { merchant: 'TIM HORTONS #1234' })).toBe('查看你在 TIM HORTONS #1234 的付款');
    expect(translate('zh-CN', 'circles.seePayments', { merchant: '星巴克' })).toBe('查看你在星巴克的付款');
    // Already spaced (nameInSentence), or next to punctuation or a space in the message: nothing added.
    expect(translate('zh-CN', 'circles.seePayments', { merchant: ' Manner ' })).toBe('查看你在 Manner 的付款');
    expect(translate('zh-CN', 'feed.account.signedInAs', { name: 'demo-lin' })).toBe('当前登录：demo-lin');
    expect(translate('en', 'circles.seePayments', { merchant: 'TIM HORTONS' })).toMatch(/ TIM HORTONS/);
  });

  it('every message file has the same keys and placeholders in en and zh', () => {
    expect(Object.keys(files).length).toBeGreaterThan(0);
    for (const [path, mod] of Object.entries(files)) {
      const { en, zh } = mod.default;
      expect(Object.keys(zh).sort(), path).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(placeholders(zh[key] ?? ''), `${path} ${key}`).toEqual(placeholders(en[key]!));
        expect(en[key]!.trim(), `${path} ${key} (en) is empty`).not.toBe('');
        expect(zh[key]!.trim(), `${path} ${key} (zh) is empty`).not.toBe('');
      }
    }
  });

  it('the merged tables line up, and no two files define the same key', () => {
    const tables = messageTables();
    expect(Object.keys(tables['zh-CN']).sort()).toEqual(Object.keys(tables.en).sort());
    const seen = new Map<string, string>();
    for (const [path, mod] of Object.entries(files)) {
      for (const key of Object.keys(mod.default.en)) {
        expect(seen.get(key), `${key} is defined in ${seen.get(key)} and ${path}`).toBeUndefined();
        seen.set(key, path);
      }
    }
  });

  it('follows the browser language, falling back to Chinese', () => {
    expect(browserLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(browserLocale(['zh-TW'])).toBe('zh-CN');
    expect(browserLocale(['fr-FR', 'en-US'])).toBe('en');
    expect(browserLocale(['fr-FR'])).toBe('zh-CN');
  });

  it('switching language changes the text and fills placeholders', () => {
    setLocale('en');
    expect(t('nav.settings')).toBe('Settings');
    expect(t('shell.title', { screen: 'Feed' })).toBe('Feed · Quanzi');
    setLocale('zh-CN');
    expect(t('nav.settings')).toBe('设置');
  });

  it("counts choose the English plural form and get the locale's digit grouping; Chinese has one form", () => {
    setLocale('en');
    expect(t('tx.count', { count: 1 })).toBe('1 transaction');
    expect(t('tx.count', { count: 12345 })).toBe('12,345 transactions');
    expect(t('circles.members', { n: 0 })).toBe('0 members');
    setLocale('zh-CN');
    expect(t('profile.count', { n: 1 })).toBe('1 笔');
    expect(t('circles.members', { n: 45000 })).toMatch(/^45,000\s?位成员$/);
  });

  it('import counts are grouped too, and one undone row is one row (found in a user test: "1 rows", "150000")', () => {
    expect(translate('en', 'import.undone', { file: 'a.csv', n: 1 })).toBe('Import of a.csv undone: 1 row removed.');
    expect(translate('en', 'import.undone', { file: 'a.csv', n: 150000 })).toBe('Import of a.csv undone: 150,000 rows removed.');
    expect(translate('zh-CN', 'import.undone', { file: 'a.csv', n: 150000 })).toBe('已撤销 a.csv 的导入：删除了 150,000 条。');
    expect(translate('zh-CN', 'import.result', { file: 'a.csv', added: 150000, duplicates: 0, skipped: 1200 })).toBe('a.csv：新增 150,000 条，已存在 0 条，跳过 1,200 条');
  });

  it('writes a day as Chinese text does, and as ISO in English, from the digits alone', () => {
    expect(dayText('2024-05-04T23:59:59', 'zh-CN')).toBe('2024年5月4日');
    expect(dayText('2024-12-31', 'zh-CN')).toBe('2024年12月31日');
    expect(dayText('2024-05-04T23:59:59', 'en')).toBe('2024-05-04');
    // Not a date: shown as it is rather than as a wrong one.
    expect(dayText('05/04/2024', 'zh-CN')).toBe('05/04/2024');
  });

  it('writes a moment as its day plus the time, and a date without a time as the day alone', () => {
    expect(momentText('2024-05-30T08:15:42', 'zh-CN')).toBe('2024年5月30日 08:15');
    expect(momentText('2024-05-30T08:15:42', 'en')).toBe('2024-05-30 08:15');
    expect(momentText('2024-05-30T08:15:42', 'zh-CN', true)).toBe('2024年5月30日 08:15:42');
    expect(momentText('2024-05-30T08:15', 'en', true)).toBe('2024-05-30 08:15');
    expect(momentText('2024-05-30', 'zh-CN')).toBe('2024年5月30日');
    expect(momentText('2024-05-30', 'en')).toBe('2024-05-30');
    expect(momentText('not a date', 'zh-CN')).toBe('not a date');
  });

  it('writes a month the same way: 2024年6月 in Chinese, the ISO month in English', () => {
    expect(monthText('2024-06', 'zh-CN')).toBe('2024年6月');
    expect(monthText('2024-12', 'zh-CN')).toBe('2024年12月');
    expect(monthText('2024-06', 'en')).toBe('2024-06');
    expect(monthText('June', 'zh-CN')).toBe('June');
  });
});
