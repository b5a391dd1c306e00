/**
 * The content docs of a circle (posts, comments, events, RSVPs, group-buys, polls, links, shares), declared
 * ONCE here because src/core imports nothing from hub/db/ui. src/hub/doc-types.ts (the shared contract)
 * builds its doc types from these field lists, so the rules, the sync and these pure functions agree.
 */
/** The reactions a post or comment offers, stored as the `kind` of a reaction doc. */
export const REACTION_KINDS = ['👍', '❤️', '😂'] as const;

/** The words demo hubs seeded before the kinds were shared (a hub's .hub-data keeps them), read as the same three. */
export const REACTION_ALIASES: Readonly<Record<string, string>> = { like: '👍', heart: '❤️', laugh: '😂' };

export interface ContentDoc {
  _id: string;
  _deleted?: boolean;
  type: string;
  author: string;
  createdAt: string;
}

export interface EventDoc extends ContentDoc {
  type: 'event'; title: string; startsAt: string; endsAt?: string; place?: string; url?: string; capacity?: number; description?: string;
}
/** `rsvp:<eventId>:<user>`. */
/** `answeredAt`: when this answer was given (createdAt stays the first answer's); absent on answers from older builds. */
export interface RsvpDoc extends ContentDoc { type: 'rsvp'; event: string; answer: 'going' | 'maybe' | 'no'; answeredAt?: string }
/** `offer:<ulid>`: a group-buy (拼团). Prices in integer minor units. */
export interface OfferDoc extends ContentDoc {
  type: 'offer'; product: string; priceMinor: number; groupPriceMinor: number; currency: string; threshold: number; deadline: string; description?: string;
}
/**
 * `offerjoin:<offerId>:<user>`: one doc per participant, so simultaneous joins both count exactly once.
 * `deadline` is copied from the offer: the hub's rules cannot read the offer and refuse joins after it.
 */
export interface OfferJoinDoc extends ContentDoc { type: 'offerjoin'; offer: string; joined: boolean; deadline: string; answeredAt?: string }
/** `poll:<ulid>`. */
export interface PollDoc extends ContentDoc {
  type: 'poll'; question: string; options: { id: string; label: string }[]; multiple: boolean; anonymous: boolean; closesAt: string; closed?: boolean;
}
/** `vote:<pollId>:<user>`. `closesAt`, copied from the poll, lets the hub refuse votes after the close. */
/** RSVPs, votes and group-buy joins carry `answeredAt`: of two answers of one person (two devices), the newer stands. */
export interface VoteDoc extends ContentDoc { type: 'vote'; poll: string; choices: string[]; closesAt?: string; answeredAt?: string }
/** `post:<ulid>`. */
/** `editedAt`: when the author last changed the text (posts and replies can be edited by their author). */
export interface PostDoc extends ContentDoc { type: 'post'; text: string; editedAt?: string }
/** `comment:<ulid>`: one level of replies; `parent` is the post id. */
export interface CommentDoc extends ContentDoc { type: 'comment'; parent: string; text: string; editedAt?: string }
/** `share:<sourceCircleId>:<postId>` in the target circle: deterministic, so a share is never duplicated. */
export interface ShareDoc extends ContentDoc {
  type: 'share'; origin: { circleId: string; postId: string; author: string; createdAt: string; text: string };
}
/** `link:<otherCircleId>`: operators link circles (e.g. a brand's city circles). */
export interface LinkDoc extends ContentDoc { type: 'link'; circleId: string }
