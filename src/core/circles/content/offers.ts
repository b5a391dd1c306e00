import type { OfferDoc, OfferJoinDoc } from './types';

/**
 * Group-buy (拼团) progress. Participation is one deterministic doc per person (`offerjoin:<offer>:<user>`),
 * never a counter in the offer, so two people joining at the same instant both count exactly once and a
 * replayed or duplicated doc cannot count twice: we count distinct authors whose doc says joined=true.
 */
export type OfferStatus = 'open' | 'formed' | 'not-formed';

export interface OfferProgress {
  /** Distinct participants (joined=true, made before the deadline). */
  count: number;
  threshold: number;
  /** How many more are needed to reach the threshold (0 once reached). */
  missing: number;
  /** 0–100, capped at 100, for the progress bar. */
  percent: number;
  /** Before the deadline: 'open'; at/after it: 'formed' when the threshold was reached, else 'not-formed'. */
  status: OfferStatus;
  /** True while people can still join or leave. */
  canChange: boolean;
  /** Whether `me` is in. */
  joined: boolean;
  /** Who is in, by account name (sorted): the operator fulfils the order for them. Every member can read the joins anyway. */
  participants: string[];
}

export const offerJoinId = (offerId: string, user: string): string => `offerjoin:${offerId}:${user}`;

/** The participants of `offer`: distinct authors of joined=true docs for it, created before the deadline. */
export function offerParticipants(offer: Pick<OfferDoc, '_id' | 'deadline'>, joins: readonly OfferJoinDoc[]): Set<string> {
  const deadline = Date.parse(offer.deadline);
  const latest = new Map<string, OfferJoinDoc>();
  for (const join of joins) {
    if (join.type !== 'offerjoin' || join.offer !== offer._id || join._deleted) continue;
    // The id binds the doc to its author; anything else was not written through the rules.
    if (join._id !== offerJoinId(offer._id, join.author)) continue;
    if (Date.parse(join.createdAt) > deadline) continue;
    latest.set(join.author, join);
  }
  return new Set([...latest].filter(([, join]) => join.joined).map(([author]) => author));
}

export function offerProgress(offer: OfferDoc, joins: readonly OfferJoinDoc[], me: string | undefined, now: number): OfferProgress {
  const participants = offerParticipants(offer, joins);
  const count = participants.size;
  const threshold = Math.max(1, offer.threshold);
  const open = now < Date.parse(offer.deadline);
  return {
    count,
    threshold,
    missing: Math.max(0, threshold - count),
    percent: Math.min(100, Math.round((count / threshold) * 100)),
    status: open ? 'open' : count >= threshold ? 'formed' : 'not-formed',
    canChange: open,
    joined: me !== undefined && participants.has(me),
    participants: [...participants].sort(),
  };
}

/** Saving in minor units (never floats) per person when the group forms. */
export const groupSavingMinor = (offer: Pick<OfferDoc, 'priceMinor' | 'groupPriceMinor'>): number => Math.max(0, offer.priceMinor - offer.groupPriceMinor);
