import { describe, expect, it } from 'vitest';
import { estimateShare } from '../../../src/core/privacy';
import { questionText, resultParams, sentItems, topicsLabel } from '../../../src/ui/trust/trust-view';
import type { OutboxRow } from '../../../src/db/circle-docs';

const row = (doc: Record<string, unknown>, extra: Partial<OutboxRow> = {}): OutboxRow => ({
  opId: String(doc._id), circleId: 'c1', docId: String(doc._id), type: String(doc.type), doc: doc as never, status: 'delivered',
  attempts: 0, nextAttemptAt: 0, createdAt: '2026-11-01T10:00:00Z', deliveredAt: '2026-11-01T10:00:05Z', ...extra,
});

describe('sent from this device', () => {
  it('lists only claims and noised answers, with what they carried and when', () => {
    const items = sentItems([
      row({ _id: 'post:1', type: 'post', text: 'hi' }),
      row({ _id: 'claim:me', type: 'claim', proofset: 'proofset:1', orderId: 'SO-1' }),
      row({ _id: 'answer:question:1:me', type: 'answer', question: 'question:1', bit: 1, epsilon: 1 }, { status: 'pending', deliveredAt: undefined }),
      row({ _id: 'claim:me', type: 'claim', _deleted: true }),
    ]);
    expect(items).toEqual([
      { key: 'claim:me', kind: 'claim', circleId: 'c1', date: '2026-11-01T10:00:05Z', status: 'delivered', orderId: 'SO-1' },
      { key: 'answer:question:1:me', kind: 'answer', circleId: 'c1', date: '2026-11-01T10:00:00Z', status: 'pending', bit: 1, epsilon: 1, questionId: 'question:1' },
    ]);
  });

  it('a sealed claim is listed with the order id this device recorded, marked sealed', () => {
    const sealed = row({ _id: 'claim:me', type: 'claim', proofset: 'proofset:1', sealed: 'QUJD'.repeat(86) }, { circleId: 'c2' });
    expect(sentItems([sealed], { c2: 'SO-2' })).toEqual([
      { key: 'claim:me', kind: 'claim', circleId: 'c2', date: '2026-11-01T10:00:05Z', status: 'delivered', orderId: 'SO-2', sealed: true },
    ]);
    expect(sentItems([sealed])[0]).not.toHaveProperty('orderId');
    // Claimed again after a refusal: the record is the newer claim's id; the earlier sealed claim shows none.
    const again = row({ _id: 'claim:me', type: 'claim', proofset: 'proofset:2', sealed: 'B'.repeat(344) }, { opId: 'op-2', circleId: 'c2' });
    const listed = sentItems([again, sealed], { c2: 'SO-3' });
    expect(listed.map((item) => item.orderId)).toEqual(['SO-3', undefined]);
    expect(listed.every((item) => item.sealed)).toBe(true);
  });

  it('formats the operator result clipped to [0, 1] and names topics and questions per language', () => {
    const params = resultParams(estimateShare(0, 20, 1));
    expect(params).toMatchObject({ estimate: '0%', low: '0%', n: 20, epsilon: 1 });
    expect(topicsLabel(['coffee'], 'en')).toBe('Coffee');
    expect(topicsLabel(['coffee'], 'zh-CN')).toBe('咖啡');
    expect(questionText({ text: { zh: '', en: 'Coffee?' } }, 'zh-CN')).toBe('Coffee?');
  });
});
