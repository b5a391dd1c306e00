import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { QuanziDB } from '../../src/db/schema';

const TABLES = ['txChunks', 'imports', 'rules', 'csvMappings', 'profile', 'catalog', 'memberships', 'dismissals',
  'circleDocs', 'checkpoints', 'outbox', 'drafts', 'notifications', 'settings'];

// A frozen copy of the released version(1) stores: what a device that installed the first release holds.
const V1_STORES = {
  txChunks: '++id, importId',
  imports: 'id, importedAt',
  rules: 'id',
  csvMappings: 'signature',
  profile: 'id',
  catalog: 'id',
  memberships: 'circleId, status',
  dismissals: 'circleId',
  circleDocs: '[circleId+docId], circleId, [circleId+type], updatedAt',
  checkpoints: 'stream',
  outbox: '++seq, &opId, circleId, status',
  drafts: 'key',
  notifications: '++id, createdAt, read',
  settings: 'key',
};

let counter = 0;
const freshName = () => `schema-test-${++counter}-${Date.now()}`;

describe('QuanziDB schema', () => {
  it('opens from an empty database with every table the later work needs', async () => {
    const db = new QuanziDB(freshName());
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    expect(db.tables.map((table) => table.name).sort()).toEqual(expect.arrayContaining(TABLES));
    for (const name of TABLES) expect(await db.table(name).count()).toBe(0);
    db.close();
  });

  it('upgrades a version-1 database written by the first release without losing rows', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    await v1.open();
    await v1.table('imports').add({ id: 'imp1', fileName: 'alipay.csv', format: 'alipay', importedAt: '2026-01-01T00:00:00Z', added: 2, duplicates: 0, skipped: 0 });
    await v1.table('txChunks').add({ importId: 'imp1', rows: [{ id: 'a' }, { id: 'b' }] });
    await v1.table('circleDocs').add({ circleId: 'c1', docId: 'post:1', type: 'post', updatedAt: '2026-01-02' });
    await v1.table('outbox').add({ opId: 'op1', circleId: 'c1', status: 'pending' });
    await v1.table('settings').put({ key: 'shell.locale', value: 'en' });
    v1.close();

    const db = new QuanziDB(name);
    await db.open();
    expect(await db.imports.get('imp1')).toMatchObject({ fileName: 'alipay.csv', added: 2 });
    expect((await db.txChunks.where('importId').equals('imp1').first())?.rows).toHaveLength(2);
    // Version 2 keeps circle docs by their primary key only; the circleId prefix still answers queries.
    expect(await db.circleDocs.where('circleId').equals('c1').toArray()).toEqual([{ circleId: 'c1', docId: 'post:1', type: 'post', updatedAt: '2026-01-02' }]);
    expect(db.circleDocs.schema.indexes.map((index) => index.name)).toEqual([]);
    expect(await db.outbox.where('opId').equals('op1').count()).toBe(1);
    expect(await db.settings.get('shell.locale')).toEqual({ key: 'shell.locale', value: 'en' });
    db.close();
  });

  it('keeps data when a later version is appended (the migration rule for every future change)', async () => {
    const name = freshName();
    const current = new QuanziDB(name);
    await current.open();
    await current.rules.put({ id: 'r1', pattern: '星巴克', category: 'coffee' });
    const currentVersion = current.verno;
    current.close();

    class NextQuanziDB extends QuanziDB {
      constructor(dbName: string) {
        super(dbName);
        this.version(currentVersion + 1)
          .stores({ rules: 'id, category', futureTable: 'id' })
          .upgrade((tx) => tx.table('rules').toCollection().modify((rule) => { rule.migrated = true; }));
      }
    }
    const next = new NextQuanziDB(name);
    await next.open();
    expect(next.verno).toBe(currentVersion + 1);
    expect(await next.rules.where('category').equals('coffee').toArray()).toEqual([
      { id: 'r1', pattern: '星巴克', category: 'coffee', migrated: true },
    ]);
    next.close();
  });

  it('refuses a unique outbox opId twice (a lost response is detected by opId)', async () => {
    const db = new QuanziDB(freshName());
    await db.outbox.add({ opId: 'same', circleId: 'c', status: 'pending' });
    await expect(db.outbox.add({ opId: 'same', circleId: 'c', status: 'pending' })).rejects.toThrow();
    db.close();
  });
});
