import { getDb, type QuanziDB } from './schema';
import type { CircleDocRow } from './circle-docs';

/** A `mute:<user>` record as the circle's docs carry it: what the app shows (the hub enforces `_security.mutes`). */
export interface MuteRecord { user: string; until: string }

/**
 * The circle's `mute:<user>` records on this device, whether or not they have ended (the page decides that against
 * its clock). A rejected local write or an unmute waiting to send (a deleted doc) does not count.
 */
export async function loadMutes(circleId: string, db: QuanziDB = getDb()): Promise<MuteRecord[]> {
  // Mute records are `mute:<user>`: a key range on the primary key, not the whole circle (10k docs and more).
  const rows = (await db.circleDocs.where('[circleId+docId]').between([circleId, 'mute:'], [circleId, 'mute:\uffff']).toArray()) as unknown as CircleDocRow[];
  return rows
    .filter((row) => row.state !== 'rejected' && !row.doc._deleted)
    .map((row) => row.doc as unknown as Partial<MuteRecord>)
    .filter((doc): doc is MuteRecord => typeof doc.user === 'string' && typeof doc.until === 'string')
    .map(({ user, until }) => ({ user, until }));
}
