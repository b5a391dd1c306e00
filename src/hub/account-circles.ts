import { HubError, type HubClient } from './client';

/**
 * The account's own list of the circles it joined or asked to join, kept in its CouchDB `_users` doc, which only
 * the account itself and server admins can read. Signing in on another device asks the hub about these circles
 * (and the ones the catalog says the person operates) instead of about every circle in the catalog: one request
 * for the list, then one to three per listed circle, however large the catalog grows.
 *
 * It is a hint, not the truth: every listed circle is still asked about, so the list may say too much but must
 * never say too little. A join adds the circle before asking the hub; a leave takes it out only after the hub
 * heard it. The hub holds these memberships anyway (member docs, `_security`, join requests); the list adds no
 * payment data and nothing from the profile.
 *
 * Accounts made before the list existed (and the seeded operator accounts) have none: their first restore asks about the whole
 * catalog, as before, but for the circles they removed themselves (REMOVED_CIRCLES_FIELD), and writes the list from
 * what it found.
 */
export const CIRCLE_LIST_FIELD = 'quanziCircles';
/**
 * An account without a list keeps, instead, the circles it took off its circles itself (removed after a refusal,
 * withdrawn, left), so that a look at the whole catalog does not bring them back: a refused request stays on the hub
 * as the operator's record, and would otherwise come back as "declined" on every new device. Joining takes the
 * circle out again; the first list written replaces it.
 */
export const REMOVED_CIRCLES_FIELD = 'quanziRemovedCircles';
/**
 * The time (ISO) up to which the account has read its notices, on whichever device: a device that gets the account's
 * circles back at a sign-in shows what happened after it as unread, and what happened before as old news.
 */
export const NOTICES_SEEN_FIELD = 'quanziNoticesSeenUntil';

const accountDocPath = (name: string): string => `_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;

type AccountDoc = { _rev?: string; [CIRCLE_LIST_FIELD]?: unknown; [REMOVED_CIRCLES_FIELD]?: unknown; [NOTICES_SEEN_FIELD]?: unknown; [key: string]: unknown };

function idsIn(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : undefined;
}
const listOf = (doc: AccountDoc): string[] | undefined => idsIn(doc[CIRCLE_LIST_FIELD]);
const removedOf = (doc: AccountDoc): string[] => idsIn(doc[REMOVED_CIRCLES_FIELD]) ?? [];

/** The doc with `list` as its circle list; a list says everything, so the removed circles go. */
function withList(doc: AccountDoc, list: string[]): AccountDoc {
  const next: AccountDoc = { ...doc, [CIRCLE_LIST_FIELD]: [...new Set(list)].sort() };
  delete next[REMOVED_CIRCLES_FIELD];
  return next;
}

function withRemoved(doc: AccountDoc, removed: string[]): AccountDoc {
  const next: AccountDoc = { ...doc, [REMOVED_CIRCLES_FIELD]: [...new Set(removed)].sort() };
  if (!removed.length) delete next[REMOVED_CIRCLES_FIELD];
  return next;
}

/** The listed circle ids, or undefined when the account has no list yet. */
export async function readCircleList(client: HubClient, name: string): Promise<string[] | undefined> {
  return listOf(await client.get<AccountDoc>(accountDocPath(name)));
}

const seenOf = (doc: AccountDoc): string | undefined => (typeof doc[NOTICES_SEEN_FIELD] === 'string' ? doc[NOTICES_SEEN_FIELD] : undefined);

export interface CircleRecord {
  /** Undefined when the account has no list yet. */
  list?: string[];
  /** For an account without a list, the circles it removed itself. */
  removed: string[];
  noticesSeenUntil?: string;
}

export async function readCircleRecord(client: HubClient, name: string): Promise<CircleRecord> {
  const doc = await client.get<AccountDoc>(accountDocPath(name));
  const list = listOf(doc);
  const seen = seenOf(doc);
  return { ...(list ? { list, removed: [] } : { removed: removedOf(doc) }), ...(seen ? { noticesSeenUntil: seen } : {}) };
}

/** Tries of a read-change-write that lost to another device's write of the same account doc (409). */
const CONFLICT_TRIES = 5;

/**
 * Rewrites the account doc as `edit` says; `edit` returns undefined to leave it as it is. The whole doc goes back as
 * it was read (password hash, roles), which is how CouchDB lets an account edit its own doc.
 */
async function editAccountDoc(client: HubClient, name: string, edit: (doc: AccountDoc) => AccountDoc | undefined): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const next = edit(await client.get<AccountDoc>(accountDocPath(name)));
    if (next === undefined) return;
    try {
      await client.put(accountDocPath(name), next);
      return;
    } catch (error) {
      if (!(error instanceof HubError && error.status === 409) || attempt >= CONFLICT_TRIES) throw error;
    }
  }
}

/** Rewrites the list as `change` says; `change` returns undefined to leave it as it is. */
export function changeCircleList(client: HubClient, name: string, change: (list: string[] | undefined) => string[] | undefined): Promise<void> {
  return editAccountDoc(client, name, (doc) => {
    const next = change(listOf(doc));
    return next === undefined ? undefined : withList(doc, next);
  });
}

/**
 * Lists a circle the account is about to join. An account without a list keeps none (its next whole look makes it);
 * a circle it had removed is no longer removed.
 */
export function listCircle(client: HubClient, name: string, circleId: string): Promise<void> {
  return editAccountDoc(client, name, (doc) => {
    const list = listOf(doc);
    if (list) return list.includes(circleId) ? undefined : withList(doc, [...list, circleId]);
    const removed = removedOf(doc);
    return removed.includes(circleId) ? withRemoved(doc, removed.filter((id) => id !== circleId)) : undefined;
  });
}

/** Takes out a circle the account left, withdrew from or removed; without a list, notes it as removed. */
export function unlistCircle(client: HubClient, name: string, circleId: string): Promise<void> {
  return editAccountDoc(client, name, (doc) => {
    const list = listOf(doc);
    if (list) return list.includes(circleId) ? withList(doc, list.filter((id) => id !== circleId)) : undefined;
    const removed = removedOf(doc);
    return removed.includes(circleId) ? undefined : withRemoved(doc, [...removed, circleId]);
  });
}

/** Moves the account's "notices read up to" forward to `until`; never back (another device may have read further). */
export function noteNoticesSeen(client: HubClient, name: string, until: string): Promise<void> {
  return editAccountDoc(client, name, (doc) => {
    const seen = seenOf(doc);
    return seen !== undefined && seen >= until ? undefined : { ...doc, [NOTICES_SEEN_FIELD]: until };
  });
}
