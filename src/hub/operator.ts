import { getDb, type QuanziDB } from '../db/schema';
import { getDocRow, getMembership } from '../db/circle-docs';
import { loadCatalog } from '../db/catalog';
import { shareId } from '../core/circles/content/shares';
import { syncCatalog } from './catalog-sync';
import { requireCirclePerson } from './circle-people';
import { HubError, docPath, hubClient, type HubClient } from './client';
import {
  circleDbName, requestsDbName, type CircleDoc, type EventDoc, type JoinRequestDoc, type LinkDoc, type MuteDoc, type OfferDoc,
  type PinDoc, type PollDoc, type RemovalDoc, type ShareDoc,
} from './doc-types';
import { deleteCircleDoc, putOwnCircleDoc, reviseCircleDoc, writeCircleDoc, type NewDoc } from './outbox';
import type { CatalogEntry, SecurityObject } from './provision';
import { seqString } from './replicator';
import { currentAccount, NotSignedInError } from './session';
import { sleep } from './sleep';

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

const ctx = (c: OperatorContext = {}) => ({ client: c.client ?? hubClient(), db: c.db ?? getDb() });

async function me(db: QuanziDB): Promise<string> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  return account.name;
}

const securityPath = (circleId: string) => `${encodeURIComponent(circleDbName(circleId))}/_security`;
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
async function editSecurity(
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

// ---- Join requests (approval circles) ----

export interface JoinRequests {
  pending: JoinRequestDoc[];
  decided: JoinRequestDoc[];
}

/** The circle's join requests, oldest first. Only operators may list them (the hub refuses anyone else). */
export async function listJoinRequests(circleId: string, options: OperatorContext = {}): Promise<JoinRequests> {
  const { client } = ctx(options);
  const all = await client.get<{ rows: { doc?: JoinRequestDoc }[] }>(`${encodeURIComponent(requestsDbName(circleId))}/_all_docs`, { query: { include_docs: true } });
  const requests = all.rows.map((r) => r.doc).filter((d): d is JoinRequestDoc => d?.type === 'request')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { pending: requests.filter((r) => !r.decision), decided: requests.filter((r) => r.decision) };
}

/** How long one wait for a new join request lasts on the hub; then it is asked again. */
const REQUESTS_LONGPOLL_MS = 25_000;
/** After a failed wait (offline, hub restarting), the next try comes this much later. */
const REQUESTS_RETRY_MS = 15_000;

/**
 * Calls `onChange` whenever the circle's join requests change (a new request, a withdrawal, a decision on another
 * device), through a longpoll on `requests_<id>/_changes`, so the operator sees a request as it arrives. One
 * connection while the operator screen is open. Returns a stop function.
 */
export function watchJoinRequests(circleId: string, onChange: () => void, options: OperatorContext & { timeoutMs?: number; retryMs?: number } = {}): () => void {
  const { client } = ctx(options);
  const stop = new AbortController();
  void (async () => {
    let since = 'now';
    while (!stop.signal.aborted) {
      try {
        const page = await client.get<{ results: unknown[]; last_seq: unknown }>(`${encodeURIComponent(requestsDbName(circleId))}/_changes`, {
          query: { feed: 'longpoll', since, timeout: options.timeoutMs ?? REQUESTS_LONGPOLL_MS },
          signal: stop.signal,
        });
        since = seqString(page.last_seq);
        if (page.results.length && !stop.signal.aborted) onChange();
      } catch {
        // Stopped (the request was aborted), or the hub is out of reach: try again a little later.
        await sleep(options.retryMs ?? REQUESTS_RETRY_MS, stop.signal);
      }
    }
  })();
  return () => stop.abort();
}

async function decide(client: HubClient, circleId: string, user: string, by: string, decision: 'approved' | 'denied', reason?: string): Promise<void> {
  const path = docPath(requestsDbName(circleId), `request:${user}`);
  const { reason: previous, ...current } = await client.get<JoinRequestDoc>(path);
  void previous;
  await client.put(path, { ...current, decision, ...(reason ? { reason } : {}), decidedBy: by, decidedAt: new Date().toISOString() });
}

/** Approve: the name goes into `_security` members first (so the member can read at once), then the decision. */
export async function approveRequest(circleId: string, user: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  const by = await me(db);
  await editSecurity(client, circleId, (s) => {
    if (!s.members.names.includes(user)) s.members.names.push(user);
  }, (s) => Boolean(s.members?.names?.includes(user)));
  await decide(client, circleId, user, by, 'approved');
}

/**
 * Deny, with a reason the person reads when the operator gives one (optional: an empty reason stores none, and the
 * person reads a whole sentence without it, src/ui/operator/denied-text.ts); a name approved earlier loses access.
 */
export async function denyRequest(circleId: string, user: string, reason: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  const by = await me(db);
  await editSecurity(client, circleId, (s) => {
    s.members.names = s.members.names.filter((name) => name !== user);
  }, (s) => !s.members?.names?.includes(user));
  await decide(client, circleId, user, by, 'denied', reason.trim() || undefined);
}

/**
 * Members who left an approval circle withdrew their `request:<name>` (they cannot edit `_security`). The
 * operator's app finishes the leave: a name whose request is now a tombstone goes out of the members. Names
 * without any request doc (added by hand or by the seed) are left alone. Returns the names removed.
 */
export async function removeDepartedMembers(circleId: string, options: OperatorContext = {}): Promise<string[]> {
  const { client } = ctx(options);
  const changes = await client.get<{ results: { id: string; deleted?: boolean }[] }>(
    `${encodeURIComponent(requestsDbName(circleId))}/_changes`, { query: { style: 'main_only' } });
  const withdrawn = new Set(changes.results.filter((c) => c.deleted && c.id.startsWith('request:')).map((c) => c.id.slice('request:'.length)));
  if (!withdrawn.size) return [];
  const current = await client.get<SecurityObject>(securityPath(circleId));
  const departed = (current.members?.names ?? []).filter((name) => withdrawn.has(name));
  if (!departed.length) return [];
  await editSecurity(client, circleId, (s) => {
    s.members.names = s.members.names.filter((name) => !departed.includes(name));
  }, (s) => !departed.some((name) => s.members?.names?.includes(name)));
  return departed;
}

/**
 * Someone who left and joined again before the operator's app looked (or an operator back in their own circle) asks
 * again while still let in: their request is not a new person at the door, so the app settles it as approved rather
 * than putting it in the operator's queue. Returns the names settled.
 */
export async function settleReturningMembers(circleId: string, options: OperatorContext = {}): Promise<string[]> {
  const { client, db } = ctx(options);
  const { pending } = await listJoinRequests(circleId, options);
  if (!pending.length) return [];
  const security = await client.get<SecurityObject>(securityPath(circleId));
  const inside = new Set([...(security.members?.names ?? []), ...(security.admins?.names ?? [])]);
  const returning = pending.filter((request) => inside.has(request.user)).map((request) => request.user);
  if (!returning.length) return [];
  const by = await me(db);
  for (const user of returning) await decide(client, circleId, user, by, 'approved');
  return returning;
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
 * person of the circle (circle-people.ts): any other name throws NotInCircle before anything is written.
 */
export async function muteMember(circleId: string, typed: string, until: Date, options: OperatorContext = {}): Promise<MuteDoc> {
  const { client, db } = ctx(options);
  const user = await requireCirclePerson(circleId, typed, { client, db });
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
 * of the circle (circle-people.ts): any other name throws NotInCircle before anything is written.
 */
export async function addCoOperator(circleId: string, typed: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  const user = await requireCirclePerson(circleId, typed, { client, db });
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
  await me(db);
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
  const author = await me(db);
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
  if (!other.operators?.includes(await me(db))) throw new LinkRefused('not-operator', otherId);
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
