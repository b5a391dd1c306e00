import type { Circle } from '../core/circles';
import bundled from '../hub/seed/catalog.json';
import { getDb, type QuanziDB } from './schema';

/** The circle catalog: what the hub sync stored in db.catalog (id = _id), else the copy bundled with the app. */
export async function loadCatalog(db: QuanziDB = getDb()): Promise<Circle[]> {
  const rows = await db.catalog.toArray();
  if (!rows.length) return bundled as unknown as Circle[];
  return rows.map((row) => ({ ...(row as unknown as Circle), _id: (row as { _id?: string })._id ?? row.id }));
}
