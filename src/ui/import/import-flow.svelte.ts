import { proxy } from 'comlink';
import { analysis } from '../../app/analysis-client';
import type { ImportFailure, ImportProgress } from '../../app/api/import-api';
import type { CsvMapping } from '../../core/import/csv-mapping';
import type { ImportRecord } from '../../db/schema';

/**
 * The import screen's state and steps, kept out of the markup. The File handles go to the worker, which reads,
 * parses and stores them; the page never holds a statement's bytes.
 */
export interface FileResult {
  fileName: string;
  added: number;
  duplicates: number;
  skipped: { line: number; reason: string }[];
  mappingApplied: boolean;
  /** Worker-side timings, end to end and parse only (the bench reads them). */
  ms: number;
  parseMs: number;
  rows: number;
}

export interface PendingMapping {
  file: File;
  inspection: { headers: string[]; sampleRows: string[][]; signature: string };
}

export class ImportFlow {
  busy = $state<{ fileName: string; progress: ImportProgress } | undefined>();
  results = $state<FileResult[]>([]);
  errors = $state<ImportFailure[]>([]);
  cancelled = $state<string[]>([]);
  history = $state<ImportRecord[]>([]);
  notice = $state('');
  mapping = $state<PendingMapping | undefined>();
  /** Files still to import; reassigned, never mutated, so the screen can say which wait behind a mapping. */
  private queue = $state.raw<File[]>([]);

  get waitingFiles(): string[] {
    return this.queue.map((file) => file.name);
  }

  async refreshHistory(): Promise<void> {
    this.history = await analysis().listImports();
  }

  /** Imports files one after another; a file that needs a column mapping pauses the queue. */
  async importFiles(files: File[]): Promise<void> {
    this.results = [];
    this.errors = [];
    this.cancelled = [];
    this.notice = '';
    this.queue = [...this.queue, ...files];
    if (!this.busy && !this.mapping) await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length && !this.mapping) {
      const [file, ...rest] = this.queue;
      this.queue = rest;
      await this.importOne(file);
    }
    await this.refreshHistory();
  }

  private async importOne(file: File, csvMapping?: CsvMapping): Promise<void> {
    this.busy = { fileName: file.name, progress: { rows: 0, rowsPerSecond: 0, phase: 'parse' } };
    try {
      const outcome = await analysis().importFile(
        file,
        file.name,
        csvMapping ? { csvMapping } : {},
        proxy((progress: ImportProgress) => {
          if (this.busy) this.busy.progress = progress;
        }),
      );
      if (outcome.ok) {
        this.results.push({ fileName: file.name, added: outcome.added, duplicates: outcome.duplicates, skipped: outcome.skipped, mappingApplied: outcome.mappingApplied, ms: outcome.ms, parseMs: outcome.parseMs, rows: outcome.rows });
      } else if (outcome.error.name === 'ImportCancelled') {
        this.cancelled.push(file.name);
        this.queue = [];
      } else if (outcome.error.code === 'needs-mapping') {
        const inspection = outcome.error.inspection ?? (await analysis().inspectCsvFile(file, file.name));
        this.mapping = { file, inspection: inspection as PendingMapping['inspection'] };
      } else {
        this.errors.push(outcome.error);
      }
    } finally {
      this.busy = undefined;
    }
  }

  async saveMapping(mapping: CsvMapping): Promise<void> {
    const pending = this.mapping;
    if (!pending) return;
    this.mapping = undefined;
    await this.importOne(pending.file, mapping);
    await this.drain();
  }

  dropMapping(): void {
    this.mapping = undefined;
    void this.drain();
  }

  cancel(): void {
    void analysis().cancelImport();
  }

  async undo(record: ImportRecord): Promise<number> {
    const removed = await analysis().undoImport(record.id);
    await this.refreshHistory();
    return removed;
  }
}
