import type { SkippedRow } from '../core/import/types';
import { TOPICS, topicName } from '../core/categorize/taxonomy';
import { isSpending } from '../core/profile';
import { refundedInFull, refundOrigins } from '../core/refunds';
import { movedMoneySums, type Transaction, type TransactionKind } from '../core/transaction';
import { TRANSACTIONS_CHANNEL, tellOtherTabs } from './other-tabs';
import { CHUNK_SIZE, getDb, SKIPPED_KEPT, type ImportRecord, type QuanziDB, type StoredTransaction, type TxChunk } from './schema';

/**
 * The transaction store the worker holds: rows live in IndexedDB as 1k-row chunks (txChunks), and in worker
 * memory as one array plus a fingerprint Set, loaded lazily on first use. Every import is ONE Dexie
 * transaction (its chunks + its imports record), so a cancel or an error leaves the store unchanged; the
 * in-memory state is only touched after the commit.
 *
 * Every tab (and the installed app's window, and a window the share target opens) has its own worker and so
 * its own copy. The imports table says which imports exist: inside each import's transaction the copy first
 * takes in the imports other tabs committed or undid (IndexedDB runs those write transactions one after the
 * other), so deduplication always sees every stored row. A BroadcastChannel tells the other tabs at once.
 */
export interface StoreImportInput {
  fileName: string;
  format: string;
  transactions: Transaction[];
  skipped: number;
  /** What was skipped, line by line (kept up to SKIPPED_KEPT). */
  skippedLines?: SkippedRow[];
}

export interface StoreImportResult {
  record: ImportRecord;
  /** The rows actually added (new fingerprints only). */
  rows: StoredTransaction[];
  /** Imports other tabs committed or undid meanwhile, taken in before deduplicating. */
  elsewhere: StoreChanges;
}

export interface TransactionFilter {
  /** `YYYY-MM` */
  month?: string;
  kind?: TransactionKind;
  category?: string;
  search?: string;
  /** A topic id: the rows the categoriser places there; UNPLACED: payments it places nowhere. */
  interest?: string;
  /** Only these rows (the payments the person left out of the profile). */
  fingerprints?: string[];
}

/** The interest filter's choice for payments no topic took (no topic id looks like this). */
export const UNPLACED = '(unplaced)';

/**
 * How rows are placed in interests right now (the person's corrections included). Lives with the profile; the
 * store only asks it. `version` changes whenever a placement could, so filtered lists are not reused across it.
 */
export interface Placement {
  version: string;
  interestOf(row: StoredTransaction): string | null;
}

/**
 * A payment's interest as the Transactions screen shows it: its topic, or null when none took it. Income, refunds and
 * transfers have none at all (undefined), as the profile counts them in none (a 花呗 repayment is no
 * credit-and-instalments interest). The row and the interest filter both read it here.
 */
export function shownInterest(row: StoredTransaction, placement: Placement): string | null | undefined {
  return row.kind === 'expense' ? placement.interestOf(row) : undefined;
}

/**
 * The interest-filter choice a row falls under: a payment's topic, UNPLACED for spending no topic took (as the
 * profile's "not placed" list counts it), or null for a row that is neither.
 */
function interestChoice(row: StoredTransaction, placement: Placement): string | null {
  const topic = shownInterest(row, placement);
  if (topic === undefined) return null;
  return topic ?? (isSpending(row) ? UNPLACED : null);
}

export class ImportCancelled extends Error {
  override name = 'ImportCancelled';
  constructor() {
    super('The import was cancelled; nothing was stored.');
  }
}

function newImportId(): string {
  return `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function matchesChoices(row: StoredTransaction, filter: TransactionFilter): boolean {
  if (filter.month && !row.occurredAt.startsWith(filter.month)) return false;
  if (filter.kind && row.kind !== filter.kind) return false;
  if (filter.category && row.category !== filter.category) return false;
  return true;
}

function matchesText(row: StoredTransaction, needle: string): boolean {
  return `${row.counterparty} ${row.description} ${row.category ?? ''}`.toLowerCase().includes(needle);
}

/** The topics whose name, in either language, holds the search text: "coffee" or 咖啡 finds what the profile put there. */
function topicsNamed(needle: string): Set<string> {
  return new Set(TOPICS.filter((topic) => `${topicName(topic.id, 'en')} ${topicName(topic.id, 'zh-CN')}`.toLowerCase().includes(needle)).map((topic) => topic.id));
}

/** What reconciling with the imports table changed in this copy. */
export interface StoreChanges {
  added: { importId: string; rows: StoredTransaction[] }[];
  removed: string[];
}

export class TransactionStore {
  private rows: StoredTransaction[] = [];
  private fingerprints = new Set<string>();
  /** The imports whose rows this copy holds (an import that added nothing has no chunks, but is known too). */
  private importIds = new Set<string>();
  private loading: Promise<void> | undefined;
  /** Last filter's matching rows, newest first, so paging a virtual list is O(limit). */
  private cache: { key: string; rows: StoredTransaction[] } | undefined;
  /** The filter choices over all rows, per placement version: a filter change reuses them. */
  private choices: { key: string; months: string[]; categories: string[]; interests: string[] } | undefined;
  /** Refunds and their payments over all rows, whichever import brought each (src/core/refunds.ts). */
  private refundLinks: { origins: Map<string, string>; inFull: Set<string> } | undefined;

  private rowsChanged(): void {
    this.cache = undefined;
    this.choices = undefined;
    this.refundLinks = undefined;
  }

  private refunds(): NonNullable<TransactionStore['refundLinks']> {
    if (this.refundLinks) return this.refundLinks;
    const origins = refundOrigins(this.rows);
    this.refundLinks = { origins, inFull: refundedInFull(this.rows, origins) };
    return this.refundLinks;
  }

  /**
   * Rows as the refunds over every import see them. A refund whose payment came in another import gets `refundOf`
   * (the export names it). A payment its own file marked refunded, whose refunds (from a later statement) give back
   * only part of it, reads completed, as linkRefunds makes it when both are in one file: the money that came back
   * is in the refund rows.
   */
  private asLinked(rows: StoredTransaction[]): StoredTransaction[] {
    const { origins, inFull } = this.refunds();
    return rows.map((row) => {
      if (row.kind === 'refund') {
        const origin = row.refundOf ? undefined : origins.get(row.fingerprint);
        return origin ? { ...row, refundOf: origin } : row;
      }
      return row.status === 'refunded' && !inFull.has(row.fingerprint) ? { ...row, status: 'completed' } : row;
    });
  }

  constructor(private readonly db: QuanziDB = getDb()) {}

  /** Loads all chunks once; later calls reuse the in-memory copy. */
  load(): Promise<void> {
    this.loading ??= this.db.transaction('r', this.db.txChunks, this.db.imports, async () => {
      const rows: StoredTransaction[] = [];
      const ids = (await this.db.imports.toCollection().primaryKeys()) as string[];
      await this.db.txChunks.each((chunk) => {
        for (const row of chunk.rows) rows.push(row);
      });
      this.rows = rows;
      this.fingerprints = new Set(rows.map((r) => r.fingerprint));
      this.importIds = new Set(ids);
    });
    return this.loading;
  }

  /**
   * Takes in the imports committed or undone elsewhere since this copy last looked. Run inside a transaction over
   * txChunks and imports, it reads one consistent state. The copy changes in one synchronous step after the last
   * read, so two overlapping calls (a broadcast and a screen's refresh) never add an import twice.
   */
  private async reconcile(): Promise<StoreChanges> {
    const ids = new Set((await this.db.imports.toCollection().primaryKeys()) as string[]);
    const candidates = [...ids].filter((id) => !this.importIds.has(id));
    const chunks = candidates.length ? await this.db.txChunks.where('importId').anyOf(candidates).toArray() : [];
    const removed = [...this.importIds].filter((id) => !ids.has(id));
    const arrived = candidates.filter((id) => !this.importIds.has(id));
    const changes: StoreChanges = { added: [], removed };
    if (removed.length) this.dropImports(new Set(removed));
    if (arrived.length) {
      const byImport = new Map<string, StoredTransaction[]>(arrived.map((id) => [id, []]));
      for (const chunk of chunks) {
        const list = byImport.get(chunk.importId);
        if (!list) continue;
        for (const row of chunk.rows) {
          list.push(row);
          this.rows.push(row);
          this.fingerprints.add(row.fingerprint);
        }
      }
      for (const [importId, rows] of byImport) {
        this.importIds.add(importId);
        changes.added.push({ importId, rows });
      }
    }
    if (arrived.length) this.rowsChanged();
    return changes;
  }

  /** Forgets these imports' rows (and their fingerprints) in this copy. Returns how many rows went. */
  private dropImports(importIds: ReadonlySet<string>): number {
    const before = this.rows.length;
    this.rows = this.rows.filter((r) => {
      if (!importIds.has(r.importId)) return true;
      this.fingerprints.delete(r.fingerprint);
      return false;
    });
    for (const id of importIds) this.importIds.delete(id);
    this.rowsChanged();
    return before - this.rows.length;
  }

  /** Brings this copy up to date with what other tabs stored (on their broadcast). */
  async refresh(): Promise<StoreChanges> {
    await this.load();
    return this.db.transaction('r', this.db.txChunks, this.db.imports, () => this.reconcile());
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * Stores a parsed file's new rows atomically. `isCancelled` is checked inside the Dexie transaction right
   * before it commits: throwing there aborts it, so nothing lands.
   */
  async importRows(input: StoreImportInput, isCancelled: () => boolean = () => false): Promise<StoreImportResult> {
    await this.load();
    const importId = newImportId();
    let from: string | undefined;
    let to: string | undefined;
    for (const tx of input.transactions) {
      if (from === undefined || tx.occurredAt < from) from = tx.occurredAt;
      if (to === undefined || tx.occurredAt > to) to = tx.occurredAt;
    }
    const fresh: StoredTransaction[] = [];
    // New fingerprints join the known set at once (one lookup and one insert per row, where a separate in-file set
    // took four at 100k rows); they leave it again if the import does not commit.
    const known = this.fingerprints;
    let committed: { record: ImportRecord; elsewhere: StoreChanges };
    try {
      committed = await this.db.transaction('rw', this.db.txChunks, this.db.imports, async () => {
        const elsewhere = await this.reconcile();
        for (const tx of input.transactions) {
          if (known.has(tx.fingerprint)) continue;
          known.add(tx.fingerprint);
          // Tagging the parsed object in place (no copy) matters at 100k rows; the parse result is ours to keep.
          const row = tx as StoredTransaction;
          row.importId = importId;
          fresh.push(row);
        }
        const record: ImportRecord = {
          id: importId,
          fileName: input.fileName,
          format: input.format,
          importedAt: new Date().toISOString(),
          ...(from !== undefined ? { from } : {}),
          ...(to !== undefined ? { to } : {}),
          added: fresh.length,
          duplicates: input.transactions.length - fresh.length,
          skipped: input.skipped,
          ...(input.skippedLines?.length ? { skippedLines: input.skippedLines.slice(0, SKIPPED_KEPT) } : {}),
        };
        const chunks: TxChunk[] = [];
        for (let i = 0; i < fresh.length; i += CHUNK_SIZE) chunks.push({ importId, rows: fresh.slice(i, i + CHUNK_SIZE) });
        if (isCancelled()) throw new ImportCancelled();
        if (chunks.length) await this.db.txChunks.bulkAdd(chunks);
        await this.db.imports.add(record);
        if (isCancelled()) throw new ImportCancelled();
        return { record, elsewhere };
      });
    } catch (e) {
      for (const row of fresh) known.delete(row.fingerprint);
      throw e;
    }
    for (const row of fresh) this.rows.push(row);
    this.importIds.add(importId);
    this.rowsChanged();
    tellOtherTabs(TRANSACTIONS_CHANNEL);
    return { ...committed, rows: fresh };
  }

  /** Removes exactly the rows of one import (its chunks) and its history entry. Returns the rows removed. */
  async undoImport(importId: string): Promise<{ removed: number; elsewhere: StoreChanges }> {
    await this.load();
    const elsewhere = await this.db.transaction('rw', this.db.txChunks, this.db.imports, async () => {
      // An import another tab made (listed here from the imports table) has its rows in this copy only after this.
      const changes = await this.reconcile();
      await this.db.txChunks.where('importId').equals(importId).delete();
      await this.db.imports.delete(importId);
      return changes;
    });
    const removed = this.dropImports(new Set([importId]));
    tellOtherTabs(TRANSACTIONS_CHANNEL);
    return { removed, elsewhere };
  }

  async listImports(): Promise<ImportRecord[]> {
    const all = await this.db.imports.toArray();
    return all.sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0));
  }

  /** Without a placement (profiling paused) an interest filter keeps nothing: no row is placed anywhere then. */
  private filtered(filter: TransactionFilter, placement?: Placement): StoredTransaction[] {
    const interest = filter.interest ?? '';
    // A search reads placements too (interest names), so it is keyed by the placement as the interest filter is.
    const key = JSON.stringify([filter.month ?? '', filter.kind ?? '', filter.category ?? '', filter.search ?? '', interest, interest || filter.search ? (placement?.version ?? '-') : '', filter.fingerprints ?? null]);
    if (this.cache?.key === key) return this.cache.rows;
    const needle = (filter.search ?? '').trim().toLowerCase();
    const only = filter.fingerprints ? new Set(filter.fingerprints) : undefined;
    const named = needle && placement ? topicsNamed(needle) : new Set<string>();
    const rows = this.rows.filter((r) => (!only || only.has(r.fingerprint)) && matchesChoices(r, filter)
      && (!needle || matchesText(r, needle) || (named.size > 0 && named.has(placement!.interestOf(r) ?? '')))
      && (!interest || (placement !== undefined && interestChoice(r, placement) === interest)));
    rows.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
    this.cache = { key, rows };
    return rows;
  }

  /** One page of the filtered rows, newest first (refunds linked across imports), plus the total count (for the virtual list's height). */
  async query(filter: TransactionFilter, offset: number, limit: number, placement?: Placement): Promise<{ total: number; rows: StoredTransaction[] }> {
    await this.load();
    const rows = this.filtered(filter, placement);
    return { total: rows.length, rows: this.asLinked(rows.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit))) };
  }

  /**
   * Sums per currency (integer minor units) of the money that moved in the filtered rows, transfers between the
   * person's own accounts apart, how many rows the sums leave out (see movedMoneySums), and the filter choices
   * present in the data.
   */
  async summary(filter: TransactionFilter, placement?: Placement): Promise<TransactionSummary> {
    await this.load();
    const rows = this.filtered(filter, placement);
    const { months, categories, interests } = this.choicesFor(placement);
    const moved = movedMoneySums(rows, this.refunds().inFull);
    const perCurrency = (sums: Map<string, number>) => [...sums].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => a.currency.localeCompare(b.currency));
    return { count: rows.length, sums: perCurrency(moved.sums), transfers: perCurrency(moved.transfers), notCounted: moved.notCounted, months, categories, interests };
  }

  private choicesFor(placement: Placement | undefined): NonNullable<TransactionStore['choices']> {
    const key = placement?.version ?? '-';
    if (this.choices?.key === key) return this.choices;
    const months = new Set<string>();
    const categories = new Set<string>();
    const interests = new Set<string>();
    for (const r of this.rows) {
      months.add(r.occurredAt.slice(0, 7));
      if (r.category) categories.add(r.category);
      const choice = placement ? interestChoice(r, placement) : null;
      if (choice !== null) interests.add(choice);
    }
    this.choices = { key, months: [...months].sort().reverse(), categories: [...categories].sort(), interests: [...interests].sort() };
    return this.choices;
  }
}

export interface TransactionSummary {
  count: number;
  sums: { currency: string; minor: number }[];
  /** Transfers between the person's own accounts, per currency: not in `sums`. */
  transfers: { currency: string; minor: number }[];
  /** Filtered rows whose money did not move or came back: closed, failed, fully refunded, and those refunds. */
  notCounted: number;
  months: string[];
  categories: string[];
  /** The interests rows are placed in (UNPLACED when some payment is placed nowhere); none while profiling is paused. */
  interests: string[];
}

/** CSV mappings remembered per header signature. */
export async function loadCsvMapping<T>(signature: string, db: QuanziDB = getDb()): Promise<T | undefined> {
  const row = await db.csvMappings.get(signature);
  return row ? (row['mapping'] as T) : undefined;
}

export async function saveCsvMapping(signature: string, mapping: unknown, db: QuanziDB = getDb()): Promise<void> {
  await db.csvMappings.put({ signature, mapping });
}
