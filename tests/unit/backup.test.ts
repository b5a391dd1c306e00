import { describe, expect, it } from 'vitest';
import type { Table } from 'dexie';
import { QuanziDB } from '../../src/db/schema';
import { BackupError, BACKUP_FORMAT, exportBackup, parseBackup, restoreBackup, rowCount } from '../../src/db/backup';
import { ACCOUNT_KEY } from '../../src/hub/session';
import { listOutboxHistory } from '../../src/db/circle-docs';
import { sentItems } from '../../src/ui/trust/trust-view';

let counter = 0;
const freshDb = () => new QuanziDB(`backup-test-${++counter}-${Date.now()}`);

/**
 * Rows for any table, built from its declared primary key and indexes, so tables added by later schema
 * versions are covered without touching this test.
 */
function sampleRows(table: Table, count: number): Record<string, unknown>[] {
  const { primKey, indexes } = table.schema;
  const keyFields = (Array.isArray(primKey.keyPath) ? primKey.keyPath : [primKey.keyPath]).filter(Boolean) as string[];
  const indexFields = indexes.flatMap((index) => (Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath])) as string[];
  return Array.from({ length: count }, (_, i) => {
    const row: Record<string, unknown> = {
      note: `${table.name} 第${i}行 ✓`,
      amountMinor: 1234 + i,
      nested: { list: [1, 'two', { three: null }], flag: i % 2 === 0 },
      when: new Date(Date.UTC(2026, 0, i + 1)),
      bytes: new Uint8Array([i, 255, 0, 7]),
    };
    for (const field of [...indexFields, ...keyFields]) row[field] = `${table.name}-${field}-${i}`;
    if (primKey.auto && keyFields.length) row[keyFields[0]!] = i + 1;
    return row;
  });
}

async function fill(db: QuanziDB, perTable: number): Promise<void> {
  for (const table of db.tables) await table.bulkAdd(sampleRows(table, perTable));
}

async function dump(db: QuanziDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

describe('backup export and restore', () => {
  it('round-trips every table through one JSON file, Dates and bytes included', async () => {
    const source = freshDb();
    await fill(source, 3);
    const backup = await exportBackup(source);
    expect(backup.format).toBe(BACKUP_FORMAT);
    expect(backup.schemaVersion).toBe(source.verno);
    expect(Object.keys(backup.tables).sort()).toEqual(source.tables.map((t) => t.name).sort());
    expect(rowCount(backup)).toBe(3 * source.tables.length);

    const text = JSON.stringify(backup);
    const target = freshDb();
    await target.settings.put({ key: 'will-be-replaced', value: 1 });
    const restored = await restoreBackup(parseBackup(text, target), target);

    expect(restored).toBe(3 * source.tables.length);
    const before = await dump(source);
    const after = await dump(target);
    expect(after).toEqual(before);
    const chunk = (await target.txChunks.toArray())[0] as unknown as { when: Date; bytes: Uint8Array };
    expect(chunk.when).toBeInstanceOf(Date);
    expect(chunk.bytes).toBeInstanceOf(Uint8Array);
    expect(await target.settings.get('will-be-replaced')).toBeUndefined();
    source.close();
    target.close();
  });

  it('marks the account it brings as restored: a backup holds no hub session, so the hub’s 401 means "sign in here"', async () => {
    const source = freshDb();
    await source.settings.put({ key: ACCOUNT_KEY, value: { name: 'demo-lin', roles: [], signedInAt: '2026-12-01T08:00:00.000Z' } });
    const target = freshDb();
    await restoreBackup(parseBackup(JSON.stringify(await exportBackup(source)), target), target);
    expect((await target.settings.get(ACCOUNT_KEY))?.value).toEqual({ name: 'demo-lin', roles: [], signedInAt: '2026-12-01T08:00:00.000Z', fromBackup: true });
    // A backup made while signed out brings no account, and gets none.
    const signedOut = freshDb();
    await restoreBackup(parseBackup(JSON.stringify(await exportBackup(freshDb())), signedOut), signedOut);
    expect(await signedOut.settings.get(ACCOUNT_KEY)).toBeUndefined();
  });

  it('is atomic: a restore that fails half-way leaves the data as it was', async () => {
    const db = freshDb();
    await fill(db, 2);
    const before = await dump(db);
    const backup = await exportBackup(db);
    // Two rows with the same primary key in the last table: bulkAdd fails after earlier tables were cleared.
    const last = db.tables[db.tables.length - 1]!;
    backup.tables[last.name] = [backup.tables[last.name]![0], backup.tables[last.name]![0]];
    backup.tables[db.tables[0]!.name] = [];
    await expect(restoreBackup(backup, db)).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
    db.close();
  });

  it('refuses files that are not Quanzi backups, saying why', async () => {
    const db = freshDb();
    const problem = (text: string) => {
      try {
        parseBackup(text, db);
      } catch (error) {
        expect(error).toBeInstanceOf(BackupError);
        return (error as BackupError).problem;
      }
      return 'accepted';
    };
    expect(problem('not json at all {')).toBe('not-json');
    expect(problem(JSON.stringify({ name: 'some other app', data: [1, 2, 3] }))).toBe('not-quanzi');
    expect(problem(JSON.stringify([{ format: BACKUP_FORMAT }]))).toBe('not-quanzi');
    expect(problem('null')).toBe('not-quanzi');
    const valid = await exportBackup(db);
    expect(problem(JSON.stringify(valid))).toBe('accepted');
    expect(problem(JSON.stringify({ ...valid, schemaVersion: db.verno + 1 }))).toBe('newer-schema');
    expect(problem(JSON.stringify({ ...valid, formatVersion: 99 }))).toBe('newer-format');
    expect(problem(JSON.stringify({ ...valid, tables: { ...valid.tables, strangers: [] } }))).toBe('unknown-table');
    expect(problem(JSON.stringify({ ...valid, tables: { ...valid.tables, settings: 'oops' } }))).toBe('bad-table');
    expect(problem(JSON.stringify({ ...valid, tables: undefined }))).toBe('not-quanzi');
    db.close();
  });

  it('restores an older backup that lacks newer tables by leaving those tables empty', async () => {
    const db = freshDb();
    await fill(db, 1);
    const backup = await exportBackup(db);
    delete backup.tables.notifications;
    await restoreBackup(parseBackup(JSON.stringify(backup), db), db);
    expect(await db.notifications.count()).toBe(0);
    expect(await db.settings.count()).toBe(1);
    db.close();
  });

  it("marks what was already sent or refused as the backup's device's, and keeps pending writes this device's to send", async () => {
    const source = freshDb();
    const row = (seq: number, status: string, opId: string) => ({
      seq, opId, circleId: 'c1', docId: `answer:q1:${opId}`, type: 'answer', status, attempts: 1, nextAttemptAt: 0,
      createdAt: '2026-12-01T10:00:00.000Z',
      doc: { _id: `answer:q1:${opId}`, type: 'answer', question: 'q1', bit: 1, epsilon: 1, author: 'lin', createdAt: '2026-12-01T10:00:00.000Z', opId },
    });
    await source.outbox.bulkAdd([row(1, 'delivered', 'op-a'), row(2, 'rejected', 'op-b'), row(3, 'pending', 'op-c')] as never);
    const target = freshDb();
    await restoreBackup(parseBackup(JSON.stringify(await exportBackup(source)), target), target);
    const byOp = Object.fromEntries(sentItems(await listOutboxHistory(target)).map((item) => [item.key, item.fromBackup ?? false]));
    expect(byOp).toEqual({ 'op-a': true, 'op-b': true, 'op-c': false });
    source.close();
    target.close();
  });
});
