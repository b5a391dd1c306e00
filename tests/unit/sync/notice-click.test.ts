// A notification click shows its circle in a Quanzi window, by message (no reload), or opens one.
import { describe, expect, it } from 'vitest';
import { OPEN_ROUTE, openNoticeRoute, routeFromMessage, type NoticeWindow } from '../../../src/app/notice-click';

type Spec = [name: string, focused: boolean, visibility: DocumentVisibilityState];

/** Clicks with these windows open; returns what happened to them, in order. */
async function click(specs: Spec[], route = '#/feed/coffee-luckin-sh'): Promise<string[]> {
  const log: string[] = [];
  const windows: NoticeWindow[] = specs.map(([name, focused, visibilityState]) => ({
    focused, visibilityState,
    postMessage: (message) => void log.push(`${name} ← ${JSON.stringify(message)}`),
    focus: async () => log.push(`${name} focused`),
  }));
  await openNoticeRoute({ matchAll: async () => windows, openWindow: async (url) => log.push(`open ${url}`) }, route);
  return log;
}

describe('openNoticeRoute', () => {
  const message = JSON.stringify({ type: OPEN_ROUTE, route: '#/feed/coffee-luckin-sh' });
  it('asks the focused window to show the circle, then focuses it', async () => {
    expect(await click([['a', false, 'visible'], ['b', true, 'visible']])).toEqual([`b ← ${message}`, 'b focused']);
  });
  it('else a visible window, else any window', async () => {
    expect(await click([['a', false, 'hidden'], ['b', false, 'visible']])).toEqual([`b ← ${message}`, 'b focused']);
    expect(await click([['a', false, 'hidden'], ['b', false, 'hidden']])).toEqual([`a ← ${message}`, 'a focused']);
  });
  it('opens a window on the circle when none is open', async () => {
    expect(await click([])).toEqual(['open /#/feed/coffee-luckin-sh']);
  });
});

describe('routeFromMessage', () => {
  it('takes only an app route from an open-route message', () => {
    expect(routeFromMessage({ type: OPEN_ROUTE, route: '#/feed/x' })).toBe('#/feed/x');
    expect(routeFromMessage({ type: OPEN_ROUTE, route: 'https://elsewhere.example/' })).toBeUndefined();
    expect(routeFromMessage({ type: 'SKIP_WAITING' })).toBeUndefined();
    expect(routeFromMessage(null)).toBeUndefined();
  });
});
