import type { Profile } from '../profile';
import { checkAudience, type AudienceCheck } from './criteria';
import { paidAt } from './paid-at';
import { prepareCircle } from './prepared';
import type { Circle } from './types';

/**
 * Why a circle of the catalog is not among the person's suggestions, worked out on the device from the same profile
 * the suggestions come from. Nothing of it leaves the device: the catalog is the same for everyone.
 */

export type WhyNot =
  /** Profiling is paused, or there is nothing to profile yet: nothing at all is suggested. */
  | { kind: 'paused' }
  | { kind: 'no-statements' }
  /** About a sensitive topic the profile keeps out until the person turns it on. */
  | { kind: 'sensitive'; topics: string[] }
  /** None of its topics is in the profile, and the person does not pay at its business. */
  | { kind: 'no-match'; topics: string[] }
  /** Its operator's conditions are not met. */
  | { kind: 'audience'; check: AudienceCheck }
  /** It fits, but other circles fit better. */
  | { kind: 'ranked' };

export function whyNotSuggested(circle: Circle, profile: Profile): WhyNot {
  if (profile.paused) return { kind: 'paused' };
  if (profile.rows === 0) return { kind: 'no-statements' };
  // Read as the suggestions read it (prepared.ts), so the answer cannot disagree with them.
  const { entries, sensitive, statementNames } = prepareCircle(circle);
  const topics = entries.map(([topic]) => topic);
  const inProfile = new Set(profile.topics.map((topic) => topic.id));
  const turnedOff = sensitive.filter((topic) => !inProfile.has(topic));
  if (turnedOff.length) return { kind: 'sensitive', topics: turnedOff };
  const paid = statementNames.length ? paidAt(profile, statementNames) : undefined;
  if (!topics.some((topic) => inProfile.has(topic)) && !paid) return { kind: 'no-match', topics };
  if (circle.audience) {
    const check = checkAudience(circle.audience, profile);
    if (!check.met) return { kind: 'audience', check };
  }
  return { kind: 'ranked' };
}
