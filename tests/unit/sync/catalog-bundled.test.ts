import { describe, expect, it } from 'vitest';
import { ensureCatalog } from '../../../src/hub/catalog-sync';
import bundled from '../../../src/hub/seed/catalog.json';
import { freshDb } from './hub-fixture';

describe('catalog without a hub', () => {
  it('falls back to the bundled catalog, keyed by id, in the catalog.json shape', async () => {
    const db = freshDb();
    expect(await ensureCatalog(db)).toBe('bundled');
    const rows = await db.catalog.toArray();
    expect(rows).toHaveLength(bundled.length);
    const first = bundled[0]!;
    expect(await db.catalog.get(first._id)).toEqual({ ...first, id: first._id });
    expect(await ensureCatalog(db)).toBe('present');
  });
});
