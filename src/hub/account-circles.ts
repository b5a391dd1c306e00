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
 * Accounts made before the list existed (and the demo accounts) have none: their first restore asks about the whole
 * catalog, as before, and writes the list from what it found.
 */
export const CIRCLE_LIST_FIELD = 'quanziCircles';

const accountDocPath = (name: string): string => `_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;

type AccountDoc = { _rev?: string; [CIRCLE_LIST_FIELD]?: unknown; [key: string]: unknown };

function listOf(doc: AccountDoc): string[] | undefined {
  const list = doc[CIRCLE_LIST_FIELD];
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : undefined;
}

/** The listed circle ids, or undefined when the account has no list yet. */
export async function readCircleList(client: HubClient, name: string): Promise<string[] | undefined> {
  return listOf(await client.get<AccountDoc>(accountDocPath(name)));
}

/** Tries of a read-change-write that lost to another device's write of the same account doc (409). */
const CONFLICT_TRIES = 5;

/**
 * Rewrites the list as `change` says; `change` returns undefined to leave it as it is. The whole doc goes back as
 * it was read (password hash, roles), which is how CouchDB lets an account edit its own doc.
 */
export async function changeCircleList(client: HubClient, name: string, change: (list: string[] | undefined) => string[] | undefined): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const doc = await client.get<AccountDoc>(accountDocPath(name));
    const next = change(listOf(doc));
    if (next === undefined) return;
    try {
      await client.put(accountDocPath(name), { ...doc, [CIRCLE_LIST_FIELD]: [...new Set(next)].sort() });
      return;
    } catch (error) {
      if (!(error instanceof HubError && error.status === 409) || attempt >= CONFLICT_TRIES) throw error;
    }
  }
}

/** Lists a circle the account is about to join. An account without a list keeps none: its next restore makes it whole. */
export function listCircle(client: HubClient, name: string, circleId: string): Promise<void> {
  return changeCircleList(client, name, (list) => (list && !list.includes(circleId) ? [...list, circleId] : undefined));
}

/** Takes out a circle the account left. */
export function unlistCircle(client: HubClient, name: string, circleId: string): Promise<void> {
  return changeCircleList(client, name, (list) => (list?.includes(circleId) ? list.filter((id) => id !== circleId) : undefined));
}
