import type { EventDoc, RsvpDoc } from './types';

/** RSVP counts of an event: one doc per person (`rsvp:<event>:<user>`), so a replay never counts twice. */
export type RsvpAnswer = RsvpDoc['answer'];

export interface RsvpSummary {
  /** People holding a place (with a capacity, at most that many). */
  going: number;
  maybe: number;
  no: number;
  mine: RsvpAnswer | undefined;
  capacity: number | undefined;
  /** Places left for "going" (undefined without a capacity). */
  spotsLeft: number | undefined;
  /** Full: a new "going" goes onto the waiting list (someone already holding a place keeps it). */
  full: boolean;
  /** The event has started. */
  past: boolean;
  /** Who holds a place, by account name (sorted): for the operator running it. Every member can read RSVPs anyway. */
  goingNames: string[];
  /** Who said "going" after the places were taken, first come first: the first of them moves up when a place frees. */
  waitingNames: string[];
  /** My place on the waiting list (1 = next), or undefined when I am not on it. */
  myWaitingPlace: number | undefined;
}

export const rsvpId = (eventId: string, user: string): string => `rsvp:${eventId}:${user}`;

/**
 * When the answer was given. The hub keeps `createdAt` from the first answer, so a later change to "going" carries its
 * own time; an answer from before that field counts from its createdAt.
 */
const answeredAt = (rsvp: RsvpDoc): string => rsvp.answeredAt ?? rsvp.createdAt;

/**
 * The places go to the first to say "going", by the time each answer was given, on every device alike: the hub's rules
 * cannot count other people's answers, so two answers for the last place (both offline, or in the same moment) are
 * both taken, and the later one waits for a place instead of overbooking the event.
 */
export function rsvpSummary(event: EventDoc, rsvps: readonly RsvpDoc[], me: string | undefined, now: number): RsvpSummary {
  const answers = new Map<string, RsvpDoc>();
  for (const rsvp of rsvps) {
    if (rsvp.type !== 'rsvp' || rsvp.event !== event._id || rsvp._deleted) continue;
    if (rsvp._id !== rsvpId(event._id, rsvp.author)) continue;
    if (rsvp.answer === 'going' || rsvp.answer === 'maybe' || rsvp.answer === 'no') answers.set(rsvp.author, rsvp);
  }
  const counts = { going: 0, maybe: 0, no: 0 };
  for (const rsvp of answers.values()) counts[rsvp.answer]++;
  const capacity = typeof event.capacity === 'number' && event.capacity > 0 ? Math.floor(event.capacity) : undefined;
  const going = [...answers.values()].filter((rsvp) => rsvp.answer === 'going')
    .sort((a, b) => Date.parse(answeredAt(a)) - Date.parse(answeredAt(b)) || (a.author < b.author ? -1 : a.author > b.author ? 1 : 0))
    .map((rsvp) => rsvp.author);
  const holders = capacity === undefined ? going : going.slice(0, capacity);
  const waitingNames = capacity === undefined ? [] : going.slice(capacity);
  const spotsLeft = capacity === undefined ? undefined : Math.max(0, capacity - holders.length);
  const waitingIndex = me === undefined ? -1 : waitingNames.indexOf(me);
  return {
    ...counts,
    going: holders.length,
    mine: me ? answers.get(me)?.answer : undefined,
    capacity,
    spotsLeft,
    full: spotsLeft === 0,
    past: now >= Date.parse(event.startsAt),
    goingNames: [...holders].sort(),
    waitingNames,
    myWaitingPlace: waitingIndex < 0 ? undefined : waitingIndex + 1,
  };
}

/** Whether `answer` may be chosen now: any answer until the event starts (a full event puts "going" on its waiting list). */
export function canAnswer(summary: RsvpSummary, answer: RsvpAnswer): boolean {
  void answer;
  return !summary.past;
}
