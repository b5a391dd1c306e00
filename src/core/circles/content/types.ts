/**
 * The shapes of circle docs this pure module reads. They mirror src/hub/doc-types.ts (the shared contract)
 * field for field, but are declared here because src/core imports nothing from hub/db/ui; the hub's doc types
 * are structurally assignable to these.
 */
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
export interface RsvpDoc extends ContentDoc { type: 'rsvp'; event: string; answer: 'going' | 'maybe' | 'no' }
export interface OfferDoc extends ContentDoc {
  type: 'offer'; product: string; priceMinor: number; groupPriceMinor: number; currency: string; threshold: number; deadline: string; description?: string;
}
export interface OfferJoinDoc extends ContentDoc { type: 'offerjoin'; offer: string; joined: boolean }
export interface PollDoc extends ContentDoc {
  type: 'poll'; question: string; options: { id: string; label: string }[]; multiple: boolean; anonymous: boolean; closesAt: string; closed?: boolean;
}
export interface VoteDoc extends ContentDoc { type: 'vote'; poll: string; choices: string[] }
export interface PostDoc extends ContentDoc { type: 'post'; text: string }
export interface CommentDoc extends ContentDoc { type: 'comment'; parent: string; text: string }
export interface ShareDoc extends ContentDoc {
  type: 'share'; origin: { circleId: string; postId: string; author: string; createdAt: string; text: string };
}
export interface LinkDoc extends ContentDoc { type: 'link'; circleId: string }
