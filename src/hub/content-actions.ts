import { rsvpId, type RsvpAnswer } from '../core/circles/content/events';
import { offerJoinId } from '../core/circles/content/offers';
import { validChoices, voteId } from '../core/circles/content/polls';
import type { QuanziDB } from '../db/schema';
import type { OfferDoc, OfferJoinDoc, PollDoc, RsvpDoc, VoteDoc } from './doc-types';
import { putOwnCircleDoc } from './outbox';

/**
 * A member's answers to circle content: one deterministic doc per person (`rsvp:<event>:<me>`,
 * `offerjoin:<offer>:<me>`, `vote:<poll>:<me>`), written through the outbox, so they work offline, a replay
 * cannot count twice, and two people answering at the same instant both count.
 */
export async function answerEvent(circleId: string, eventId: string, answer: RsvpAnswer, me: string, db?: QuanziDB): Promise<RsvpDoc> {
  return putOwnCircleDoc<RsvpDoc>(circleId, { _id: rsvpId(eventId, me), type: 'rsvp', event: eventId, answer, answeredAt: new Date().toISOString() }, db);
}

/** Join or leave a group-buy; the offer's deadline travels with the doc so the hub can refuse late changes. */
export async function setOfferJoined(circleId: string, offer: Pick<OfferDoc, '_id' | 'deadline'>, joined: boolean, me: string, db?: QuanziDB): Promise<OfferJoinDoc> {
  return putOwnCircleDoc<OfferJoinDoc>(circleId, { _id: offerJoinId(offer._id, me), type: 'offerjoin', offer: offer._id, joined, deadline: offer.deadline, answeredAt: new Date().toISOString() }, db);
}

/** Vote (or change the vote) before the close; `closesAt` travels with the doc for the hub's rules. */
export async function votePoll(circleId: string, poll: Pick<PollDoc, '_id' | 'options' | 'multiple' | 'closesAt'>, choices: string[], me: string, db?: QuanziDB): Promise<VoteDoc> {
  const valid = validChoices(poll, choices);
  if (!valid.length) throw new RangeError('choose at least one option');
  return putOwnCircleDoc<VoteDoc>(circleId, { _id: voteId(poll._id, me), type: 'vote', poll: poll._id, choices: valid, closesAt: poll.closesAt, answeredAt: new Date().toISOString() }, db);
}
