import type { CsvMapping } from '../../core/import/csv-mapping';
import type { QuanziCsvLanguage } from '../../core/import/quanzi-csv';
import type { ParseOptions, ParseResult } from '../../core/import/types';
import type { ImportRecord, StoredTransaction } from '../../db/schema';
import { ImportCancelled, loadCsvMapping, saveCsvMapping, shownInterest, TransactionStore, type StoreChanges, type TransactionFilter } from '../../db/transactions';
import { isMissingAppFile, isStorageFull } from '../browser-errors';
import { importEvents } from './import-events';
import { currentPlacement } from './profile-api';

/**
 * Importing and querying transactions, inside the analysis worker. The page sends the file's bytes (transfer
 * the ArrayBuffer), gets a few batched progress calls and a small result back — never the rows themselves.
 */
export interface ImportProgress {
  rows: number;
  rowsPerSecond: number;
  phase: 'parse' | 'store' | 'done';
}

export interface ImportFailure {
  name: string;
  message: string;
  fileName: string;
  line?: number;
  code?: string;
  /** The English message without its file/line prefix, and the values the page words the error with (core/import/errors.ts). */
  reason?: string;
  params?: Record<string, string | number>;
  headers?: string[];
  inspection?: unknown;
  /** The column mapping the file was read with (the person's, or one remembered for its header), when one was. */
  mapping?: CsvMapping;
}

export type ImportOutcome =
  | { ok: true; importId: string; format: string; added: number; duplicates: number; skipped: { line: number; reason: string }[]; mappingApplied: boolean; mapping?: CsvMapping; ms: number; parseMs: number; rows: number }
  | { ok: false; error: ImportFailure };

/** A row as the Transactions screen shows it: a payment with its interest (null: none), anything else without one. */
export type ShownTransaction = StoredTransaction & { interest?: string | null };

interface CsvInspection { headers: string[]; sampleRows: string[][]; headerLine: number; signature: string }
interface Importers {
  parseStatement(bytes: Uint8Array, fileName: string, options?: ParseOptions): ParseResult | Promise<ParseResult>;
  inspectCsv(bytes: Uint8Array, fileName: string): CsvInspection;
  transactionsToCsv(rows: Iterable<StoredTransaction>, language?: QuanziCsvLanguage): string;
}
// The parsers load on the first import only (a separate chunk). The glob (rather than a plain import) keeps the
// build green while src/core/import/index.ts lands in parallel work; it resolves to that one module.
const importerModules = import.meta.glob<Importers>('../../core/import/index.ts');
async function importers(): Promise<Importers> {
  const loader = Object.values(importerModules)[0];
  if (!loader) throw Object.assign(new Error('The statement readers are not part of this build.'), { name: 'ImportError', code: 'unsupported' });
  return loader();
}

/** Imports and undos of other tabs, as this worker learns them: the profile follows them as it follows its own. */
function emitElsewhere(changes: StoreChanges): void {
  for (const importId of changes.removed) importEvents.emit({ type: 'undone', importId });
  for (const { importId, rows } of changes.added) importEvents.emit({ type: 'imported', importId, rows });
}

let store: TransactionStore | undefined;
const transactions = (): TransactionStore => (store ??= new TransactionStore());

/** Set by cancelImport; checked between phases and right before the import's Dexie transaction commits. */
let cancelRequested = false;

/**
 * Lets queued messages (a Cancel) run, then continues. A MessageChannel round trip rather than setTimeout(0):
 * timers nested this deep are clamped to 4 ms each, which a 100k-row parse paid a dozen times.
 */
function yieldToMessages(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function failure(e: unknown, fileName: string): ImportFailure {
  const err = (e ?? {}) as Partial<Omit<ImportFailure, 'fileName'>>;
  // Not the file's fault: the app's own reader could not be loaded, or the device has no room for the rows.
  const code = isMissingAppFile(e) ? 'app-updated' : isStorageFull(e) ? 'storage-full' : err.code;
  return {
    name: err.name ?? 'Error',
    message: err.message ?? String(e),
    fileName,
    ...(err.line !== undefined ? { line: err.line } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(err.reason !== undefined ? { reason: err.reason } : {}),
    ...(err.params !== undefined ? { params: err.params } : {}),
    ...(err.headers !== undefined ? { headers: err.headers } : {}),
    ...(err.inspection !== undefined ? { inspection: err.inspection } : {}),
  };
}

/**
 * The page hands over the File itself (a cheap handle): reading a large file into an ArrayBuffer on the page was a
 * 60–70 ms main-thread task at the start of every 100k-row import, and here it costs the page nothing.
 */
async function bytesOf(data: Blob | ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(await data.arrayBuffer());
}

function signatureOf(readers: Importers, bytes: Uint8Array, fileName: string): string | undefined {
  try {
    return readers.inspectCsv(bytes, fileName).signature;
  } catch {
    return undefined;
  }
}

export const importApi = {
  async importFile(
    data: Blob | ArrayBuffer | Uint8Array,
    fileName: string,
    options: { csvMapping?: CsvMapping } = {},
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportOutcome> {
    cancelRequested = false;
    const started = performance.now();
    let mapping = options.csvMapping;
    try {
      const bytes = await bytesOf(data);
      // Start loading stored rows while parsing; both are needed before the store step.
      const loaded = transactions().load();
      const readers = await importers();
      onProgress?.({ rows: 0, rowsPerSecond: 0, phase: 'parse' });
      let mappingApplied = false;
      let parsed;
      // Parsing a large file takes seconds: the parser pauses every few thousand rows so the Cancel message can
      // be handled (stopping the parse there) and the page sees the rows counting up.
      const pause = async (rowsSoFar: number): Promise<void> => {
        await yieldToMessages();
        if (cancelRequested) throw new ImportCancelled();
        const seconds = Math.max((performance.now() - started) / 1000, 0.001);
        onProgress?.({ rows: rowsSoFar, rowsPerSecond: Math.round(rowsSoFar / seconds), phase: 'parse' });
      };
      try {
        parsed = await readers.parseStatement(bytes, fileName, options.csvMapping ? { csvMapping: options.csvMapping, pause } : { pause });
      } catch (e) {
        const code = (e as { code?: string }).code;
        const signature = code === 'needs-mapping' && !options.csvMapping ? signatureOf(readers, bytes, fileName) : undefined;
        const remembered = signature ? await loadCsvMapping<CsvMapping>(signature) : undefined;
        if (!remembered) throw e;
        mapping = remembered;
        parsed = await readers.parseStatement(bytes, fileName, { csvMapping: remembered, pause });
        mappingApplied = true;
      }
      const parseMs = performance.now() - started;
      const rows = parsed.transactions.length;
      onProgress?.({ rows, rowsPerSecond: Math.round(rows / Math.max(parseMs / 1000, 0.001)), phase: 'store' });
      await loaded;
      await yieldToMessages();
      if (cancelRequested) throw new ImportCancelled();
      const { record, rows: added, elsewhere } = await transactions().importRows(
        { fileName, format: parsed.format, transactions: parsed.transactions, skipped: parsed.skipped.length, skippedLines: parsed.skipped },
        () => cancelRequested,
      );
      if (options.csvMapping) {
        const signature = signatureOf(readers, bytes, fileName);
        if (signature) await saveCsvMapping(signature, options.csvMapping);
      }
      const ms = performance.now() - started;
      onProgress?.({ rows, rowsPerSecond: Math.round(rows / Math.max(ms / 1000, 0.001)), phase: 'done' });
      emitElsewhere(elsewhere);
      importEvents.emit({ type: 'imported', importId: record.id, rows: added });
      return { ok: true, importId: record.id, format: parsed.format, added: record.added, duplicates: record.duplicates, skipped: parsed.skipped, mappingApplied, ...(mappingApplied ? { mapping } : {}), ms, parseMs, rows };
    } catch (e) {
      const error = failure(e, fileName);
      // A file read with a mapping that does not fit it goes back to the mapping form with that mapping.
      return { ok: false, error: mapping && error.name === 'ImportError' ? { ...error, mapping } : error };
    } finally {
      cancelRequested = false;
    }
  },

  cancelImport(): void {
    cancelRequested = true;
  },

  async undoImport(importId: string): Promise<number> {
    const { removed, elsewhere } = await transactions().undoImport(importId);
    emitElsewhere(elsewhere);
    importEvents.emit({ type: 'undone', importId });
    return removed;
  },

  /** Takes in other tabs' imports and undos now: the page asks when it hears of one (src/app/store-changes.svelte.ts). */
  async refreshTransactions(): Promise<void> {
    emitElsewhere(await transactions().refresh());
  },

  listImports(): Promise<ImportRecord[]> {
    return transactions().listImports();
  },

  /** Inspect an unknown CSV for the mapping screen (headers, sample rows, signature). */
  async inspectCsvFile(data: Blob | ArrayBuffer | Uint8Array, fileName: string): Promise<CsvInspection> {
    return (await importers()).inspectCsv(await bytesOf(data), fileName);
  },

  /** One page of the filtered rows, each with the interest it is placed in (null: none; absent: profiling paused). */
  async queryTransactions(filter: TransactionFilter, offset: number, limit: number): Promise<{ total: number; rows: ShownTransaction[] }> {
    const placement = await currentPlacement();
    const page = await transactions().query(filter, offset, limit, placement);
    if (!placement) return page;
    return { total: page.total, rows: page.rows.map((row) => { const interest = shownInterest(row, placement); return interest === undefined ? row : { ...row, interest }; }) };
  },

  async summary(filter: TransactionFilter): ReturnType<TransactionStore['summary']> {
    return transactions().summary(filter, await currentPlacement());
  },

  /** The filtered rows, newest first, as Quanzi's own CSV (which imports back without duplicates). */
  async exportTransactionsCsv(filter: TransactionFilter, language: QuanziCsvLanguage = 'en'): Promise<string> {
    const placement = await currentPlacement();
    const [{ rows }, { transactionsToCsv }] = await Promise.all([transactions().query(filter, 0, Infinity, placement), importers()]);
    return transactionsToCsv(rows, language);
  },
};

