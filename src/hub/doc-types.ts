/**
 * The documents that live in a circle database `circle_<id>`: one shared contract for the rules
 * (src/hub/rules.ts), the sync engine, the feed, the operator tools and the trust features.
 *
 * Every doc carries `type`, `author` (the hub user name that wrote it), `createdAt` (ISO UTC) and, when it was
 * written through the outbox, `opId` (so a conflict on create can be told apart from a lost response).
 * Ids are client-generated and, where "one per person" is the rule, deterministic so that replays and races
 * cannot double count.
 *
 * The content docs' fields are declared once in src/core/circles/content/types.ts (pure code reads them there)
 * and combined here with the base fields.
 */
import type * as Content from '../core/circles/content/types.ts';

/** The fields of a content doc besides the base ones. */
type Fields<T extends Content.ContentDoc> = Omit<T, keyof Content.ContentDoc>;

export interface BaseDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  type: CircleDocType;
  author: string;
  createdAt: string;
  opId?: string;
}

export type CircleDocType =
  | 'member' | 'post' | 'comment' | 'reaction' | 'pin' | 'removal' | 'mute'
  | 'event' | 'rsvp' | 'offer' | 'offerjoin' | 'poll' | 'vote' | 'link' | 'share'
  | 'proofset' | 'claim' | 'badge' | 'question' | 'answer';

/** Who may create each type: 'anyone' = any member writing as themselves; 'operator' = circle admins only. */
export const DOC_TYPE_WRITERS: Record<CircleDocType, 'anyone' | 'operator'> = {
  member: 'anyone', post: 'anyone', comment: 'anyone', reaction: 'anyone', rsvp: 'anyone', offerjoin: 'anyone',
  vote: 'anyone', claim: 'anyone', answer: 'anyone',
  pin: 'operator', removal: 'operator', mute: 'operator', event: 'operator', offer: 'operator', poll: 'operator',
  link: 'operator', share: 'operator', proofset: 'operator', badge: 'operator', question: 'operator',
};

/** `member:<user>`: the person joined this (open) circle. */
export interface MemberDoc extends BaseDoc { type: 'member' }
export interface PostDoc extends BaseDoc, Fields<Content.PostDoc> { type: 'post' }
export interface CommentDoc extends BaseDoc, Fields<Content.CommentDoc> { type: 'comment' }
/** `reaction:<targetId>:<user>:<kind>`. */
export interface ReactionDoc extends BaseDoc { type: 'reaction'; target: string; kind: string }
/** `pin`: the one pinned announcement; `text` empty or `_deleted` = unpinned. */
export interface PinDoc extends BaseDoc { type: 'pin'; text: string; target?: string }
/** `removal:<targetId>`: a tombstone; members see "removed by the operator" and the reason. */
export interface RemovalDoc extends BaseDoc { type: 'removal'; target: string; reason: string }
/** `mute:<user>`: the member may not post until `until`. */
export interface MuteDoc extends BaseDoc { type: 'mute'; user: string; until: string }
export interface EventDoc extends BaseDoc, Fields<Content.EventDoc> { type: 'event' }
export interface RsvpDoc extends BaseDoc, Fields<Content.RsvpDoc> { type: 'rsvp' }
export interface OfferDoc extends BaseDoc, Fields<Content.OfferDoc> { type: 'offer' }
export interface OfferJoinDoc extends BaseDoc, Fields<Content.OfferJoinDoc> { type: 'offerjoin' }
export interface PollDoc extends BaseDoc, Fields<Content.PollDoc> { type: 'poll' }
export interface VoteDoc extends BaseDoc, Fields<Content.VoteDoc> { type: 'vote' }
export interface LinkDoc extends BaseDoc, Fields<Content.LinkDoc> { type: 'link' }
export interface ShareDoc extends BaseDoc, Fields<Content.ShareDoc> { type: 'share' }
/** `proofset:<ulid>`: salted SHA-256 hashes of the merchant's order ids (sorted hex), built on the operator's device. */
export interface ProofSetDoc extends BaseDoc {
  type: 'proofset'; salt: string; hashes: string[]; period: { from: string; to: string };
  /** RSA-OAEP public key (JWK: kty, alg, n, e): members seal their claim's order id with it. */
  sealKey?: JsonWebKey;
}
/**
 * `claim:<user>`: reveals exactly one order id, nothing else, and only to the operator: `sealed` is that id
 * sealed with the proof set's `sealKey`. `orderId` in the clear is for proof sets published without a key.
 */
export interface ClaimDoc extends BaseDoc { type: 'claim'; proofset: string; orderId?: string; sealed?: string }
/** `badge:<user>`: written by an operator after verifying the claim against the proof set. */
export interface BadgeDoc extends BaseDoc { type: 'badge'; user: string; claim: string }
/** `question:<ulid>`: a demand question answered with randomized response. */
export interface QuestionDoc extends BaseDoc {
  type: 'question'; text: { zh: string; en: string }; topics: string[]; withinDays: number; epsilon: number;
  /** 'spent' (default): the device answers "spent on `topics` in the last `withinDays` days" from local rows.
   *  'choice': a yes/no the person answers ("would you join a group-buy for X at Y?"); topics may be empty. */
  kind?: 'spent' | 'choice';
}
/** `answer:<questionId>:<user>`: only the noised bit leaves the device. */
export interface AnswerDoc extends BaseDoc { type: 'answer'; question: string; bit: 0 | 1; epsilon: number }

export type CircleDoc =
  | MemberDoc | PostDoc | CommentDoc | ReactionDoc | PinDoc | RemovalDoc | MuteDoc | EventDoc | RsvpDoc | OfferDoc
  | OfferJoinDoc | PollDoc | VoteDoc | LinkDoc | ShareDoc | ProofSetDoc | ClaimDoc | BadgeDoc | QuestionDoc | AnswerDoc;

export const circleDbName = (circleId: string): string => `circle_${circleId}`;

/**
 * Join requests of an approval-only circle live in their own database `requests_<circleId>`, one doc per
 * person: `request:<user>`. The requester writes it without a decision; an operator sets `decision` (and
 * `reason` when denied) after adding the name to `circle_<id>/_security` members. Not a circle doc.
 */
export const requestsDbName = (circleId: string): string => `requests_${circleId}`;
export interface JoinRequestDoc {
  _id: string;
  _rev?: string;
  type: 'request';
  user: string;
  createdAt: string;
  message?: string;
  decision?: 'approved' | 'denied';
  reason?: string;
  decidedBy?: string;
  decidedAt?: string;
}
