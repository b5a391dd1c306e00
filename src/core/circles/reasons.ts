import { topicName } from '../categorize/taxonomy';
import { RECENT_DAYS, type ProfileTopic } from '../profile';
import type { Locale } from './types';

/** One sentence per matched topic, naming the evidence in the person's language. */
export function topicReason(topic: ProfileTopic, locale: Locale): string {
  const name = topicName(topic.id, locale);
  if (topic.recentCount > 0 && topic.recentMerchants.length) {
    const where = topic.recentMerchants.join(locale === 'en' ? ' and ' : '和');
    return locale === 'en'
      ? `${topic.recentCount} ${topic.recentCount === 1 ? 'purchase' : 'purchases'} at ${where} in the last ${RECENT_DAYS} days (${name})`
      : `近${RECENT_DAYS}天在${where}消费${topic.recentCount}次（${name}）`;
  }
  const top = topic.merchants[0]?.name ?? name;
  return locale === 'en'
    ? `${topic.count} ${topic.count === 1 ? 'purchase' : 'purchases'} in ${name}, most at ${top}`
    : `${name}共消费${topic.count}次，最多在${top}`;
}

export function audienceReason(locale: Locale): string {
  return locale === 'en' ? 'You meet this circle’s audience criteria (checked on your device)' : '你符合该圈子的加入条件（仅在本机核对）';
}
