import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignFingerprints, type Transaction } from '../../../src/core/transaction';
import { QuanziDB, SKIPPED_KEPT } from '../../../src/db/schema';
import { SENDER_ID, TRANSACTIONS_CHANNEL } from '../../../src/db/other-tabs';
import { ImportCancelled, TransactionStore } from '../../../src/db/transactions';
import { readFileSync } from 'node:fs';
import { parseStatement } from '../../../src/core/import';

/** The Alipay sample without the rows whose lines start with these times (the bytes stay GBK, CRLF). */
function alipayWithout(...times: string[]): Uint8Array {
  const text = readFileSync('tests/fixtures/alipay-2024-sample.csv').toString('latin1');
  return new Uint8Array(Buffer.from(text.split('\r\n').filter((line) => !times.some((time) => line.startsWith(time))).join('\r\n'), 'latin1'));
}

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
    expect(record.skippedLines).toBeUndefined();
  });

  it('keeps the first skipped lines and their reasons with the import record', async () => {
    const { db, store } = freshStore();
    const skippedLines = Array.from({ length: SKIPPED_KEPT + 50 }, (_, i) => ({ line: i + 3, reason: `amount 'x${i}' is not a number` }));
    const { record } = await store.importRows({ fileName: 'a.csv', format: 'alipay', transactions: rows(10), skipped: skippedLines.length, skippedLines });
    const stored = (await db.imports.get(record.id))!;
    expect(stored.skipped).toBe(SKIPPED_KEPT + 50);
    expect(stored.skippedLines).toEqual(skippedLines.slice(0, SKIPPED_KEPT));
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
    expect((await store.undoImport(a.record.id)).removed).toBe(1500);
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
    const chosen = rows(120).filter((_, i) => i % 40 === 7).map((r) => r.fingerprint);
    expect((await store.query({ fingerprints: chosen }, 0, 10)).rows.map((r) => r.fingerprint).sort()).toEqual([...chosen].sort());
    expect((await store.query({ fingerprints: [] }, 0, 10)).total).toBe(0);
    const page = await store.query({}, 10, 5);
    expect(page.total).toBe(123);
    expect(page.rows).toHaveLength(5);
    const income = await store.summary({ kind: 'income' });
    expect(income.sums).toEqual([{ currency: 'CNY', minor: 10000 }, { currency: 'USD', minor: 5000 }]);
    const all = await store.summary({});
    const expectedUsd = rows(120).filter((r) => r.currency === 'USD').reduce((s, r) => s + r.amountMinor, 0) + 5000;
    expect(all.sums.find((s) => s.currency === 'USD')?.minor).toBe(expectedUsd);
    expect(all.months).toHaveLength(12);
    // The filter choices follow the rows: a later import's new category is offered, an undone one's is not.
    const later = await store.importRows({ fileName: 'c.csv', format: 'alipay', transactions: rows(2, 900, { category: '文化休闲' }), skipped: 0 });
    expect((await store.summary({})).categories).toContain('文化休闲');
    await store.undoImport(later.record.id);
    expect((await store.summary({})).categories).not.toContain('文化休闲');
  });
});

// Every tab has its own worker and its own in-memory copy over the one IndexedDB: two stores over one database.
describe('TransactionStore in two tabs', () => {
  const file = (n = 300) => ({ fileName: 'a.csv', format: 'alipay', transactions: rows(n), skipped: 0 });
  const twoTabs = async () => {
    const { db, store: first } = freshStore();
    const second = new TransactionStore(db);
    await Promise.all([first.load(), second.load()]);
    return { db, first, second };
  };

  it('a file imported in one tab adds zero duplicates when imported in the other, whose copy then holds its rows', async () => {
    const { db, first, second } = await twoTabs();
    const a = await first.importRows(file());
    const b = await second.importRows(file());
    expect(b.record).toMatchObject({ added: 0, duplicates: 300 });
    expect(b.elsewhere.added).toEqual([{ importId: a.record.id, rows: expect.any(Array) }]);
    expect(b.elsewhere.added[0]!.rows).toHaveLength(300);
    expect((await second.query({}, 0, 0)).total).toBe(300);
    expect((await db.txChunks.toArray()).flatMap((c) => c.rows)).toHaveLength(300);
  });

  it('the same file imported in both tabs at once is stored once', async () => {
    const { db, first, second } = await twoTabs();
    const [a, b] = await Promise.all([first.importRows(file()), second.importRows(file())]);
    expect(a.record.added + b.record.added).toBe(300);
    expect((await db.txChunks.toArray()).flatMap((c) => c.rows)).toHaveLength(300);
  });

  it('an undo in one tab lets the other import those rows again; undoing another tab’s import counts its rows', async () => {
    const { first, second } = await twoTabs();
    const a = await first.importRows(file());
    expect((await first.undoImport(a.record.id)).removed).toBe(300);
    expect((await second.importRows(file())).record.added).toBe(300);
    const c = await second.importRows({ ...file(50), transactions: rows(50, 1000) });
    const undone = await first.undoImport(c.record.id);
    expect(undone.removed).toBe(50);
    expect((await first.query({}, 0, 0)).total).toBe(300);
  });

  it('tells the other tabs of an import and an undo; a refresh takes them in', async () => {
    const { first, second } = await twoTabs();
    const heard: unknown[] = [];
    const channel = new BroadcastChannel(TRANSACTIONS_CHANNEL);
    let wake: () => void = () => undefined;
    channel.onmessage = (event) => {
      heard.push(event.data);
      wake();
    };
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    try {
      let message = next();
      const a = await first.importRows(file(120));
      await message;
      expect(await second.refresh()).toEqual({ added: [{ importId: a.record.id, rows: expect.any(Array) }], removed: [] });
      expect((await second.query({}, 0, 0)).total).toBe(120);
      expect(await second.refresh()).toEqual({ added: [], removed: [] });
      message = next();
      await first.undoImport(a.record.id);
      await message;
      expect(await second.refresh()).toEqual({ added: [], removed: [a.record.id] });
      expect((await second.query({}, 0, 0)).total).toBe(0);
      expect(heard).toEqual([{ from: SENDER_ID }, { from: SENDER_ID }]);
    } finally {
      channel.close();
    }
  });

  it('two refreshes at once take an import in once', async () => {
    const { first, second } = await twoTabs();
    await first.importRows(file(80));
    const [x, y] = await Promise.all([second.refresh(), second.refresh()]);
    expect(x.added.length + y.added.length).toBe(1);
    expect((await second.query({}, 0, 0)).total).toBe(80);
  });

  it('a refund in one statement and its payment in another leave the sums together, in either order', async () => {
    // The sample's 天猫超市 洗衣液 payment (05-20, 退款成功) and its 退款 row (05-21), split into two statements.
    const paymentFile = alipayWithout('2024-05-21 10:00:00');
    const refundFile = alipayWithout('2024-05-30', '2024-05-26', '2024-05-20', '2024-05-12', '2024-05-05');
    const both = freshStore().store;
    const together = await parseStatement(alipayWithout(), 'may.csv');
    await both.importRows({ fileName: 'may.csv', format: together.format, transactions: together.transactions, skipped: 0 });
    const expected = await both.summary({});
    for (const order of [[paymentFile, refundFile], [refundFile, paymentFile]]) {
      const { store } = freshStore();
      for (const [i, bytes] of order.entries()) {
        const parsed = await parseStatement(bytes, `part-${i}.csv`);
        await store.importRows({ fileName: `part-${i}.csv`, format: parsed.format, transactions: parsed.transactions, skipped: 0 });
      }
      const split = await store.summary({});
      expect(split.count).toBe(6);
      expect(split.sums).toEqual(expected.sums);
      expect(split.notCounted).toBe(expected.notCounted);
      // The refund alone (its kind filtered) is still left out, as when both came in one file.
      expect((await store.summary({ kind: 'refund' })).sums).toEqual([]);
    }
  });

  it('a payment marked refunded whose refund, in a later statement, gives back only part of it reads completed, and the refund names it', async () => {
    const { store } = freshStore();
    const [may] = rows(1, 0, { status: 'refunded', merchantOrderId: 'TM-7', amountMinor: -10_000, currency: 'CNY' });
    const [june] = rows(1, 1, { kind: 'refund', amountMinor: 3_000, merchantOrderId: 'TM-7', externalId: 'ext-refund', currency: 'CNY' });
    await store.importRows({ fileName: 'may.csv', format: 'alipay', transactions: [may!], skipped: 0 });
    expect((await store.query({}, 0, 10)).rows[0]!.status).toBe('refunded');
    await store.importRows({ fileName: 'june.csv', format: 'alipay', transactions: [june!], skipped: 0 });
    const shown = (await store.query({}, 0, 10)).rows;
    expect(shown.find((row) => row.fingerprint === may!.fingerprint)!.status).toBe('completed');
    expect(shown.find((row) => row.fingerprint === june!.fingerprint)!.refundOf).toBe(may!.fingerprint);
    expect((await store.summary({})).sums).toEqual([{ currency: 'CNY', minor: -7_000 }]);
  });
});
