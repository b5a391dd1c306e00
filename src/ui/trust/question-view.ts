import type { RrEstimate } from '../../core/privacy';
import { localDay } from '../../i18n/dates';
import { translate, type Locale } from '../../i18n/translate';
import type { QuestionDoc } from '../../hub/doc-types';
import { percent, questionText, topicsLabel } from './trust-view';

// What a demand question says to members and what its estimate says to the operator.

type Asked = Pick<QuestionDoc, 'text' | 'topics' | 'withinDays'> & { kind?: 'spent' | 'choice' };

/**
 * The question members read. A spending question's device answers "did you spend on <topics> in the last <days>
 * days?", so that is its heading, worded from the topics and days it carries: free text could ask about tea while
 * the device checked coffee. A yes/no question is answered by the person, in the operator's own words.
 */
export function questionHeading(q: Asked, locale: Locale): string {
  if (q.kind === 'choice') return questionText(q, locale);
  return translate(locale, 'trust.op.ask.template', { topics: topicsLabel(q.topics, locale), days: q.withinDays });
}

/** A spending question's own text, when it is more than its heading in either language: shown as the operator's note. */
export function questionNote(q: Asked, locale: Locale): string | undefined {
  if (q.kind === 'choice') return undefined;
  const text = questionText(q, locale);
  const headings = (['en', 'zh-CN'] as const).map((lang) => questionHeading(q, lang));
  return text && !headings.includes(text) ? text : undefined;
}

/** Below this many answers the 95% range is too wide to say anything (at ε = 1 it is still about ±60 points at 30). */
export const MIN_ANSWERS = 30;

export interface Line { key: string; params: Record<string, string | number> }

/**
 * The operator's result in plain words: the figures, how many answered and what the range means, that few answers
 * say nothing yet, and that noise can push the raw estimate below 0% or above 100%, which is shown clipped.
 */
export function estimateLines(e: RrEstimate, min = MIN_ANSWERS): Line[] {
  if (!e.n) return [{ key: 'trust.result.empty', params: { epsilon: e.epsilon } }];
  const shown = { estimate: percent(e.display.estimate), low: percent(e.display.ci95[0]), high: percent(e.display.ci95[1]), n: e.n, epsilon: e.epsilon };
  const lines: Line[] = [{ key: 'trust.result', params: shown }, { key: 'trust.result.range', params: shown }];
  // Too few: said first, where the eye lands, rather than under a figure such as "100%" that means nothing yet.
  if (e.n < min) lines.unshift({ key: 'trust.result.tooFew', params: { n: e.n, min } });
  if (e.estimate < 0 || e.estimate > 1) lines.push({ key: 'trust.result.clamped', params: { raw: percent(e.estimate), estimate: shown.estimate } });
  return lines;
}

/**
 * Whether this device's statements reach into the days a spending question asks about. Without any, the device's
 * answer is "no" for want of data, not because the person spent nothing, and the operator's estimate would count it
 * as a no: the card says so and offers importing instead. `lastDay`: the last day the statements cover.
 */
export type StatementCoverage = { kind: 'none' } | { kind: 'before'; lastDay: string } | { kind: 'covered' };

export function statementCoverage(imports: readonly { to?: string }[], withinDays: number, now: Date = new Date()): StatementCoverage {
  const ends = imports.map((record) => record.to?.slice(0, 10)).filter((day): day is string => !!day);
  if (!ends.length) return { kind: 'none' };
  const lastDay = ends.sort().at(-1)!;
  // The first day asked about, as demandTruth counts it: today and the days before it, withinDays in all.
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - Math.max(1, Math.floor(withinDays)) + 1);
  return lastDay < localDay(first) ? { kind: 'before', lastDay } : { kind: 'covered' };
}
