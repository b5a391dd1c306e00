import { describe, expect, it } from 'vitest';
import { loadCatalog, loadCatalogCircle } from '../../../src/db/catalog';
import { QuanziDB } from '../../../src/db/schema';

let dbCounter = 0;
const freshDb = () => new QuanziDB(`catalog-test-${++dbCounter}`);

describe('one circle of the catalog', () => {
  it('comes from the copy bundled with the app until the first sync stored a catalog', async () => {
    const db = freshDb();
    const bundled = (await loadCatalog(db)).find((circle) => circle._id === 'coffee-luckin-sh');
    expect(bundled).toBeDefined();
    expect(await loadCatalogCircle('coffee-luckin-sh', db)).toEqual(bundled);
    expect(await loadCatalogCircle('no-such-circle', db)).toBeUndefined();
  });

  it('comes from the synced catalog once there is one, as loadCatalog reads it, and a circle it lacks is not taken from the bundle', async () => {
    const db = freshDb();
    await db.catalog.bulkPut([
      { id: 'tea-sh', _id: 'tea-sh', name: { zh: '茶', en: 'Tea' }, topics: { tea: 1 }, audience: { all: 'not criteria' } },
      { id: 'books-sh', _id: 'books-sh', name: { zh: '书', en: 'Books' }, topics: { books: 1 } },
    ]);
    const tea = await loadCatalogCircle('tea-sh', db);
    expect(tea).toEqual((await loadCatalog(db)).find((circle) => circle._id === 'tea-sh'));
    // The malformed audience is read the same way as in the whole catalog: nobody meets it.
    expect(tea?.audience).toEqual({ any: [] });
    expect(await loadCatalogCircle('coffee-luckin-sh', db)).toBeUndefined();
  });
});
