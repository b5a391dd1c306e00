import { CATALOG_STREAM, getCheckpoint } from '../db/circle-docs';
import { getDb, type QuanziDB } from '../db/schema';
import { hubClient, type HubClient } from './client';
import { seqString, type ChangesResponse } from './replicator';

/**
 * The catalog is the same for everyone and downloaded whole (the first `_changes` from 0 is the whole
 * database), then kept current incrementally from the checkpoint. Never filtered per person: matching runs
 * on the device. Rows in `db.catalog` have the shape of src/hub/seed/catalog.json with `id` = the doc `_id`.
 */
export const CATALOG_DB = 'catalog';
const CATALOG_SOURCE_KEY = 'catalog.source';
const PAGE = 1000;

type CatalogRow = Record<string, unknown> & { id: string };

/** The catalog.json shape (with `_id`, as src/core/circles expects) plus `id`, the Dexie key; no `_rev`. */
function toRow(doc: Record<string, unknown>): CatalogRow {
  const { _rev, ...rest } = doc;
  void _rev;
  return { ...rest, id: String(doc._id) };
}

export async function syncCatalog(options: { client?: HubClient; db?: QuanziDB; signal?: AbortSignal } = {}): Promise<{ changes: number }> {
  const client = options.client ?? hubClient();
  const db = options.db ?? getDb();
  let since = await getCheckpoint(CATALOG_STREAM, db);
  let changes = 0;
  for (;;) {
    const page = await client.get<ChangesResponse>(`${CATALOG_DB}/_changes`, {
      query: { since: since ?? '0', include_docs: true, limit: PAGE, style: 'main_only' },
      signal: options.signal,
    });
    const lastSeq = seqString(page.last_seq);
    const firstDownload = since === undefined;
    await db.transaction('rw', [db.catalog, db.checkpoints, db.settings], async () => {
      // The bundled copy (offline fallback) is replaced, not merged, by the hub's catalog.
      if (firstDownload) await db.catalog.clear();
      const live = page.results.filter((r) => !r.deleted && r.doc && !r.id.startsWith('_design/'));
      const gone = page.results.filter((r) => r.deleted).map((r) => r.id);
      if (gone.length) await db.catalog.bulkDelete(gone);
      if (live.length) await db.catalog.bulkPut(live.map((r) => toRow(r.doc as unknown as Record<string, unknown>)));
      await db.checkpoints.put({ stream: CATALOG_STREAM, since: lastSeq });
      await db.settings.put({ key: CATALOG_SOURCE_KEY, value: 'hub' });
    });
    changes += page.results.length;
    since = lastSeq;
    if (page.results.length < PAGE) return { changes };
  }
}

/** Without a hub (first start offline): fill the catalog from the copy bundled with the app. */
export async function ensureCatalog(db: QuanziDB = getDb()): Promise<'present' | 'bundled'> {
  if ((await db.catalog.count()) > 0) return 'present';
  // A glob, not an import: the build stays green whether or not the seed file is present yet.
  const loaders = import.meta.glob<unknown>('./seed/catalog.json', { import: 'default' });
  const load = Object.values(loaders)[0];
  if (!load) return 'present';
  const module = await load();
  const bundled = (Array.isArray(module) ? module : (module as { circles: Record<string, unknown>[] }).circles) as Record<string, unknown>[];
  const rows = bundled.map((entry) => ('_id' in entry ? toRow(entry) : (entry as CatalogRow)));
  await db.transaction('rw', [db.catalog, db.settings], async () => {
    await db.catalog.bulkPut(rows);
    await db.settings.put({ key: CATALOG_SOURCE_KEY, value: 'bundled' });
  });
  return 'bundled';
}
