import { advanceNoticesSeen, NOTICES_SEEN_KEY, NOTICES_SEEN_SHARED_KEY } from '../db/circle-content';
import { getDb, type QuanziDB } from '../db/schema';
import { getSetting } from '../db/settings';
import { noteNoticesSeen } from './account-circles';
import { hubClient, HubError, type HubClient } from './client';
import { currentAccount } from './session';

/**
 * How far the account has read its notices travels with the account (its `_users` doc), so that a device which gets
 * the account's circles back at a sign-in can tell the replies and decisions the person has not seen anywhere from
 * old news. Only a time goes to the hub: no notice, no circle content, nothing from payments or the profile.
 */

/**
 * Tells the hub when this device has read further than the hub knows. Quiet when signed out or offline: the next
 * read, or the next time the browser is online, tries again.
 */
export async function shareNoticesSeen(client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<void> {
  const account = await currentAccount(db);
  if (!account) return;
  const [seen, shared] = await Promise.all([
    getSetting<string | undefined>(NOTICES_SEEN_KEY, undefined, db),
    getSetting<string | undefined>(NOTICES_SEEN_SHARED_KEY, undefined, db),
  ]);
  if (!seen || (shared !== undefined && shared >= seen)) return;
  try {
    await noteNoticesSeen(client, account.name, seen);
    await advanceNoticesSeen(seen, db, NOTICES_SEEN_SHARED_KEY);
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
  }
}

/** What the hub said at a sign-in: taken on as this device's own, and known to be on the hub already. */
export async function adoptNoticesSeen(until: string | undefined, db: QuanziDB = getDb()): Promise<void> {
  if (!until) return;
  await advanceNoticesSeen(until, db);
  await advanceNoticesSeen(until, db, NOTICES_SEEN_SHARED_KEY);
}
