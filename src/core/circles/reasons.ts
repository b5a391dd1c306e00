import { topicName } from '../categorize/taxonomy';
import { RECENT_DAYS, type ProfileTopic } from '../profile';
import type { PaidAt } from './paid-at';
import { dayText } from '../../i18n/dates';
import { nameInSentence } from '../../i18n/spacing';
import type { Locale } from './types';

/**
 * One sentence per matched topic, naming the evidence in the person's language. `nameOthers` off (a business's own
 * circle): no merchant is named, since "most at Starbucks" reads as a reason to join Luckin's circle; the paid-at
 * reason names the business itself, and the counts alone say the interest.
 */
export function topicReason(topic: ProfileTopic, locale: Locale, nameOthers = true): string {
  const name = topicName(topic.id, locale);
  const place = (merchant: string) => nameInSentence(merchant, locale);
  if (topic.recentCount > 0 && topic.recentMerchants.length) {
    const count = `${topic.recentCount} ${topic.recentCount === 1 ? 'purchase' : 'purchases'}`;
    if (!nameOthers) {
      return locale === 'en' ? `${count} in ${name} in the last ${RECENT_DAYS} days` : `近 ${RECENT_DAYS} 天${name}消费 ${topic.recentCount} 次`;
    }
    const where = topic.recentMerchants.map(place).join(locale === 'en' ? ' and ' : '和');
    return locale === 'en'
      ? `${count} at ${where} in the last ${RECENT_DAYS} days (${name})`
      : `近 ${RECENT_DAYS} 天在${where}消费 ${topic.recentCount} 次（${name}）`;
  }
  const first = nameOthers ? topic.merchants[0]?.name : undefined;
  const count = `${topic.count} ${topic.count === 1 ? 'purchase' : 'purchases'}`;
  if (!first) return locale === 'en' ? `${count} in ${name}` : `${name}共消费 ${topic.count} 次`;
  // "Most at" only for the place most paid at among several: one purchase, or one merchant, is simply "at". The
  // name ends the sentence, so a Latin one keeps no space after it.
  const top = place(first).trimEnd();
  if (topic.count === 1 || topic.merchants.length === 1) {
    return locale === 'en' ? `${count} in ${name}, at ${top}` : `${name}共消费 ${topic.count} 次，在${top}`;
  }
  return locale === 'en' ? `${count} in ${name}, most at ${top}` : `${name}共消费 ${topic.count} 次，最多在${top}`;
}

export function audienceReason(locale: Locale): string {
  return locale === 'en' ? 'You meet this circle’s audience criteria (checked on your device)' : '你符合该圈子的加入条件（仅在本机核对）';
}

/** The person's own purchases at the circle's business, e.g. "You paid at 星巴克 12 times, last on 2026-06-12" (最近一次在 2026年6月12日; Chinese sets numbers apart with a space, as translate() does). */
export function paidAtReason(paid: PaidAt, locale: Locale): string {
  const where = paid.names.map((name) => nameInSentence(name, locale)).join(locale === 'en' ? ' and ' : '和');
  const last = Number.isFinite(paid.lastDay) ? dayText(new Date(paid.lastDay * 86_400_000).toISOString(), locale) : '';
  if (locale === 'en') {
    const times = paid.count === 1 ? 'once' : paid.count === 2 ? 'twice' : `${paid.count} times`;
    return last ? `You paid at ${where} ${times}, last on ${last}` : `You paid at ${where} ${times}`;
  }
  return last ? `你在${where}消费过 ${paid.count} 次，最近一次在 ${last}` : `你在${where}消费过 ${paid.count} 次`;
}
