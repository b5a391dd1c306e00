import type { EventDoc, RsvpDoc } from './types';

/** RSVP counts of an event: one doc per person (`rsvp:<event>:<user>`), so a replay never counts twice. */
export type RsvpAnswer = RsvpDoc['answer'];

export interface RsvpSummary {
  going: number;
  maybe: number;
  no: number;
  mine: RsvpAnswer | undefined;
  capacity: number | undefined;
  /** Places left for "going" (undefined without a capacity). */
  spotsLeft: number | undefined;
  /** Full: nobody else may answer "going" (someone already going keeps the place). */
  full: boolean;
  /** The event has started. */
  past: boolean;
  /** Who said they are going, by account name (sorted): for the operator running it. Every member can read RSVPs anyway. */
  goingNames: string[];
}

export const rsvpId = (eventId: string, user: string): string => `rsvp:${eventId}:${user}`;

export function rsvpSummary(event: EventDoc, rsvps: readonly RsvpDoc[], me: string | undefined, now: number): RsvpSummary {
  const answers = new Map<string, RsvpAnswer>();
  for (const rsvp of rsvps) {
    if (rsvp.type !== 'rsvp' || rsvp.event !== event._id || rsvp._deleted) continue;
    if (rsvp._id !== rsvpId(event._id, rsvp.author)) continue;
    if (rsvp.answer === 'going' || rsvp.answer === 'maybe' || rsvp.answer === 'no') answers.set(rsvp.author, rsvp.answer);
  }
  const counts = { going: 0, maybe: 0, no: 0 };
  for (const answer of answers.values()) counts[answer]++;
  const capacity = typeof event.capacity === 'number' && event.capacity > 0 ? Math.floor(event.capacity) : undefined;
  const spotsLeft = capacity === undefined ? undefined : Math.max(0, capacity - counts.going);
  return {
    ...counts,
    mine: me ? answers.get(me) : undefined,
    capacity,
    spotsLeft,
    full: spotsLeft === 0,
    past: now >= Date.parse(event.startsAt),
    goingNames: [...answers].filter(([, answer]) => answer === 'going').map(([author]) => author).sort(),
  };
}

/** Whether `answer` may be chosen now: "going" needs a free place unless the person already holds one. */
export function canAnswer(summary: RsvpSummary, answer: RsvpAnswer): boolean {
  if (summary.past) return false;
  if (answer !== 'going') return true;
  return !summary.full || summary.mine === 'going';
}
