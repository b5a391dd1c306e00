import { getDb, type QuanziDB } from '../db/schema';
import { getDocRow, getMembership } from '../db/circle-docs';
import { loadCatalog } from '../db/catalog';
import { shareId } from '../core/circles/content/shares';
import { syncCatalog } from './catalog-sync';
import { requireCirclePerson } from './circle-people';
import { HubError, docPath, hubClient, type HubClient } from './client';
import {
  circleDbName, requestsDbName, type CircleDoc, type EventDoc, type LinkDoc, type MuteDoc, type OfferDoc,
  type PinDoc, type PollDoc, type RemovalDoc, type ShareDoc,
} from './doc-types';
import { deleteCircleDoc, putOwnCircleDoc, reviseCircleDoc, writeCircleDoc, type NewDoc } from './outbox';
import type { CatalogEntry, SecurityObject } from './provision';
import { currentAccount, signedInName } from './session';

/**
 * What an operator (a database admin of `circle_<id>`) does from the app, through the same protocol the hub
 * enforces (src/hub/rules.ts, admin-api.ts): nothing here is a privilege of the UI.
 *  - content (pin, removal tombstones, mute records, events, offers, polls, links, shares) goes through the
 *    outbox like any write, so it works offline and is delivered exactly once;
 *  - membership and rights (approve/deny, mute enforcement, co-operators) change `_security`, the request
 *    docs and the catalog entry directly: they need the hub, and the hub refuses them to non-operators.
 */
export interface OperatorContext {
  client?: HubClient;
  db?: QuanziDB;
}

export const ctx = (c: OperatorContext = {}) => ({ client: c.client ?? hubClient(), db: c.db ?? getDb() });

export const securityPath = (circleId: string) => `${encodeURIComponent(circleDbName(circleId))}/_security`;
const requestsSecurityPath = (circleId: string) => `${encodeURIComponent(requestsDbName(circleId))}/_security`;

function inSection(name: string, roles: string[], section: { names?: string[]; roles?: string[] } | undefined): boolean {
  return Boolean(section?.names?.includes(name) || section?.roles?.some((role) => roles.includes(role)));
}

/**
 * Am I an operator of this circle? Asks the hub (`_security.admins`); offline, falls back to the catalog
 * entry's `operators` list on this device. Only a hint for the UI: the hub decides every write anyway.
 */
export async function amIOperator(circleId: string, options: OperatorContext = {}): Promise<boolean> {
  const { client, db } = ctx(options);
  const account = await currentAccount(db);
  if (!account) return false;
  try {
    const security = await client.get<Partial<SecurityObject>>(securityPath(circleId));
    return account.roles.includes('_admin') || inSection(account.name, account.roles, security.admins);
  } catch (error) {
    if (error instanceof HubError && error.isRefusal) return false;
    const entry = (await db.catalog.get(circleId)) as { operators?: string[] } | undefined;
    return Boolean(entry?.operators?.includes(account.name));
  }
}

/**
 * Read-change-write of `_security` (it has no revision, so the last writer wins): after writing, read it back
 * and redo the change if another operator's write replaced ours in between. `givesUpAccess`: the change takes my own
 * rights away (an operator removing themselves), so the hub may refuse the read-back, and that refusal is the change
 * having held.
 */
export async function editSecurity(
  client: HubClient, circleId: string, change: (security: SecurityObject) => void, holds: (security: SecurityObject) => boolean, path = securityPath(circleId),
  givesUpAccess = false,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const security = await client.get<SecurityObject>(path);
    security.admins ??= { names: [], roles: [] };
    security.members ??= { names: [], roles: [] };
    security.admins.names ??= [];
    security.members.names ??= [];
    change(security);
    await client.put(path, security);
    let after: SecurityObject;
    try {
      after = await client.get<SecurityObject>(path);
    } catch (error) {
      if (givesUpAccess && error instanceof HubError && error.isRefusal) return;
      throw error;
    }
    if (holds(after)) return;
  }
  throw new HubError(409, 'conflict', '_security kept changing; try again', path);
}

// ---- Moderation (content through the outbox) ----

export async function pinAnnouncement(circleId: string, text: string, options: OperatorContext = {}): Promise<PinDoc> {
  return putOwnCircleDoc<PinDoc>(circleId, { _id: 'pin', type: 'pin', text }, options.db);
}

export async function unpinAnnouncement(circleId: string, options: OperatorContext = {}): Promise<void> {
  await deleteCircleDoc(circleId, 'pin', options.db);
}

/** A tombstone `removal:<target>`: members see "removed by the operator" and the reason instead of the text. */
export async function removeWithReason(circleId: string, targetId: string, reason: string, options: OperatorContext = {}): Promise<RemovalDoc> {
  return putOwnCircleDoc<RemovalDoc>(circleId, { _id: `removal:${targetId}`, type: 'removal', target: targetId, reason: reason.trim() }, options.db);
}

/** Undo a removal: the post shows again. */
export async function restoreRemoved(circleId: string, targetId: string, options: OperatorContext = {}): Promise<void> {
  await deleteCircleDoc(circleId, `removal:${targetId}`, options.db);
}

/**
 * Mute until `until`: enforced by the hub through `_security.mutes`, shown through the `mute:<user>` doc. Only a
 * person of the circle (circle-people.ts): any other name, or an operator's, throws PersonRefused before anything is written.
 */
export async function muteMember(circleId: string, typed: string, until: Date, options: OperatorContext = {}): Promise<MuteDoc> {
  const { client, db } = ctx(options);
  const user = await requireCirclePerson(circleId, typed, 'mute', { client, db });
  const iso = until.toISOString();
  await editSecurity(client, circleId, (s) => {
    s.mutes = { ...(s.mutes ?? {}), [user]: iso };
  }, (s) => s.mutes?.[user] === iso);
  return putOwnCircleDoc<MuteDoc>(circleId, { _id: `mute:${user}`, type: 'mute', user, until: iso }, db);
}

export async function unmuteMember(circleId: string, user: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  await editSecurity(client, circleId, (s) => {
    const mutes = { ...(s.mutes ?? {}) };
    delete mutes[user];
    s.mutes = mutes;
  }, (s) => !s.mutes?.[user]);
  await deleteCircleDoc(circleId, `mute:${user}`, db);
}

// ---- Co-operators and the catalog entry ----

async function editCatalogEntry(client: HubClient, db: QuanziDB, circleId: string, change: (entry: CatalogEntry) => CatalogEntry): Promise<CatalogEntry> {
  const path = docPath('catalog', circleId);
  const entry = await client.get<CatalogEntry>(path);
  const next = change(entry);
  const answer = await client.put<{ rev: string }>(path, next);
  // Refresh this device's copy of the catalog (incremental: only what changed since the checkpoint).
  await syncCatalog({ client, db }).catch(() => undefined);
  return { ...next, _rev: answer.rev };
}

export async function listOperators(circleId: string, options: OperatorContext = {}): Promise<string[]> {
  const { client } = ctx(options);
  const security = await client.get<Partial<SecurityObject>>(securityPath(circleId));
  return [...(security.admins?.names ?? [])].sort();
}

/**
 * A co-operator becomes a db admin (rights) and is listed in the catalog entry (shown to everyone). Only a person
 * of the circle (circle-people.ts): any other name, or an operator's, throws PersonRefused before anything is written.
 */
export async function addCoOperator(circleId: string, typed: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  const user = await requireCirclePerson(circleId, typed, 'co-operator', { client, db });
  const add = (s: SecurityObject) => {
    if (!s.admins.names.includes(user)) s.admins.names.push(user);
  };
  const added = (s: SecurityObject) => Boolean(s.admins?.names?.includes(user));
  await editSecurity(client, circleId, add, added);
  await onRequestsDb(() => editSecurity(client, circleId, add, added, requestsSecurityPath(circleId)));
  await editCatalogEntry(client, db, circleId, (e) => ({ ...e, operators: [...new Set([...(e.operators ?? []), user])] }));
}

export async function removeCoOperator(circleId: string, user: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  // The catalog first: its rules refuse removing the last operator, before any right is taken away.
  await editCatalogEntry(client, db, circleId, (e) => ({ ...e, operators: (e.operators ?? []).filter((name) => name !== user) }));
  const remove = (s: SecurityObject) => {
    s.admins.names = s.admins.names.filter((name) => name !== user);
  };
  const removed = (s: SecurityObject) => !s.admins?.names?.includes(user);
  // Removing myself: the requests db first, while I still run it; after the circle's, an approval circle no longer
  // lets me read anything of it.
  const myself = (await currentAccount(db))?.name === user;
  await onRequestsDb(() => editSecurity(client, circleId, remove, removed, requestsSecurityPath(circleId), myself));
  await editSecurity(client, circleId, remove, removed, securityPath(circleId), myself);
}

/** Approval circles also have `requests_<id>`, run by the same operators; open circles have none (404). */
async function onRequestsDb(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof HubError && error.status === 404)) throw error;
  }
}

/** Operators may change only the description, the audience criteria and the statement names of their circle's entry. */
export async function editCircleDescription(
  circleId: string,
  changes: { description?: { zh: string; en: string }; audience?: unknown; merchants?: string[] },
  options: OperatorContext = {},
): Promise<CatalogEntry> {
  const { client, db } = ctx(options);
  return editCatalogEntry(client, db, circleId, (e) => ({
    ...e,
    ...(changes.description ? { description: { zh: changes.description.zh.trim(), en: changes.description.en.trim() } } : {}),
    ...('audience' in changes ? { audience: changes.audience } : {}),
    // An empty list rather than no field: provisioning adds the seed's names back to an entry that has none.
    ...(changes.merchants ? { merchants: changes.merchants } : {}),
  }));
}

export interface NewCircleRequest {
  id: string;
  policy: 'open' | 'approval';
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  topics?: Record<string, number>;
  merchants?: string[];
}

/** Asks the hub for a new circle run by me (the embedded hub provisions it at once). */
export async function requestNewCircle(request: NewCircleRequest, options: OperatorContext = {}): Promise<string> {
  const { client, db } = ctx(options);
  await signedInName(db);
  const answer = await client.post<{ id: string }>('_quanzi/circles', request);
  await syncCatalog({ client, db }).catch(() => undefined);
  return answer.id;
}

// ---- Events, group-buys, polls ----

export const createEvent = (circleId: string, event: NewDoc<EventDoc>, options: OperatorContext = {}) =>
  writeCircleDoc<EventDoc>(circleId, { ...event, type: 'event' }, options.db);
export const createOffer = (circleId: string, offer: NewDoc<OfferDoc>, options: OperatorContext = {}) =>
  writeCircleDoc<OfferDoc>(circleId, { ...offer, type: 'offer' }, options.db);
export const createPoll = (circleId: string, poll: NewDoc<PollDoc>, options: OperatorContext = {}) =>
  writeCircleDoc<PollDoc>(circleId, { ...poll, type: 'poll' }, options.db);

/** Closes a poll now (results show to everyone); keeps the author, so a co-operator may close it too. */
export const closePoll = (circleId: string, pollId: string, options: OperatorContext = {}) =>
  reviseCircleDoc<PollDoc>(circleId, pollId, { closed: true }, options.db);

// ---- Linked circles and shares ----

/**
 * Writes a deterministic doc into a circle: through the outbox when this device syncs that circle, else
 * straight to the hub (a linked circle the operator runs but does not read here); an existing doc is success.
 */
async function writeInto<T extends CircleDoc>(client: HubClient, db: QuanziDB, circleId: string, doc: NewDoc<T> & { _id: string }): Promise<void> {
  if ((await getMembership(circleId, db))?.status === 'joined') {
    await putOwnCircleDoc<T>(circleId, doc, db);
    return;
  }
  const author = await signedInName(db);
  const path = docPath(circleDbName(circleId), doc._id);
  try {
    await client.get(path);
    return; // already there (the id is deterministic): nothing to add
  } catch (error) {
    if (!(error instanceof HubError && error.status === 404)) throw error;
  }
  try {
    await client.put(path, { ...doc, author, createdAt: new Date().toISOString() });
  } catch (error) {
    if (!(error instanceof HubError && error.status === 409)) throw error;
  }
}

/** A link the operator cannot make: no circle by that id in the catalog, or one they do not run. */
export class LinkRefused extends Error {
  override name = 'LinkRefused';
  constructor(readonly code: 'no-circle' | 'not-operator', readonly otherId: string) {
    super(code === 'no-circle' ? `There is no circle ${otherId}.` : `You do not run ${otherId}.`);
  }
}

/**
 * Links two circles both ways (`link:<other>` in each). The operator must run both: checked against the catalog
 * first, and the other circle is written before this one, so a refusal there leaves no half link here (this
 * circle's doc goes through the outbox and would have shown as linked).
 */
export async function linkCircles(circleId: string, otherId: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  if (circleId === otherId) return;
  const other = (await loadCatalog(db)).find((circle) => circle._id === otherId);
  if (!other) throw new LinkRefused('no-circle', otherId);
  if (!other.operators?.includes(await signedInName(db))) throw new LinkRefused('not-operator', otherId);
  await writeInto<LinkDoc>(client, db, otherId, { _id: `link:${circleId}`, type: 'link', circleId });
  await writeInto<LinkDoc>(client, db, circleId, { _id: `link:${otherId}`, type: 'link', circleId: otherId });
}

export async function unlinkCircles(circleId: string, otherId: string, options: OperatorContext = {}): Promise<void> {
  await deleteCircleDoc(circleId, `link:${otherId}`, options.db);
}

/**
 * Shares a post of `fromCircleId` into the linked circle `toCircleId`, keeping its origin and author. The id
 * `share:<from>:<post>` makes a second share of the same post the same doc: never duplicated.
 */
export async function sharePost(fromCircleId: string, postId: string, toCircleId: string, options: OperatorContext = {}): Promise<string> {
  const { client, db } = ctx(options);
  const row = await getDocRow(fromCircleId, postId, db);
  if (!row || row.doc.type !== 'post') throw new Error(`no post ${postId} in ${fromCircleId} on this device`);
  const post = row.doc;
  const _id = shareId(fromCircleId, postId);
  await writeInto<ShareDoc>(client, db, toCircleId, {
    _id, type: 'share', origin: { circleId: fromCircleId, postId, author: post.author, createdAt: post.createdAt, text: post.text },
  });
  return _id;
}
