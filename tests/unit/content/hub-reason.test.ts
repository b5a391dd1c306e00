import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../src/i18n/index.svelte';
import { hubReasonText } from '../../../src/ui/content/hub-reason';

describe("the hub's refusals, for people", () => {
  afterEach(() => setLocale('en'));

  it('says the common ones in the UI language, with the time in local words', () => {
    setLocale('zh-CN');
    expect(hubReasonText('You are muted in this circle until 2030-12-07T18:37:19.071Z.', 'zh-CN')).toMatch(/^圈主已将你禁言至 2030年12月\d+日 \d{2}:\d{2}。$/);
    expect(hubReasonText('The poll is closed.', 'zh-CN')).toBe('投票已结束。');
    setLocale('en');
    expect(hubReasonText('The group-buy deadline has passed.', 'en')).toBe('the group-buy’s deadline has passed.');
    expect(hubReasonText('Only an operator may write pin docs.', 'en')).toBe('only the circle’s operators may do this.');
  });

  it('an operator who lost their rights (removed in another window) reads why an approve or a mute failed', () => {
    setLocale('zh-CN');
    expect(hubReasonText('Only an admin of circle_concerts-livehouse-sh may change its _security.', 'zh-CN')).toBe('只有圈主可以这样做。');
    setLocale('en');
    expect(hubReasonText('Only the circle operators may edit this entry.', 'en')).toBe('only the circle’s operators may do this.');
  });

  it('shows any other refusal as the hub wrote it', () => {
    expect(hubReasonText('text longer than 4000 characters.', 'en')).toBe('text longer than 4000 characters.');
    expect(hubReasonText(undefined, 'en')).toBe('');
  });
});
