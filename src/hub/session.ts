import { getSetting, setSetting } from '../db/settings';
import { getDb, type QuanziDB } from '../db/schema';
import { forgetAccountCircles } from '../db/account-data';
import { CIRCLE_LIST_FIELD } from './account-circles';
import { HubError, hubClient, type HubClient } from './client';

/**
 * Accounts on the hub: CouchDB `_users` for sign-up and the `_session` cookie for sign-in. The user name
 * IS the pseudonym shown next to posts; the account holds nothing else (no payment data, no profile).
 * The signed-in name is remembered locally so the feed works offline and new posts get their author.
 */
export const ACCOUNT_KEY = 'hub.account';
const NAME_PATTERN = /^[\p{L}\p{N}_.-]{3,32}$/u;

export interface Account {
  name: string;
  roles: string[];
  signedInAt: string;
  /** The hub stopped recognising this device's session (it expired while the app was away): sign in again. */
  sessionEnded?: boolean;
  /** Brought by a restored backup, which holds no hub session: a 401 then means "sign in here", not "expired". */
  fromBackup?: boolean;
}

export type AccountErrorCode = 'bad-name' | 'bad-password' | 'taken' | 'wrong-credentials' | 'offline' | 'hub';

export class AccountError extends Error {
  constructor(readonly code: AccountErrorCode, message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

/** Writing to a circle needs an account: the author of every doc is the signed-in pseudonym. */
export class NotSignedInError extends Error {
  constructor() {
    super('Sign in first');
    this.name = 'NotSignedInError';
  }
}

export function validatePseudonym(name: string): AccountErrorCode | undefined {
  return NAME_PATTERN.test(name) ? undefined : 'bad-name';
}

function asAccountError(error: unknown): AccountError {
  if (error instanceof AccountError) return error;
  if (error instanceof HubError) {
    if (error.status === 0) return new AccountError('offline', error.reason);
    if (error.status === 409) return new AccountError('taken', error.reason);
    if (error.status === 401) return new AccountError('wrong-credentials', error.reason);
    return new AccountError('hub', error.message);
  }
  return new AccountError('hub', String(error));
}

export async function signUp(name: string, password: string, client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<Account> {
  if (validatePseudonym(name)) throw new AccountError('bad-name', name);
  if (password.length < 8) throw new AccountError('bad-password', 'password shorter than 8 characters');
  try {
    // What CouchDB needs (name, password, type, roles) and the account's circle list, empty. Nothing about payments.
    await client.put(`_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`, { _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user', [CIRCLE_LIST_FIELD]: [] });
  } catch (error) {
    // An existing name: CouchDB answers 409; pouchdb-server answers 403 "You may only update your own user document".
    if (error instanceof HubError && (error.status === 409 || error.status === 403)) throw new AccountError('taken', error.reason);
    throw asAccountError(error);
  }
  return signIn(name, password, client, db);
}

export async function signIn(name: string, password: string, client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<Account> {
  try {
    const answer = await client.post<{ ok: boolean; name: string; roles: string[] }>('_session', { name, password });
    // The new session's cookie replaced the old one: a sign-out still waiting must not end this one.
    markSignOutPending(false);
    const account: Account = { name: answer.name ?? name, roles: answer.roles ?? [], signedInAt: new Date().toISOString() };
    // Circles left by another account (its session ended, and someone else signs in) are not this account's.
    if ((await currentAccount(db))?.name !== account.name) await forgetAccountCircles(db);
    await setSetting(ACCOUNT_KEY, account, db);
    await restoreMembershipsDeniedForSignIn(db);
    return account;
  } catch (error) {
    throw asAccountError(error);
  }
}

/**
 * Signs this device out, and takes the account's circles off it (src/db/account-data.ts); false when the hub could
 * not be told yet (offline), and will be at the next chance.
 */
export async function signOut(client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<boolean> {
  const confirmed = await endHubSession(client);
  await forgetAccountCircles(db);
  await db.settings.delete(ACCOUNT_KEY);
  return confirmed;
}

/**
 * The hub's AuthSession cookie is HttpOnly: only the hub can end it. When it cannot be reached, this flag (no name,
 * no data) survives "delete everything" in localStorage, and the next start or return online ends the session
 * before anyone else at this browser can act as that account. Signing in replaces the cookie, so it clears the flag.
 */
const SIGN_OUT_PENDING = 'quanzi.hubSignOutPending';

/** Fired on the page when the flag changes, so a warning about it can come and go. */
const SIGN_OUT_PENDING_CHANGED = 'quanzi-hub-sign-out-pending';

function markSignOutPending(pending: boolean): void {
  try {
    if (pending === hubSignOutPending()) return;
    if (pending) localStorage.setItem(SIGN_OUT_PENDING, '1');
    else localStorage.removeItem(SIGN_OUT_PENDING);
    globalThis.dispatchEvent?.(new Event(SIGN_OUT_PENDING_CHANGED));
  } catch {
    // No storage (a worker, or storage turned off): nothing to remember with.
  }
}

/** Calls `listener` whenever a sign-out starts or stops waiting for the hub; returns the unsubscribe. */
export function onSignOutPendingChange(listener: () => void): () => void {
  if (typeof addEventListener !== 'function') return () => undefined;
  addEventListener(SIGN_OUT_PENDING_CHANGED, listener);
  return () => removeEventListener(SIGN_OUT_PENDING_CHANGED, listener);
}

export function hubSignOutPending(): boolean {
  try {
    return localStorage.getItem(SIGN_OUT_PENDING) !== null;
  } catch {
    return false;
  }
}

/** Tabs of this browser share the cookie: one signing out tells the others to cut their requests too. */
const SESSION_CHANNEL = 'quanzi-hub-session';
/** This tab's mark on its own message: other channel objects in the same tab hear it too, and must not cut its sign-out. */
const THIS_TAB = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** In each tab that syncs: another tab's sign-out cuts this tab's requests, whose answers would renew the cookie. */
export function cutRequestsOnSignOutElsewhere(client: HubClient = hubClient()): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.onmessage = (event: MessageEvent<{ signingOut?: string }>) => {
    if (event.data?.signingOut && event.data.signingOut !== THIS_TAB) client.cutRequests();
  };
  return () => channel.close();
}

function announceSignOut(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage({ signingOut: THIS_TAB });
  channel.close();
}

/** Sign-out rounds before giving up for now: each answer that slipped in and renewed the cookie costs one. */
const SIGN_OUT_ROUNDS = 3;
/** Every other request waits while the sign-out runs: a hub that never answers must not hold them for long. */
const SIGN_OUT_STEP_MS = 10_000;

/**
 * Ends this browser's session on the hub; false when the hub could not confirm it (offline), to be retried.
 * Every answer from the hub renews the cookie, so the sign-out runs with no other request under way (`alone`),
 * and is checked: a renewal that still slipped in (another tab's answer) is signed out again.
 */
export async function endHubSession(client: HubClient = hubClient(), stepMs = SIGN_OUT_STEP_MS): Promise<boolean> {
  announceSignOut();
  try {
    const ended = await client.alone(async () => {
      for (let round = 0; round < SIGN_OUT_ROUNDS; round++) {
        await client.delete('_session', { exclusive: true, signal: AbortSignal.timeout(stepMs) });
        const answer = await client.get<{ userCtx: { name: string | null } }>('_session', { exclusive: true, signal: AbortSignal.timeout(stepMs) });
        if (!answer.userCtx.name) return true;
      }
      return false;
    });
    markSignOutPending(!ended);
    return ended;
  } catch {
    markSignOutPending(true);
    return false;
  }
}

/** At start and on coming back online: a sign-out that could not reach the hub is finished. */
export async function finishPendingHubSignOut(client: HubClient = hubClient()): Promise<void> {
  if (hubSignOutPending()) await endHubSession(client);
}

/**
 * The hub answered 401: the session is over (cookies expire after a while away). The account stays (the feed and
 * drafts keep working offline, new posts keep their author); syncing waits until the person signs in again.
 */
export async function noteSessionEnded(db: QuanziDB = getDb()): Promise<void> {
  const account = await currentAccount(db);
  if (account && !account.sessionEnded) await setSetting(ACCOUNT_KEY, { ...account, sessionEnded: true }, db);
}

/**
 * Earlier versions took a 401 (an expired session) for a refusal and marked the circle denied. Those circles are
 * the person's again once signed in.
 */
async function restoreMembershipsDeniedForSignIn(db: QuanziDB): Promise<void> {
  await db.memberships
    .filter((m) => (m as { status?: string }).status === 'denied' && /^401 /.test(String((m as { reason?: string }).reason ?? '')))
    .modify((m) => {
      const row = m as { status?: string; reason?: string };
      row.status = 'joined';
      delete row.reason;
    });
}

/** The remembered account (works offline). */
export async function currentAccount(db: QuanziDB = getDb()): Promise<Account | undefined> {
  return getSetting<Account | undefined>(ACCOUNT_KEY, undefined, db);
}

/** The signed-in account's name, for a step that cannot be taken signed out (it throws NotSignedInError). */
export async function signedInName(db: QuanziDB = getDb()): Promise<string> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  return account.name;
}

/** Asks the hub whether the cookie is still valid; `undefined` when the hub says nobody is signed in. */
export async function checkSession(client: HubClient = hubClient()): Promise<string | undefined> {
  const answer = await client.get<{ userCtx: { name: string | null } }>('_session');
  return answer.userCtx.name ?? undefined;
}
