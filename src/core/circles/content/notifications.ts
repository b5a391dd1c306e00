import { offerProgress } from './offers';
import type { CommentDoc, ContentDoc, EventDoc, OfferDoc, OfferJoinDoc, PollDoc, PostDoc, RsvpDoc } from './types';
import { rsvpSummary } from './events';

/**
 * In-app notifications derived from what is already synced: nothing is pushed by a server. Each notice has
 * a stable `key`, so deriving again (every sync, every tab) never notifies twice; the app stores the keys.
 */
export type NoticeKind = 'approved' | 'declined' | 'event-soon' | 'offer-formed' | 'offer-failed' | 'reply' | 'new-event' | 'new-poll' | 'new-offer';

export interface Notice {
  key: string;
  kind: NoticeKind;
  circleId: string;
  /** The doc the notice is about (event, offer, comment); absent for an approval or a refusal. */
  docId?: string;
  /** When the thing happened (ISO), for ordering. */
  at: string;
  /** Values for the message template: title, product, author, text. */
  params: Record<string, string>;
}

export interface CircleSnapshot {
  circleId: string;
  /** 'approval' circles notify once the person's request was approved (status went to joined). */
  policy: 'open' | 'approval';
  status: 'joined' | 'requested' | 'denied';
  /** When the membership became active (ISO). */
  since?: string;
  /** When this device started holding the circle (ISO): joined or asked here, or brought back by a sign-in. */
  heldSince?: string;
  /** The operator declined the request (status 'denied'): their reason, and when (ISO). */
  declined?: { reason: string; at: string };
  docs: readonly ContentDoc[];
}

export const EVENT_SOON_MS = 24 * 3_600_000;

function ofType<T extends ContentDoc>(docs: readonly ContentDoc[], type: T['type']): T[] {
  return docs.filter((d): d is T => d.type === type && !d._deleted);
}

const excerpt = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

export function deriveNotices(circles: readonly CircleSnapshot[], me: string, now: number): Notice[] {
  const notices: Notice[] = [];
  for (const circle of circles) {
    const { circleId, docs } = circle;
    // Keyed by the decision's time: asking again and being declined again is news again.
    if (circle.status === 'denied' && circle.declined) {
      const { reason, at } = circle.declined;
      notices.push({ key: `declined:${circleId}:${at}`, kind: 'declined', circleId, at, params: { reason } });
    }
    if (circle.status !== 'joined') continue;
    if (circle.policy === 'approval') {
      notices.push({ key: `approved:${circleId}`, kind: 'approved', circleId, at: circle.since ?? new Date(now).toISOString(), params: {} });
    }
    // An event I said going/maybe to that starts within the next 24 hours.
    const rsvps = ofType<RsvpDoc>(docs, 'rsvp');
    for (const event of ofType<EventDoc>(docs, 'event')) {
      const startsIn = Date.parse(event.startsAt) - now;
      if (!(startsIn > 0 && startsIn <= EVENT_SOON_MS)) continue;
      const mine = rsvpSummary(event, rsvps, me, now).mine;
      if (mine === 'going' || mine === 'maybe') {
        notices.push({ key: `event-soon:${circleId}:${event._id}`, kind: 'event-soon', circleId, docId: event._id, at: event.startsAt, params: { title: event.title } });
      }
    }
    // A group-buy I joined (or run) that formed, or that did not. Reaching the threshold early is not enough: until
    // the deadline people may still leave (the card says "forms at the deadline"), and a system notification cannot
    // be taken back. One that did not form is news as much: the person will not be charged, or the operator has no order.
    const joins = ofType<OfferJoinDoc>(docs, 'offerjoin');
    for (const offer of ofType<OfferDoc>(docs, 'offer')) {
      const progress = offerProgress(offer, joins, me, now);
      if (!(progress.joined || offer.author === me) || progress.status === 'open') continue;
      const kind = progress.status === 'formed' ? 'offer-formed' : 'offer-failed';
      notices.push({ key: `${kind}:${circleId}:${offer._id}`, kind, circleId, docId: offer._id, at: offer.deadline, params: { product: offer.product } });
    }
    // Something new to answer, by someone else, since this device held the circle: an event, a poll, a group-buy. Not
    // the circle's history: joining (or a sign-in bringing the circle back) is no time for a wall of old news.
    const heldSince = circle.heldSince ?? circle.since ?? '';
    const fresh = (doc: ContentDoc): boolean => doc.author !== me && doc.createdAt > heldSince;
    for (const event of ofType<EventDoc>(docs, 'event').filter(fresh)) {
      if (Date.parse(event.startsAt) <= now) continue;
      notices.push({ key: `new-event:${circleId}:${event._id}`, kind: 'new-event', circleId, docId: event._id, at: event.createdAt, params: { title: event.title } });
    }
    for (const poll of ofType<PollDoc>(docs, 'poll').filter(fresh)) {
      if (poll.closed || Date.parse(poll.closesAt) <= now) continue;
      notices.push({ key: `new-poll:${circleId}:${poll._id}`, kind: 'new-poll', circleId, docId: poll._id, at: poll.createdAt, params: { question: poll.question } });
    }
    for (const offer of ofType<OfferDoc>(docs, 'offer').filter(fresh)) {
      if (Date.parse(offer.deadline) <= now) continue;
      notices.push({ key: `new-offer:${circleId}:${offer._id}`, kind: 'new-offer', circleId, docId: offer._id, at: offer.createdAt, params: { product: offer.product } });
    }
    // A reply by someone else to my post.
    const myPosts = new Set(ofType<PostDoc>(docs, 'post').filter((p) => p.author === me).map((p) => p._id));
    for (const comment of ofType<CommentDoc>(docs, 'comment')) {
      if (comment.author !== me && myPosts.has(comment.parent)) {
        notices.push({ key: `reply:${circleId}:${comment._id}`, kind: 'reply', circleId, docId: comment._id, at: comment.createdAt, params: { author: comment.author, text: excerpt(comment.text) } });
      }
    }
  }
  // What an operator removed (a reply with an ad, an event) is no news, and its text is not repeated in the list.
  const removed = new Set<string>();
  for (const circle of circles) {
    for (const doc of circle.docs as readonly { type: string; target?: string; _deleted?: boolean }[]) {
      if (doc.type === 'removal' && !doc._deleted && doc.target) removed.add(`${circle.circleId}|${doc.target}`);
    }
  }
  return notices.filter((n) => !n.docId || !removed.has(`${n.circleId}|${n.docId}`)).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
