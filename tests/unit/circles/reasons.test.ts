// The "why" under a suggested circle names the evidence: "most at" only when there was more than one place.
import { describe, expect, it } from 'vitest';
import { topicReason } from '../../../src/core/circles/reasons';
import type { ProfileTopic } from '../../../src/core/profile';

const topic = (patch: Partial<ProfileTopic>): ProfileTopic => ({
  id: 'coffee', score: 1, weight: 1, count: 1, recentCount: 0, recentMerchants: [], merchants: [{ name: '星巴克', count: 1 }],
  largest: [], latest: [], weekendShare: 0, peakTimeOfDay: null, noise: false, boosted: false, ...patch,
});

describe('topicReason', () => {
  it('one purchase, or one merchant, is "at" that merchant', () => {
    expect(topicReason(topic({}), 'en')).toBe('1 purchase in Coffee, at 星巴克');
    expect(topicReason(topic({}), 'zh-CN')).toBe('咖啡共消费 1 次，在星巴克');
    expect(topicReason(topic({ count: 4, merchants: [{ name: '星巴克', count: 4 }] }), 'en')).toBe('4 purchases in Coffee, at 星巴克');
  });

  it('several merchants name the one most paid at', () => {
    const several = topic({ count: 5, merchants: [{ name: 'Manner', count: 3 }, { name: '星巴克', count: 2 }] });
    expect(topicReason(several, 'en')).toBe('5 purchases in Coffee, most at Manner');
    // A Latin name inside Chinese gets a space before it, and none at the end of the sentence.
    expect(topicReason(several, 'zh-CN')).toBe('咖啡共消费 5 次，最多在 Manner');
  });

  it('names recent places, spaced in Chinese', () => {
    const recent = topic({ count: 9, recentCount: 3, recentMerchants: ['Manner', '星巴克'] });
    expect(topicReason(recent, 'en')).toBe('3 purchases at Manner and 星巴克 in the last 60 days (Coffee)');
    expect(topicReason(recent, 'zh-CN')).toBe('近 60 天在 Manner 和星巴克消费 3 次（咖啡）');
  });

  it('a business circle names no other merchant: Starbucks is no reason to join Luckin’s circle', () => {
    const several = topic({ count: 5, merchants: [{ name: '星巴克', count: 3 }, { name: '瑞幸', count: 2 }] });
    expect(topicReason(several, 'en', false)).toBe('5 purchases in Coffee');
    expect(topicReason(several, 'zh-CN', false)).toBe('咖啡共消费 5 次');
    const recent = topic({ count: 9, recentCount: 3, recentMerchants: ['星巴克'] });
    expect(topicReason(recent, 'en', false)).toBe('3 purchases in Coffee in the last 60 days');
    expect(topicReason(recent, 'zh-CN', false)).toBe('近 60 天咖啡消费 3 次');
  });
});
