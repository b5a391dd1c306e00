// The "request declined" notice (src/core/circles/content/notifications.ts): from a refusal this device saw, keyed by
// the decision, leading to the circle; none for a refusal brought back from the hub on sign-in, nor once asked again.
import { describe, expect, it } from 'vitest';
import { deriveNotices, type CircleSnapshot } from '../../../src/core/circles/content/notifications';
import { noticeRoute } from '../../../src/app/notice-feed';

const now = Date.parse('2026-06-02T12:00:00Z');
const denied = (declined?: CircleSnapshot['declined']): CircleSnapshot => ({ circleId: 'c1', policy: 'open', status: 'denied', docs: [], ...(declined ? { declined } : {}) });

describe('declined notices', () => {
  it('carries the reason and leads to the circle page', () => {
    const [notice, ...others] = deriveNotices([denied({ reason: 'Customers only', at: '2026-06-01T10:00:00Z' })], 'me', now);
    expect(others).toEqual([]);
    expect(notice).toEqual({ key: 'declined:c1:2026-06-01T10:00:00Z', kind: 'declined', circleId: 'c1', at: '2026-06-01T10:00:00Z', params: { reason: 'Customers only' } });
    expect(noticeRoute(notice!)).toBe('#/feed/c1');
  });

  it('is new for each decision, and absent without one this device saw or once the person asked again', () => {
    const first = deriveNotices([denied({ reason: '', at: '2026-06-01T10:00:00Z' })], 'me', now)[0]!.key;
    const second = deriveNotices([denied({ reason: '', at: '2026-06-02T10:00:00Z' })], 'me', now)[0]!.key;
    expect(first).not.toBe(second);
    expect(deriveNotices([denied()], 'me', now)).toEqual([]);
    expect(deriveNotices([{ ...denied({ reason: 'x', at: '2026-06-01T10:00:00Z' }), status: 'requested' }], 'me', now)).toEqual([]);
  });
});
