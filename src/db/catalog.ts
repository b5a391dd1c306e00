import { checkCriteria, type Circle, type Criteria } from '../core/circles';
import bundled from '../hub/seed/catalog.json';
import { CATALOG_STREAM } from './circle-docs';
import { getDb, type QuanziDB } from './schema';

/** Criteria nobody meets: a circle whose audience cannot be read stays listed but is never suggested. */
const UNREADABLE_AUDIENCE: Criteria = { any: [] };

/**
 * The catalog comes from operators everywhere; an audience is checked before the matcher sees it, so one
 * malformed entry cannot break suggestions on every device.
 */
export function readCircle(row: Record<string, unknown>): Circle {
  const circle = { ...(row as unknown as Circle), _id: (row._id as string | undefined) ?? (row.id as string) };
  if (circle.audience === undefined) return circle;
  const checked = checkCriteria(circle.audience);
  return { ...circle, audience: checked.ok ? checked.criteria : UNREADABLE_AUDIENCE };
}

/** The circle catalog: what the hub sync stored in db.catalog (id = _id), else the copy bundled with the app. */
export async function loadCatalog(db: QuanziDB = getDb()): Promise<Circle[]> {
  const rows = await db.catalog.toArray();
  return (rows.length ? rows : (bundled as unknown as Record<string, unknown>[])).map(readCircle);
}

/**
 * One circle of the catalog, read as loadCatalog reads it (the bundled copy until the first sync stored one),
 * without reading the other thousands: a circle page needs its own circle's topics.
 */
export async function loadCatalogCircle(circleId: string, db: QuanziDB = getDb()): Promise<Circle | undefined> {
  const row = await db.catalog.get(circleId);
  if (row) return readCircle(row);
  if (await db.catalog.count()) return undefined;
  const fallback = (bundled as unknown as Record<string, unknown>[]).find((circle) => (circle._id ?? circle.id) === circleId);
  return fallback && readCircle(fallback);
}

/**
 * Changes whenever the stored catalog does: the hub sync's checkpoint moves with every change it stores, and the
 * row count tells the bundled copy from none. Cheap to read, so a worker can keep its parsed catalog until then.
 */
export async function catalogVersion(db: QuanziDB = getDb()): Promise<string> {
  const [checkpoint, rows] = await Promise.all([db.checkpoints.get(CATALOG_STREAM), db.catalog.count()]);
  return `${checkpoint?.since ?? '-'}|${rows}`;
}
