import { describe, expect, it } from 'vitest';
import { applyPulledPage, loadCircleFeed, loadMyCircles, unreadCount, type PulledChange } from '../../../src/db/circle-docs';
import { createComment, createPost, toggleReaction } from '../../../src/hub/outbox';
import { joinCircle } from '../../../src/hub/membership';
import { freshDb } from './hub-fixture';
import type { CircleDoc } from '../../../src/hub/doc-types';

const doc = (d: Partial<CircleDoc> & { _id: string; type: CircleDoc['type'] }): PulledChange => ({
  id: d._id,
  doc: { author: 'ann', createdAt: '2024-05-01T00:00:00.000Z', ...d } as CircleDoc,
});

async function seeded() {
  const db = freshDb();
  await db.memberships.put({ circleId: 'tea', status: 'joined', policy: 'open', joinedAt: '2024-01-01T00:00:00Z', lastReadAt: '2024-05-02T00:00:00.000Z' });
  await db.settings.put({ key: 'hub.account', value: { name: 'me', roles: [], signedInAt: '2024-01-01T00:00:00Z' } });
  await applyPulledPage('tea', [
    doc({ _id: 'post:A', type: 'post', text: 'old', createdAt: '2024-05-01T00:00:00.000Z' }),
    doc({ _id: 'post:B', type: 'post', text: 'new', createdAt: '2024-05-03T00:00:00.000Z', author: 'bob' }),
    doc({ _id: 'post:C', type: 'post', text: 'spam', createdAt: '2024-05-02T00:00:00.000Z' }),
    doc({ _id: 'comment:2', type: 'comment', parent: 'post:A', text: 'second', createdAt: '2024-05-04T00:00:00.000Z', author: 'bob' }),
    doc({ _id: 'comment:1', type: 'comment', parent: 'post:A', text: 'first', createdAt: '2024-05-03T00:00:00.000Z' }),
    doc({ _id: 'reaction:post:A:bob:👍', type: 'reaction', target: 'post:A', kind: '👍', author: 'bob' }),
    doc({ _id: 'reaction:post:A:ann:👍', type: 'reaction', target: 'post:A', kind: '👍' }),
    // An older demo hub's word for the same reaction.
    doc({ _id: 'reaction:post:A:cy:like', type: 'reaction', target: 'post:A', kind: 'like', author: 'cy' }),
    doc({ _id: 'removal:post:C', type: 'removal', target: 'post:C', reason: 'advertising', author: 'op' }),
    doc({ _id: 'pin', type: 'pin', text: 'Welcome!', author: 'op' }),
    { id: '_design/rules', doc: { _id: '_design/rules' } as unknown as CircleDoc },
  ], '11-opaque', db);
  return db;
}

describe('feed queries', () => {
  it('builds the circle page: pin, posts newest first, comments oldest first, reactions, removals', async () => {
    const db = await seeded();
    const feed = await loadCircleFeed('tea', 'bob', db);
    expect(feed.pin?.text).toBe('Welcome!');
    expect(feed.posts.map((p) => p.row.docId)).toEqual(['post:B', 'post:C', 'post:A']);
    const a = feed.posts[2]!;
    expect(a.comments.map((c) => c.row.doc.text)).toEqual(['first', 'second']);
    expect(a.reactions).toEqual([{ kind: '👍', count: 3, mine: true }]);
    expect(feed.posts[1]!.removal?.reason).toBe('advertising');
    expect(await db.circleDocs.get(['tea', '_design/rules'] as never)).toBeUndefined();
  });

  it('counts unread posts and comments by others since the last visit', async () => {
    const db = await seeded();
    // After 2024-05-02: post:B (bob), comment:1 (ann), comment:2 (bob); as ann, only bob's count.
    expect(await unreadCount('tea', '2024-05-02T00:00:00.000Z', 'ann', db)).toBe(2);
    expect(await unreadCount('tea', undefined, 'nobody', db)).toBe(5);
    const [mine] = await loadMyCircles('ann', db);
    expect(mine).toMatchObject({ unread: 2, pending: 0 });
  });

  it('shows local writes at once as pending, and a second tap removes a reaction', async () => {
    const db = await seeded();
    const post = await createPost('tea', 'from the plane', db);
    await createComment('tea', post._id, 'reply on the plane', db);
    await toggleReaction('tea', 'post:B', '❤️', db);
    let feed = await loadCircleFeed('tea', 'me', db);
    expect(feed.posts[0]!.row).toMatchObject({ docId: post._id, state: 'pending' });
    expect(feed.posts[0]!.comments[0]!.row.state).toBe('pending');
    expect(feed.posts.find((p) => p.row.docId === 'post:B')!.reactions).toEqual([{ kind: '❤️', count: 1, mine: true }]);
    expect(feed.pending).toBe(3);
    expect((await loadMyCircles('me', db))[0]!.pending).toBe(3);
    await toggleReaction('tea', 'post:B', '❤️', db);
    feed = await loadCircleFeed('tea', 'me', db);
    // Removing a reaction never delivered leaves a pending delete that no longer counts.
    expect(feed.posts.find((p) => p.row.docId === 'post:B')!.reactions).toEqual([]);
  });

  it('needs an account to join or write', async () => {
    const db = freshDb();
    await expect(joinCircle('tea', 'open', undefined, db)).rejects.toThrow(/Sign in/);
    await expect(createPost('tea', 'x', db)).rejects.toThrow(/Sign in/);
  });
});
