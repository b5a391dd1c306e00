import { isSensitive } from '../categorize/taxonomy';
import type { Profile, ProfileTopic } from '../profile';
import { evaluateCriteria } from './criteria';
import { audienceReason, topicReason } from './reasons';
import type { Circle, Locale, Suggestion } from './types';

export * from './types';
export { checkCriteria, evaluateCriteria, type CriteriaProblem, type CriteriaProblemCode } from './criteria';
export { topicReason } from './reasons';

export interface SuggestOptions {
  locale?: Locale;
  dismissed?: Iterable<string>;
  joined?: Iterable<string>;
  /** MMR trade-off: 1 = pure relevance, 0 = pure diversity. */
  lambda?: number;
}

interface Prepared { circle: Circle; entries: [string, number][]; norm: number; sensitive: string[] }
const prepared = new WeakMap<readonly Circle[], Prepared[]>();

/** Per-catalog work done once: normalised topic vectors and sensitive topics. */
function prepare(catalog: readonly Circle[]): Prepared[] {
  let list = prepared.get(catalog);
  if (!list) {
    list = catalog.map((circle) => {
      const entries = Object.entries(circle.topics ?? {}).filter(([, w]) => w > 0);
      const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
      return { circle, entries, norm, sensitive: entries.map(([t]) => t).filter(isSensitive) };
    });
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

/** The k best circles for this profile, best first, each with the reasons in the person's language. */
export function suggestCircles(profile: Profile, catalog: readonly Circle[], k: number, options: SuggestOptions = {}): Suggestion[] {
  const locale = options.locale ?? 'zh-CN';
  const lambda = options.lambda ?? 0.7;
  const excluded = new Set([...(options.dismissed ?? []), ...(options.joined ?? [])]);
  const byTopic = new Map<string, ProfileTopic>(profile.topics.map((t) => [t.id, t]));
  const profileNorm = Math.sqrt(profile.topics.reduce((s, t) => s + t.weight * t.weight, 0)) || 1;
  const scored: { p: Prepared; relevance: number }[] = [];
  for (const p of prepare(catalog)) {
    if (excluded.has(p.circle._id)) continue;
    // Sensitive circles only for a person who turned that topic on (then it is in the profile).
    if (p.sensitive.some((t) => !byTopic.has(t))) continue;
    let dot = 0;
    for (const [t, w] of p.entries) {
      const topic = byTopic.get(t);
      if (topic) dot += w * topic.weight;
    }
    if (dot <= 0) continue;
    const relevance = dot / (p.norm * profileNorm) + 0.01 * Math.log10(1 + Math.max(0, p.circle.memberCount ?? 0));
    scored.push({ p, relevance });
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
  return chosen.map(({ p, relevance }) => ({ circleId: p.circle._id, score: Math.round(relevance * 1e6) / 1e6, reasons: reasonsFor(p, byTopic, locale) }));
}

function reasonsFor(p: Prepared, byTopic: Map<string, ProfileTopic>, locale: Locale): string[] {
  const matched = p.entries
    .map(([t, w]) => ({ topic: byTopic.get(t), contribution: w * (byTopic.get(t)?.weight ?? 0) }))
    .filter((m): m is { topic: ProfileTopic; contribution: number } => !!m.topic && m.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 2);
  const reasons = matched.map((m) => topicReason(m.topic, locale));
  if (p.circle.audience) reasons.push(audienceReason(locale));
  return reasons;
}
