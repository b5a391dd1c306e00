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
    expect(topicReason(topic({}), 'zh-CN')).toBe('咖啡共消费1次，在星巴克');
    expect(topicReason(topic({ count: 4, merchants: [{ name: '星巴克', count: 4 }] }), 'en')).toBe('4 purchases in Coffee, at 星巴克');
  });

  it('several merchants name the one most paid at', () => {
    const several = topic({ count: 5, merchants: [{ name: 'Manner', count: 3 }, { name: '星巴克', count: 2 }] });
    expect(topicReason(several, 'en')).toBe('5 purchases in Coffee, most at Manner');
    expect(topicReason(several, 'zh-CN')).toBe('咖啡共消费5次，最多在Manner');
    // A merchant an earlier reason names is left out; the next one was not where most was spent.
    expect(topicReason(several, 'en', ['Manner'])).toBe('5 purchases in Coffee, also at 星巴克');
    expect(topicReason(several, 'zh-CN', ['Manner'])).toBe('咖啡共消费5次，也在星巴克');
  });
});
