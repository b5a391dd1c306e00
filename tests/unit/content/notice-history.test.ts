// A sign-in brings the account's circles back to a device with their history: the replies of last month are old
// news there. Found in a user test: every sign-in rang system notifications for old replies, up to 16 at once.
import { describe, expect, it } from 'vitest';
import { loadNoticeView, markNoticesRead, takeFreshAlerts } from '../../../src/app/notice-feed';
import { NOTICES_SEEN_KEY } from '../../../src/db/circle-content';
import { getSetting, setSetting } from '../../../src/db/settings';
import { QuanziDB } from '../../../src/db/schema';
import { ACCOUNT_KEY } from '../../../src/hub/session';

let counter = 0;

async function deviceWithCircle(joinedAt: string): Promise<QuanziDB> {
  const db = new QuanziDB(`notice-history-${process.pid}-${counter++}`);
  await db.settings.put({ key: ACCOUNT_KEY, value: { name: 'lin', roles: [], signedInAt: joinedAt } });
  await db.memberships.put({ circleId: 'c1', status: 'joined', policy: 'open', joinedAt } as never);
  const doc = (id: string, type: string, fields: object) => ({ circleId: 'c1', docId: id, type, state: 'synced', updatedAt: joinedAt, doc: { _id: id, type, ...fields } });
  await db.circleDocs.bulkPut([
    doc('post:1', 'post', { author: 'lin', text: 'mine', createdAt: '2026-11-01T10:00:00.000Z' }),
    doc('comment:old', 'comment', { author: 'wang', parent: 'post:1', text: 'last month', createdAt: '2026-11-02T10:00:00.000Z' }),
  ] as never);
  return db;
}

describe('notices from before this device had the circle', () => {
  it('are listed as read and never alerted; a reply after that is news', async () => {
    const db = await deviceWithCircle('2026-12-07T02:00:00.000Z');
    const view = await loadNoticeView('en', Date.parse('2026-12-07T03:00:00.000Z'), db);
    expect(view.items.map((i) => [i.key, i.read])).toEqual([['reply:c1:comment:old', true]]);
    expect(view.unread).toBe(0);
    await takeFreshAlerts(view, db); // the first look records
    await db.circleDocs.put({ circleId: 'c1', docId: 'comment:new', type: 'comment', state: 'synced', updatedAt: '2026-12-07T02:30:00.000Z',
      doc: { _id: 'comment:new', type: 'comment', author: 'wang', parent: 'post:1', text: 'just now', createdAt: '2026-12-07T02:30:00.000Z' } } as never);
    const later = await loadNoticeView('en', Date.parse('2026-12-07T03:00:00.000Z'), db);
    expect(later.unread).toBe(1);
    expect((await takeFreshAlerts(later, db)).map((i) => i.key)).toEqual(['reply:c1:comment:new']);
  });

  it('a circle joined on this device long ago keeps every reply since as news', async () => {
    const db = await deviceWithCircle('2026-10-01T00:00:00.000Z');
    const view = await loadNoticeView('en', Date.parse('2026-12-07T03:00:00.000Z'), db);
    expect(view.items.map((i) => [i.key, i.read])).toEqual([['reply:c1:comment:old', false]]);
  });

  it('from before, but after the account last read elsewhere: unread, yet never alerted', async () => {
    const db = await deviceWithCircle('2026-12-07T02:00:00.000Z');
    await setSetting(NOTICES_SEEN_KEY, '2026-11-01T12:00:00.000Z', db);
    await setSetting('notices.alerted', [], db);
    const view = await loadNoticeView('en', Date.parse('2026-12-07T03:00:00.000Z'), db);
    expect(view.items.map((i) => [i.key, i.read, i.fromBefore])).toEqual([['reply:c1:comment:old', false, true]]);
    expect(await takeFreshAlerts(view, db)).toEqual([]);
  });
});

describe('how far notices are read', () => {
  it('moves to the newest notice before the oldest unread one, never past now and never back', async () => {
    const db = await deviceWithCircle('2026-10-01T00:00:00.000Z');
    const reply = (id: string, at: string) => ({ circleId: 'c1', docId: id, type: 'comment', state: 'synced', updatedAt: at,
      doc: { _id: id, type: 'comment', author: 'wang', parent: 'post:1', text: id, createdAt: at } });
    await db.circleDocs.bulkPut([reply('comment:b', '2026-11-20T00:00:00.000Z'), reply('comment:later', '2026-12-30T00:00:00.000Z')] as never);
    const now = Date.parse('2026-12-07T03:00:00.000Z');
    // The oldest is read, the one after it is not: read up to the oldest.
    expect(await markNoticesRead(['reply:c1:comment:old', 'reply:c1:comment:later'], db, now)).toBe(true);
    expect(await getSetting(NOTICES_SEEN_KEY, undefined, db)).toBe('2026-11-02T10:00:00.000Z');
    // All read, the newest dated after now (a clock ahead elsewhere): read up to now.
    expect(await markNoticesRead(['reply:c1:comment:b'], db, now)).toBe(true);
    expect(await getSetting(NOTICES_SEEN_KEY, undefined, db)).toBe('2026-12-07T03:00:00.000Z');
    // Nothing new read: it stays, and an earlier clock does not move it back.
    expect(await markNoticesRead([], db, Date.parse('2026-12-01T00:00:00.000Z'))).toBe(false);
    expect(await getSetting(NOTICES_SEEN_KEY, undefined, db)).toBe('2026-12-07T03:00:00.000Z');
  });
});
