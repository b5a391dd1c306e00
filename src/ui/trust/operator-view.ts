import { PARENTS, TOPIC_BY_ID, TOPICS } from '../../core/categorize';
import { translate } from '../../i18n/translate';
import type { VerifyReport } from '../../hub/trust';
import { topicsLabel } from './trust-view';

// What the operator's trust tools show: the demand question's topic and template text, and the claims' state.

/** The circle's own topics from its catalog entry (topic id → weight), heaviest first; ids nobody knows are left out. */
export function circleTopicIds(topics: Readonly<Record<string, number>> | undefined): string[] {
  return Object.entries(topics ?? {})
    .filter(([id]) => TOPIC_BY_ID.has(id) || id in PARENTS)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([id]) => id);
}

/** A pet circle asks about pets: the circle's main topic, else the first in the list (a circle with no known topic). */
export function defaultTopic(circleTopics: readonly string[]): string {
  return circleTopics[0] ?? TOPICS[0]!.id;
}

export interface QuestionText { en: string; zh: string }

/** The question a spending question asks, in both languages: what members read and their devices check. */
export function questionTemplate(topic: string, days: number): QuestionText {
  return {
    en: translate('en', 'trust.op.ask.template', { topics: topicsLabel([topic], 'en'), days }),
    zh: translate('zh-CN', 'trust.op.ask.template', { topics: topicsLabel([topic], 'zh-CN'), days }),
  };
}

/**
 * The language a question is still missing: members read the question in their own language only, so a question
 * written in one language left the others reading a language they did not choose. Undefined when both are written.
 */
export function missingLanguage(text: QuestionText): keyof QuestionText | undefined {
  if (!text.en.trim()) return 'en';
  if (!text.zh.trim()) return 'zh';
  return undefined;
}

/** The message at the empty field: it names the language to add, in the operator's own language. */
export const missingLanguageKey = (lang: keyof QuestionText): string => (lang === 'zh' ? 'trust.op.ask.needZh' : 'trust.op.ask.needEn');

export interface StatusLine { key: string; params: Record<string, number> }

/**
 * The claims section's state, in words that agree with the last verification. Verifying deletes every claim it
 * decides, so "no claims yet" after "Verified: 1" read as if nothing had happened. `claims` are the ones in the
 * circle now; those the report decided are not counted while the list catches up with the deletions.
 */
export function claimsStatus(claims: readonly { author: string; badge: boolean }[], report?: VerifyReport): StatusLine[] {
  const decided = new Set([...(report?.verified ?? []), ...(report?.refused ?? []).map((r) => r.user)]);
  const open = claims.filter((c) => !c.badge && !decided.has(c.author)).length;
  if (!report) return [open ? { key: 'trust.op.claims.open', params: { n: open } } : { key: 'trust.op.claims.none', params: {} }];
  return [
    { key: 'trust.op.claims.report', params: { verified: report.verified.length, refused: report.refused.length } },
    ...(report.waiting.length ? [{ key: 'trust.op.claims.leftForOther', params: { n: report.waiting.length } }] : []),
    open ? { key: 'trust.op.claims.open', params: { n: open } } : { key: 'trust.op.claims.allChecked', params: {} },
  ];
}
