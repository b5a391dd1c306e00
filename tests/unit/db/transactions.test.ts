import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignFingerprints, type Transaction } from '../../../src/core/transaction';
import { QuanziDB } from '../../../src/db/schema';
import { ImportCancelled, TransactionStore } from '../../../src/db/transactions';

let dbCounter = 0;
function freshStore(): { db: QuanziDB; store: TransactionStore } {
  const db = new QuanziDB(`tx-test-${++dbCounter}`);
  return { db, store: new TransactionStore(db) };
}

function rows(n: number, start = 0, extra: Partial<Transaction> = {}): Transaction[] {
  return assignFingerprints(
    Array.from({ length: n }, (_, i) => ({
      occurredAt: `2025-${String(((start + i) % 12) + 1).padStart(2, '0')}-01T10:00:00`,
      amountMinor: -(100 + ((start + i) % 7)),
      currency: (start + i) % 5 === 0 ? 'USD' : 'CNY',
      counterparty: `shop ${start + i}`,
      description: `coffee ${start + i}`,
      category: (start + i) % 2 ? '餐饮美食' : '日用百货',
      kind: 'expense' as const,
      status: 'completed' as const,
      externalId: `ext-${start + i}`,
      source: 'alipay',
      ...extra,
    })),
  );
}

describe('TransactionStore', () => {
  it('stores a file in 1k-row chunks with one imports record', async () => {
    const { db, store } = freshStore();
    const { record } = await store.importRows({ fileName: 'a.csv', format: 'alipay', transactions: rows(2500), skipped: 2 });
    expect(record).toMatchObject({ fileName: 'a.csv', format: 'alipay', added: 2500, duplicates: 0, skipped: 2 });
    expect(record.from).toBe('2025-01-01T10:00:00');
    expect(record.to).toBe('2025-12-01T10:00:00');
    const chunks = await db.txChunks.toArray();
    expect(chunks.map((c) => c.rows.length)).toEqual([1000, 1000, 500]);
    expect(await db.imports.count()).toBe(1);
  });

  it('re-import and an overlapping export add zero duplicates, also after a reload from IndexedDB', async () => {
    const { db, store } = freshStore();
    await store.importRows({ fileName: 'a.csv', format: 'alipay', transactions: rows(300), skipped: 0 });
    const again = await store.importRows({ fileName: 'a.csv', format: 'alipay', transactions: rows(300), skipped: 0 });
    expect(again.record).toMatchObject({ added: 0, duplicates: 300 });
    const reloaded = new TransactionStore(db);
    const overlap = await reloaded.importRows({ fileName: 'b.csv', format: 'alipay', transactions: rows(300, 200), skipped: 0 });
    expect(overlap.record).toMatchObject({ added: 200, duplicates: 100 });
    expect((await reloaded.query({}, 0, 0)).total).toBe(500);
  });

  it('property: parse → store → re-import yields zero new rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), minor: fc.integer({ min: -99999, max: 99999 }), who: fc.constantFrom('a', 'b', 'c'), id: fc.option(fc.string({ minLength: 1, maxLength: 4 }), { nil: undefined }) }), { maxLength: 40 }),
        async (items) => {
          const file = assignFingerprints(items.map((it) => ({
            occurredAt: `2025-03-${String(it.day).padStart(2, '0')}`, amountMinor: it.minor, currency: 'CNY', counterparty: it.who, description: '',
            kind: it.minor < 0 ? 'expense' as const : 'income' as const, status: 'completed' as const, source: 'qif', ...(it.id ? { externalId: it.id } : {}),
          })));
          const { store } = freshStore();
          const first = await store.importRows({ fileName: 'p.qif', format: 'qif', transactions: file, skipped: 0 });
          const second = await store.importRows({ fileName: 'p.qif', format: 'qif', transactions: file, skipped: 0 });
          expect(first.record.added).toBe(new Set(file.map((t) => t.fingerprint)).size);
          expect(second.record.added).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('cancel leaves zero rows and no history, and memory stays consistent', async () => {
    const { db, store } = freshStore();
    await expect(store.importRows({ fileName: 'big.csv', format: 'alipay', transactions: rows(3000), skipped: 0 }, () => true)).rejects.toBeInstanceOf(ImportCancelled);
    expect(await db.txChunks.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
    expect(store.size).toBe(0);
    // Cancelled inside the transaction, after the writes: still rolled back.
    let calls = 0;
    await expect(store.importRows({ fileName: 'big.csv', format: 'alipay', transactions: rows(3000), skipped: 0 }, () => ++calls > 1)).rejects.toBeInstanceOf(ImportCancelled);
    expect(await db.txChunks.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
    const after = await store.importRows({ fileName: 'big.csv', format: 'alipay', transactions: rows(3000), skipped: 0 });
    expect(after.record.added).toBe(3000);
  });

  it('undo removes exactly that import', async () => {
    const { db, store } = freshStore();
    const a = await store.importRows({ fileName: 'a.csv', format: 'alipay', transactions: rows(1500), skipped: 0 });
    const b = await store.importRows({ fileName: 'b.csv', format: 'alipay', transactions: rows(700, 1500), skipped: 0 });
    expect(await store.undoImport(a.record.id)).toBe(1500);
    const left = (await db.txChunks.toArray()).flatMap((c) => c.rows);
    expect(left).toHaveLength(700);
    expect(left.every((r) => r.importId === b.record.id)).toBe(true);
    expect((await store.listImports()).map((i) => i.id)).toEqual([b.record.id]);
    // The undone rows can be imported again.
    expect((await store.importRows({ fileName: 'a.csv', format: 'alipay', transactions: rows(1500), skipped: 0 })).record.added).toBe(1500);
  });

  it('filters by month, kind, category and search; pages; sums per currency in minor units', async () => {
    const { store } = freshStore();
    await store.importRows({ fileName: 'a.csv', format: 'alipay', transactions: rows(120), skipped: 0 });
    await store.importRows({ fileName: 'b.csv', format: 'alipay', transactions: rows(3, 500, { kind: 'income', amountMinor: 5000 }), skipped: 0 });
    const march = await store.query({ month: '2025-03' }, 0, 1000);
    expect(march.total).toBe(10);
    expect(march.rows.every((r) => r.occurredAt.startsWith('2025-03'))).toBe(true);
    expect((await store.query({ kind: 'income' }, 0, 10)).total).toBe(3);
    expect((await store.query({ category: '餐饮美食' }, 0, 1000)).total).toBe(60 + 1);
    expect((await store.query({ search: 'SHOP 11' }, 0, 100)).rows.map((r) => r.counterparty).sort()).toEqual(['shop 11', 'shop 110', 'shop 111', 'shop 112', 'shop 113', 'shop 114', 'shop 115', 'shop 116', 'shop 117', 'shop 118', 'shop 119']);
    const page = await store.query({}, 10, 5);
    expect(page.total).toBe(123);
    expect(page.rows).toHaveLength(5);
    const income = await store.summary({ kind: 'income' });
    expect(income.sums).toEqual([{ currency: 'CNY', minor: 10000 }, { currency: 'USD', minor: 5000 }]);
    const all = await store.summary({});
    const expectedUsd = rows(120).filter((r) => r.currency === 'USD').reduce((s, r) => s + r.amountMinor, 0) + 5000;
    expect(all.sums.find((s) => s.currency === 'USD')?.minor).toBe(expectedUsd);
    expect(all.months).toHaveLength(12);
  });
});
