import { rsvpSummary, type RsvpSummary } from './events';
import { offerProgress, type OfferProgress } from './offers';
import { tallyPoll, type PollTally, type PollViewer } from './polls';
import { orderedShares } from './shares';
import type { ContentDoc, EventDoc, LinkDoc, OfferDoc, OfferJoinDoc, PollDoc, RsvpDoc, ShareDoc, VoteDoc } from './types';

export * from './types';
export * from './events';
export * from './offers';
export * from './polls';
export * from './shares';
export * from './ics';
export * from './notifications';

/** Everything member-facing in one circle besides posts: events, group-buys, polls, shares and links. */
export interface CircleContent {
  /** `removed`: the operator's reason, when they took the event or group-buy down (a removal doc, as for posts). */
  events: { doc: EventDoc; rsvp: RsvpSummary; removed?: string }[];
  offers: { doc: OfferDoc; progress: OfferProgress; removed?: string }[];
  polls: { doc: PollDoc; tally: PollTally }[];
  shares: ShareDoc[];
  /** Circle ids this circle is linked to. */
  links: string[];
  /** Muted members and until when (only those still muted at `now`). */
  mutes: { user: string; until: string }[];
}

function byType(docs: readonly ContentDoc[]) {
  const groups = new Map<string, ContentDoc[]>();
  for (const doc of docs) if (!doc._deleted) groups.set(doc.type, [...(groups.get(doc.type) ?? []), doc]);
  return <T extends ContentDoc>(type: T['type']) => (groups.get(type) ?? []) as T[];
}

/** Upcoming first for events (then recent past), open group-buys and polls first, each newest first. */
export function buildCircleContent(docs: readonly ContentDoc[], me: string | undefined, now: number, viewer: PollViewer = {}): CircleContent {
  const of = byType(docs);
  const rsvps = of<RsvpDoc>('rsvp');
  const joins = of<OfferJoinDoc>('offerjoin');
  const votes = of<VoteDoc>('vote');
  const removals = new Map(of<ContentDoc & { target: string; reason: string }>('removal').map((r) => [r.target, r.reason]));
  const removed = (id: string) => (removals.has(id) ? { removed: removals.get(id)! } : {});
  const events = of<EventDoc>('event').map((doc) => ({ doc, rsvp: rsvpSummary(doc, rsvps, me, now), ...removed(doc._id) }))
    .sort((a, b) => Number(a.rsvp.past) - Number(b.rsvp.past) || (a.rsvp.past ? -1 : 1) * a.doc.startsAt.localeCompare(b.doc.startsAt));
  const offers = of<OfferDoc>('offer').map((doc) => ({ doc, progress: offerProgress(doc, joins, me, now), ...removed(doc._id) }))
    .sort((a, b) => Number(b.progress.canChange) - Number(a.progress.canChange) || b.doc.createdAt.localeCompare(a.doc.createdAt));
  const polls = of<PollDoc>('poll').map((doc) => ({ doc, tally: tallyPoll(doc, votes, me, now, viewer) }))
    .sort((a, b) => Number(a.tally.closed) - Number(b.tally.closed) || b.doc.createdAt.localeCompare(a.doc.createdAt));
  const mutes = of<ContentDoc & { user: string; until: string }>('mute')
    .filter((m) => Date.parse(m.until) > now).map((m) => ({ user: m.user, until: m.until }));
  return { events, offers, polls, shares: orderedShares(of<ShareDoc>('share')), links: of<LinkDoc>('link').map((l) => l.circleId).sort(), mutes };
}
