import type { Profile, ProfileTopic } from '../profile';
import { evaluateCriteria } from './criteria';
import { paidAt, type PaidAt } from './paid-at';
import { audienceReason, paidAtReason, topicReason } from './reasons';
import type { Circle, Locale, Suggestion } from './types';
import { prepareCircle, type Prepared } from './prepared';

export * from './types';
export { checkAudience, checkCriteria, evaluateCriteria, type AudienceCheck, type CriteriaProblem, type CriteriaProblemCode } from './criteria';
export { whyNotSuggested, type WhyNot } from './why-not';
export { paidAtReason, topicReason } from './reasons';
export { paidAt, type PaidAt } from './paid-at';
export { checkStatementNames, statementNameMatcher, MAX_STATEMENT_NAMES, MAX_STATEMENT_NAME_LENGTH, type StatementNamesProblem } from './statement-names';

export interface SuggestOptions {
  locale?: Locale;
  dismissed?: Iterable<string>;
  joined?: Iterable<string>;
  /** MMR trade-off: 1 = pure relevance, 0 = pure diversity. */
  lambda?: number;
}

const prepared = new WeakMap<readonly Circle[], Prepared[]>();

/** Per-catalog work done once: normalised topic vectors and sensitive topics. */
function prepare(catalog: readonly Circle[]): Prepared[] {
  let list = prepared.get(catalog);
  if (!list) {
    list = catalog.map(prepareCircle);
    prepared.set(catalog, list);
  }
  return list;
}

function circleSimilarity(a: Prepared, b: Prepared): number {
  let dot = 0;
  for (const [t, w] of a.entries) for (const [u, v] of b.entries) if (t === u) dot += w * v;
  return dot / (a.norm * b.norm);
}

const CANDIDATES = 60;
/**
 * Relevance added for a circle whose business the person pays at, for what the circle is about: times the profile
 * weight of the strongest of the circle's topics those purchases count toward, squared. The circle of the café you go to
 * daily beats a café circle you never visited; a platform's food circle gains nothing from your grocery orders on
 * it (it may still be suggested on its topics, and then says where you pay).
 */
const PAID_AT_WEIGHT = 0.5;

function paidAtFit(p: Prepared, paid: PaidAt, byTopic: Map<string, ProfileTopic>): number {
  let fit = 0;
  for (const [topic] of p.entries) if (paid.topics.has(topic)) fit = Math.max(fit, byTopic.get(topic)?.weight ?? 0);
  // Squared: a main interest keeps nearly all of the boost, a side habit (weight 0.2) keeps a twenty-fifth.
  return fit * fit;
}

/** The k best circles for this profile, best first, each with the reasons in the person's language. */
export function suggestCircles(profile: Profile, catalog: readonly Circle[], k: number, options: SuggestOptions = {}): Suggestion[] {
  const locale = options.locale ?? 'zh-CN';
  const lambda = options.lambda ?? 0.7;
  const excluded = new Set([...(options.dismissed ?? []), ...(options.joined ?? [])]);
  const byTopic = new Map<string, ProfileTopic>(profile.topics.map((t) => [t.id, t]));
  const profileNorm = Math.sqrt(profile.topics.reduce((s, t) => s + t.weight * t.weight, 0)) || 1;
  const scored: { p: Prepared; relevance: number; paid: PaidAt | undefined }[] = [];
  for (const p of prepare(catalog)) {
    if (excluded.has(p.circle._id)) continue;
    // Sensitive circles only for a person who turned that topic on (then it is in the profile).
    if (p.sensitive.some((t) => !byTopic.has(t))) continue;
    let dot = 0;
    for (const [t, w] of p.entries) {
      const topic = byTopic.get(t);
      if (topic) dot += w * topic.weight;
    }
    const paid = p.statementNames.length ? paidAt(profile, p.statementNames) : undefined;
    const boost = paid ? PAID_AT_WEIGHT * paidAtFit(p, paid, byTopic) : 0;
    if (dot <= 0 && boost <= 0) continue;
    const relevance = Math.max(0, dot) / (p.norm * profileNorm) + boost + 0.01 * Math.log10(1 + Math.max(0, p.circle.memberCount ?? 0));
    scored.push({ p, relevance, paid });
  }
  scored.sort((a, b) => b.relevance - a.relevance || a.p.circle._id.localeCompare(b.p.circle._id));
  // Audience gates are evaluated on the best candidates only, in order, until enough pass.
  const candidates: typeof scored = [];
  for (const s of scored) {
    if (candidates.length >= Math.max(CANDIDATES, k * 4)) break;
    if (s.p.circle.audience && !evaluateCriteria(s.p.circle.audience, profile)) continue;
    candidates.push(s);
  }
  const chosen: typeof scored = [];
  while (chosen.length < k && candidates.length) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      let redundancy = 0;
      for (const s of chosen) redundancy = Math.max(redundancy, circleSimilarity(c.p, s.p));
      const value = lambda * c.relevance - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    chosen.push(candidates.splice(bestIndex, 1)[0]!);
  }
  return chosen.map(({ p, relevance, paid }) => ({
    circleId: p.circle._id, score: Math.round(relevance * 1e6) / 1e6, reasons: reasonsFor(p, paid, byTopic, locale), ...(paid ? { paidAt: paid.names } : {}),
  }));
}

function reasonsFor(p: Prepared, paid: PaidAt | undefined, byTopic: Map<string, ProfileTopic>, locale: Locale): string[] {
  const matched = p.entries
    .map(([t, w]) => ({ topic: byTopic.get(t), contribution: w * (byTopic.get(t)?.weight ?? 0) }))
    .filter((m): m is { topic: ProfileTopic; contribution: number } => !!m.topic && m.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 2);
  const reasons = matched.map((m) => topicReason(m.topic, locale, p.statementNames.length === 0));
  if (paid) reasons.unshift(paidAtReason(paid, locale));
  if (p.circle.audience) reasons.push(audienceReason(locale));
  return reasons;
}
