import { CATALOG_STREAM, pendingCount } from './circle-docs';
import { getDb, type QuanziDB } from './schema';

/**
 * What on this device belongs to the hub account signed in, rather than to the person whose statements these are:
 * the circles joined, their cached content (approval circles' included), drafts, writes not yet sent, notices.
 * Signing out, or another account signing in, takes it all off the device: the next account must not read the
 * last one's circles or find its draft in the composer (where Post would send it under the wrong name). The
 * account's circles come back at its next sign-in, from its circle list on the hub.
 *
 * Statements, the profile, rules, mappings, dismissed suggestions and the public catalog stay: they are the
 * device's, and "Delete everything" is there for a shared device. So do operators' claim keys (trust.sealKey.*):
 * deleting the only copy would leave sealed claims unreadable for good.
 */
// The account's notices seen and alerted, and its trust answers: the claims it made (which read as refused to the
// next account when no claim doc of theirs is found), the noise coins of its answers, the questions it declined.
const ACCOUNT_SETTING_PREFIXES = ['notices.', 'trust.claimedOrderIds', 'trust.answerCoins', 'trust.declinedQuestions'];

/** What signing out would lose: writes the hub has not accepted yet, and drafts with text in them. */
export async function unsentWork(db: QuanziDB = getDb()): Promise<{ writes: number; drafts: number }> {
  const [writes, drafts] = await Promise.all([
    pendingCount(undefined, db),
    db.drafts.filter((draft) => draft.text.trim() !== '').count(),
  ]);
  return { writes, drafts };
}

/** True when the device holds circles (or their leftovers) of some account. */
export async function holdsAccountCircles(db: QuanziDB = getDb()): Promise<boolean> {
  const counts = await Promise.all([db.memberships.count(), db.circleDocs.count(), db.outbox.count(), db.drafts.count()]);
  return counts.some((n) => n > 0);
}

/** Takes the account's circle data off the device, in one transaction: all of it goes, or none. */
export async function forgetAccountCircles(db: QuanziDB = getDb()): Promise<void> {
  await db.transaction('rw', [db.memberships, db.circleDocs, db.outbox, db.drafts, db.notifications, db.checkpoints, db.settings], async () => {
    await Promise.all([db.memberships.clear(), db.circleDocs.clear(), db.outbox.clear(), db.drafts.clear(), db.notifications.clear()]);
    await db.checkpoints.where('stream').notEqual(CATALOG_STREAM).delete();
    await db.settings.filter((row) => ACCOUNT_SETTING_PREFIXES.some((prefix) => row.key.startsWith(prefix))).delete();
  });
}
