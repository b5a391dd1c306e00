import Dexie, { type EntityTable } from 'dexie';
import type { Transaction } from '../core/transaction';
import type { SkippedRow } from '../core/import/types';

/**
 * The one Dexie schema. Later work adds tables or indexes through a new `db.version(n)` only; never edit a
 * released version.
 *
 * Transactions are stored in chunks of up to CHUNK_SIZE rows per record: one IndexedDB put per row runs at
 * ~7k rows/s in headless Chromium, 1k-row records at ~160k rows/s (issue #3). Indexes over rows live in memory
 * in the worker.
 */
export const DB_NAME = 'quanzi';
export const CHUNK_SIZE = 1000;

export interface StoredTransaction extends Transaction {
  importId: string;
}

export interface TxChunk {
  id?: number;
  importId: string;
  rows: StoredTransaction[];
}

export interface ImportRecord {
  id: string;
  fileName: string;
  format: string;
  importedAt: string;
  /** Earliest and latest occurredAt among the rows the file held. */
  from?: string;
  to?: string;
  added: number;
  duplicates: number;
  skipped: number;
  /** The first SKIPPED_KEPT skipped lines and why, so the history can still say what was left out. */
  skippedLines?: SkippedRow[];
}

/** Skipped lines kept per import record: a damaged file could skip every one of 100k lines. */
export const SKIPPED_KEPT = 200;

export interface Setting {
  key: string;
  value: unknown;
}

export interface KeyedRow {
  [field: string]: unknown;
}

export class QuanziDB extends Dexie {
  txChunks!: EntityTable<TxChunk, 'id'>;
  imports!: EntityTable<ImportRecord, 'id'>;
  rules!: EntityTable<KeyedRow & { id: string }, 'id'>;
  csvMappings!: EntityTable<KeyedRow & { signature: string }, 'signature'>;
  profile!: EntityTable<KeyedRow & { id: string }, 'id'>;
  catalog!: EntityTable<KeyedRow & { id: string }, 'id'>;
  memberships!: EntityTable<KeyedRow & { circleId: string; status: string }, 'circleId'>;
  dismissals!: EntityTable<{ circleId: string; at: string }, 'circleId'>;
  circleDocs!: EntityTable<KeyedRow & { circleId: string; docId: string }, 'circleId'>;
  checkpoints!: EntityTable<{ stream: string; since: string }, 'stream'>;
  outbox!: EntityTable<KeyedRow & { seq?: number; opId: string; circleId: string; status: string }, 'seq'>;
  drafts!: EntityTable<{ key: string; text: string; updatedAt: string }, 'key'>;
  notifications!: EntityTable<KeyedRow & { id?: number; createdAt: string; read: number }, 'id'>;
  settings!: EntityTable<Setting, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
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
    });
    // Circle docs keep only their primary key: `where('circleId')` reads its prefix (a Dexie virtual index), and
    // nothing queried [circleId+type] or updatedAt. Every index is another write per pulled doc, and a 10k-doc
    // pull is bound by those writes, not by the requests.
    this.version(2).stores({ circleDocs: '[circleId+docId]' });
  }
}

let shared: QuanziDB | undefined;

/** The app's database, opened lazily; the page and the worker each hold one connection. */
export function getDb(): QuanziDB {
  shared ??= new QuanziDB();
  return shared;
}

/** For tests and for "delete everything": forget the open connection. */
export function resetDbHandle(): void {
  shared?.close();
  shared = undefined;
}
