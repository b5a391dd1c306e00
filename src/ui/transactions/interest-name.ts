import { TOPIC_BY_ID } from '../../core/categorize/taxonomy';
import type { Locale } from '../../i18n/translate';

/** An interest's name in the UI language (the taxonomy is small, pure data: no worker call per row). */
export function interestName(topicId: string, locale: Locale): string {
  const topic = TOPIC_BY_ID.get(topicId);
  return topic ? (locale === 'en' ? topic.name.en : topic.name.zh) : topicId;
}
