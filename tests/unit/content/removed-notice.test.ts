// Found in a user test: a reply the operator removed (an ad) stayed in the post author's notifications, text and all,
// and a fresh sign-in listed it again.
import { describe, expect, it } from 'vitest';
import { deriveNotices, type CircleSnapshot } from '../../../src/core/circles/content/notifications';

const circle = (docs: object[]): CircleSnapshot => ({ circleId: 'c1', policy: 'open', status: 'joined', docs: docs as CircleSnapshot['docs'] });
const post = { _id: 'post:1', type: 'post', author: 'lin', text: 'mine', createdAt: '2026-12-01T10:00:00.000Z' };
const reply = (id: string, text: string) => ({ _id: id, type: 'comment', author: 'wang', parent: 'post:1', text, createdAt: '2026-12-01T11:00:00.000Z' });

describe('notices of removed content', () => {
  it('a reply the operator removed is no notice; the others stay', () => {
    const docs = [post, reply('comment:ad', 'buy cheap followers'), reply('comment:ok', 'agreed'), { _id: 'removal:comment:ad', type: 'removal', target: 'comment:ad', reason: 'ad' }];
    expect(deriveNotices([circle(docs)], 'lin', Date.parse('2026-12-02T00:00:00.000Z')).map((n) => n.key)).toEqual(['reply:c1:comment:ok']);
  });

  it('a removal taken back brings the notice back', () => {
    const docs = [post, reply('comment:ad', 'fine after all'), { _id: 'removal:comment:ad', type: 'removal', target: 'comment:ad', reason: 'ad', _deleted: true }];
    expect(deriveNotices([circle(docs)], 'lin', Date.parse('2026-12-02T00:00:00.000Z')).map((n) => n.key)).toEqual(['reply:c1:comment:ad']);
  });
});
