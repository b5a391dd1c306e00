import { docPath, HubError, type HubClient } from './client';
import { requestsDbName, type JoinRequestDoc } from './doc-types';
import { ctx, editSecurity, securityPath, type OperatorContext } from './operator';
import { signedInName } from './session';
import type { SecurityObject } from './provision';
import { seqString } from './replicator';
import { sleep } from './sleep';

/**
 * The operator's join queue of an approval circle: the requests in `requests_<id>`, watched as they arrive, and the
 * decisions, which change the circle's `_security` members (src/hub/operator.ts edits it) and the request doc the
 * person reads.
 */
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

/**
 * Writes the decision on the person's request. A member let in without one (the demo seed, or by hand) gets one
 * written for them when taken out, so that their app reads the decision as it reads any refusal.
 */
async function decide(client: HubClient, circleId: string, user: string, by: string, decision: 'approved' | 'denied', reason?: string): Promise<void> {
  const path = docPath(requestsDbName(circleId), `request:${user}`);
  const decidedAt = new Date().toISOString();
  const found = await client.get<JoinRequestDoc>(path).catch((error) => {
    if (error instanceof HubError && error.status === 404) return undefined;
    throw error;
  });
  const { reason: previous, ...current } = found ?? { _id: `request:${user}`, type: 'request' as const, user, createdAt: decidedAt };
  void previous;
  await client.put(path, { ...current, decision, ...(reason ? { reason } : {}), decidedBy: by, decidedAt });
}

/** Approve: the name goes into `_security` members first (so the member can read at once), then the decision. */
export async function approveRequest(circleId: string, user: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  const by = await signedInName(db);
  await editSecurity(client, circleId, (s) => {
    if (!s.members.names.includes(user)) s.members.names.push(user);
  }, (s) => Boolean(s.members?.names?.includes(user)));
  await decide(client, circleId, user, by, 'approved');
}

/**
 * Deny, with a reason the person reads when the operator gives one (optional: an empty reason stores none, and the
 * person reads a whole sentence without it, src/ui/operator/denied-text.ts); a name approved earlier loses access.
 * The decision is written first: a member's app reads it when the hub first refuses them, which can be the moment
 * the name leaves `_security`.
 */
export async function denyRequest(circleId: string, user: string, reason: string, options: OperatorContext = {}): Promise<void> {
  const { client, db } = ctx(options);
  const by = await signedInName(db);
  await decide(client, circleId, user, by, 'denied', reason.trim() || undefined);
  await editSecurity(client, circleId, (s) => {
    s.members.names = s.members.names.filter((name) => name !== user);
  }, (s) => !s.members?.names?.includes(user));
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
  const by = await signedInName(db);
  for (const user of returning) await decide(client, circleId, user, by, 'approved');
  return returning;
}
