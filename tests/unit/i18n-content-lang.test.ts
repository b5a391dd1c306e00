import { describe, expect, it } from 'vitest';
import { contentLang } from '../../src/i18n/content-lang';

describe("the language of people's writing", () => {
  it('is marked only where it differs from the app', () => {
    expect(contentLang('星巴克', 'en')).toBe('zh-CN');
    expect(contentLang('星巴克', 'zh-CN')).toBeUndefined();
    expect(contentLang('Albert Heijn 1234', 'zh-CN')).toBe('en');
    expect(contentLang('Albert Heijn 1234', 'en')).toBeUndefined();
    // A Chinese sentence with a brand name in it is still Chinese; an English one with one Chinese word is English.
    expect(contentLang('今天在 Starbucks 喝了燕麦拿铁', 'en')).toBe('zh-CN');
    expect(contentLang('Great oat latte at the new shop downtown, 好喝', 'zh-CN')).toBe('en');
    expect(contentLang('12.50 👍', 'en')).toBeUndefined();
  });
});
