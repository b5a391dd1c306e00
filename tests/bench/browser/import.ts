import type { Page } from '@playwright/test';
import { generateAlipayCsv } from '../../support/generate-alipay';

/**
 * Imports a generated 100k-row Alipay file through the real path (ImportFlow → transferred bytes → analysis
 * worker → parse → dedupe → one Dexie transaction of 1k-row chunks), and compares with raw IndexedDB writes
 * measured in the same page: one put per row, and 1k rows per record (the app's layout).
 */
const ROWS = 100_000;
const RAW_PUT_ROWS = 20_000;

export default async ({ page }: { page: Page; baseURL?: string }): Promise<Record<string, number>> => {
  // tsx (esbuild keepNames) wraps named functions in __name(); the page has no such helper.
  await page.evaluate('globalThis.__name ??= (f) => f');
  // People import from the Import screen; the app's other screens stay unmounted meanwhile.
  await page.goto('/#/import');
  // Generated here and fetched by the page, so the file is a Blob outside the page's JS heap: building it in the
  // page left megabytes of garbage whose collection landed inside the measured import as a long task.
  const csv = Buffer.from(generateAlipayCsv(ROWS, 20251125));
  await page.route('**/__bench/alipay-100k.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body: csv }));
  return page.evaluate(async ({ rows, rawPutRows }) => {
    // Modules served by the Vite dev server (a runtime URL keeps tsc from resolving page paths in Node).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const load = (path: string): Promise<any> => import(/* @vite-ignore */ location.origin + path);
    const { ImportFlow } = await load('/src/ui/import/import-flow.svelte.ts');
    const { analysis } = await load('/src/app/analysis-client.ts');
    const file = new File([await (await fetch('/__bench/alipay-100k.csv')).blob()], 'bench-alipay-100k.csv', { type: 'text/csv' });

    // Warm the worker and its parser chunk (the dev server transforms modules on their first request, which a
    // production build does not), and forget earlier bench imports so every row is new.
    await analysis().ping();
    await analysis().inspectCsvFile(new Blob(['date,amount\n2025-01-01,1.00\n']), 'warm-up.csv');
    for (const record of (await analysis().listImports()) as { id: string; fileName: string }[]) {
      if (record.fileName === file.name) await analysis().undoImport(record.id);
    }

    let longTasks = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.duration > 50) longTasks++;
    });
    observer.observe({ type: 'longtask' });
    const flow = new ImportFlow();
    const started = performance.now();
    await flow.importFiles([file]);
    const importMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    const result = flow.results[0];
    if (!result || result.added !== rows) throw new Error(`bench import failed: ${JSON.stringify(flow.errors[0] ?? result)}`);

    // Raw IndexedDB baselines in a scratch database, rows shaped like stored transactions.
    const makeRow = (i: number) => ({
      occurredAt: `2025-05-${String((i % 28) + 1).padStart(2, '0')}T12:34:56`, amountMinor: -((i * 37) % 100000), currency: 'CNY',
      counterparty: `商户${i % 5000}`, description: `商品说明 ${i}`, category: '餐饮美食', paymentMethod: '花呗', kind: 'expense', status: 'completed',
      externalId: `2025052522001${String(i).padStart(12, '0')}`, merchantOrderId: `M${i}`, source: 'alipay', fingerprint: `fp${i}`, importId: 'raw',
    });
    const open = (name: string) => new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('perRow', { keyPath: 'fingerprint' });
        req.result.createObjectStore('chunks', { autoIncrement: true });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const write = (db: IDBDatabase, store: string, records: unknown[]) => new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const r of records) os.put(r);
      tx.oncomplete = () => resolve(performance.now() - t0);
      tx.onerror = () => reject(tx.error);
    });
    const scratch = 'quanzi-bench-raw';
    indexedDB.deleteDatabase(scratch);
    const db = await open(scratch);
    const perRow = Array.from({ length: rawPutRows }, (_, i) => makeRow(i));
    const perRowMs = await write(db, 'perRow', perRow);
    const chunks: unknown[] = [];
    for (let i = 0; i < rows; i += 1000) chunks.push({ importId: 'raw', rows: Array.from({ length: 1000 }, (_, j) => makeRow(i + j)) });
    const chunkMs = await write(db, 'chunks', chunks);
    db.close();
    indexedDB.deleteDatabase(scratch);

    // Leave the app store as it was.
    for (const record of (await analysis().listImports()) as { id: string; fileName: string }[]) {
      if (record.fileName === file.name) await analysis().undoImport(record.id);
    }

    const rawChunked = rows / (chunkMs / 1000);
    const endToEnd = rows / (importMs / 1000);
    return {
      import_parse_rows_per_s: Math.round(rows / (result.parseMs / 1000)),
      import_rows_per_s: Math.round(endToEnd),
      raw_put_rows_per_s: Math.round(rawPutRows / (perRowMs / 1000)),
      raw_chunked_rows_per_s: Math.round(rawChunked),
      import_vs_raw_ratio: Math.round((endToEnd / rawChunked) * 100) / 100,
      import_100k_ms: Math.round(importMs),
      import_long_tasks: longTasks,
    };
  }, { rows: ROWS, rawPutRows: RAW_PUT_ROWS });
};
