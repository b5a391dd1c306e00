import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../src/i18n/index.svelte';
import { hubDeniedText, hubReasonText } from '../../../src/ui/content/hub-reason';

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

  it('a circle the hub will not sync says, in the UI language, that the account is not a member; other refusals stay as stored', () => {
    setLocale('zh-CN');
    expect(hubDeniedText('403 forbidden: You are not a member of circle_concerts-livehouse-sh.', 'zh-CN'))
      .toBe('圈子服务器拒绝访问：此账号不是本圈成员（尚未获批，或已被圈主移出）。');
    setLocale('en');
    expect(hubDeniedText('403 forbidden: You are not a member of circle_concerts-livehouse-sh.', 'en'))
      .toBe('Access denied by the hub: this account is not a member of the circle (not approved yet, or removed by its operator).');
    expect(hubDeniedText('500 internal: boom', 'en')).toBe('Access denied by the hub: 500 internal: boom');
    expect(hubDeniedText(undefined, 'en')).toBe('Access denied by the hub: ');
  });

  it('shows any other refusal as the hub wrote it', () => {
    expect(hubReasonText('text longer than 4000 characters.', 'en')).toBe('text longer than 4000 characters.');
    expect(hubReasonText(undefined, 'en')).toBe('');
  });
});
