import { loadCatalogCircle } from '../db/catalog';
import { pendingCount, purgeCircle } from '../db/circle-docs';
import { getDb, type QuanziDB } from '../db/schema';
import { readCircleRecord } from './account-circles';
import type { HubClient } from './client';
import { listMemberships, type Membership } from './membership';
import { currentAccount } from './session';

/**
 * Leaves made on the account's other devices, followed here. A leave takes the circle out of the account's circle
 * list once the hub heard it (src/hub/account-circles.ts), and every join puts it in before asking the hub, so a
 * circle this device holds that the list no longer names was left elsewhere. Without it, this device kept syncing,
 * notifying and posting in a circle the account had left, until the next sign-in. An account without a list (older
 * ones) names the circles it left instead.
 *
 * Left alone: the circles the catalog says the account operates (their list entry is not what keeps them in), and a
 * circle with writes still waiting to be sent: what the person wrote on this device goes out first, as it would have
 * had the leave come a moment later.
 *
 * Returns the circles left here.
 */
export async function followLeavesElsewhere(client: HubClient, db: QuanziDB = getDb()): Promise<string[]> {
  const account = await currentAccount(db);
  if (!account || account.sessionEnded) return [];
  // Read before the list: a join finished after this read is not judged by a list read before the join listed it.
  const held = (await listMemberships(db)).filter((m) => m.status === 'joined' || m.status === 'requested');
  if (!held.length) return [];
  const record = await readCircleRecord(client, account.name);
  const leftElsewhere = (m: Membership): boolean => (record.list ? !record.list.includes(m.circleId) : record.removed.includes(m.circleId));
  const left: string[] = [];
  for (const membership of held.filter(leftElsewhere)) {
    // Only the few circles in question are looked up, not the whole catalog once a minute.
    if ((await loadCatalogCircle(membership.circleId, db))?.operators?.includes(account.name)) continue;
    if (await pendingCount(membership.circleId, db)) continue;
    // Joined again here meanwhile: that join listed the circle after the read above.
    const now = (await db.memberships.get(membership.circleId)) as Membership | undefined;
    if (now?.joinedAt !== membership.joinedAt) continue;
    await purgeCircle(membership.circleId, db);
    left.push(membership.circleId);
  }
  return left;
}
