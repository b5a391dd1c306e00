import { topicName } from '../../core/categorize';
import type { AudienceCheck, WhyNot } from '../../core/circles';
import { translate, type Locale } from '../../i18n/translate';
import { listText } from '../content/content-view';

/** One line of the explanation; a group of the operator's conditions has its own lines under it. */
export interface WhyNotLine { text: string; met?: boolean; parts?: WhyNotLine[] }

function conditionLines(check: AudienceCheck, locale: Locale): WhyNotLine {
  if ('parts' in check) {
    return { text: translate(locale, `circles.whyNot.${check.kind}`), met: check.met, parts: check.parts.map((part) => conditionLines(part, locale)) };
  }
  const what = check.kind === 'topic'
    ? translate(locale, 'circles.whyNot.topicCondition', { n: check.minCount, topic: topicName(check.topic, locale) })
    : translate(locale, 'circles.whyNot.merchantCondition', { n: check.minCount, names: listText(check.names, locale) });
  const when = check.withinDays === undefined ? '' : translate(locale, 'circles.whyNot.within', { days: check.withinDays });
  return { text: translate(locale, 'circles.whyNot.condition', { what, when, have: check.have }), met: check.met };
}

/** What the card says when the person asks why a circle is not suggested to them. */
export function whyNotLines(why: WhyNot | { kind: 'dismissed' }, locale: Locale): WhyNotLine[] {
  const topics = (ids: string[]) => listText(ids.map((id) => topicName(id, locale)), locale);
  switch (why.kind) {
    case 'dismissed': return [{ text: translate(locale, 'circles.whyNot.dismissed') }];
    case 'paused': return [{ text: translate(locale, 'circles.whyNot.paused') }];
    case 'no-statements': return [{ text: translate(locale, 'circles.whyNot.noStatements') }];
    case 'sensitive': return [{ text: translate(locale, 'circles.whyNot.sensitive', { topics: topics(why.topics) }) }];
    case 'no-match': return [{ text: translate(locale, 'circles.whyNot.noMatch', { topics: topics(why.topics) }) }];
    case 'ranked': return [{ text: translate(locale, 'circles.whyNot.ranked') }];
    case 'audience': return [{ text: translate(locale, 'circles.whyNot.audience') }, conditionLines(why.check, locale)];
  }
}
