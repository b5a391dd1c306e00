import { proxy } from 'comlink';
import { analysis } from '../../app/analysis-client';
import { noteReloadNeeded } from '../../app/reload-needed';
import { askPersistOnce } from '../../app/storage';
import type { ImportFailure, ImportProgress } from '../../app/api/import-api';
import type { CsvMapping } from '../../core/import/csv-mapping';
import type { ImportRecord } from '../../db/schema';

/**
 * The import screen's state and steps, kept out of the markup. The File handles go to the worker, which reads,
 * parses and stores them; the page never holds a statement's bytes.
 */
export interface FileResult {
  /** The stored import this result is of (Undo of that import takes the result off the screen). */
  importId: string;
  fileName: string;
  added: number;
  duplicates: number;
  skipped: { line: number; reason: string }[];
  mappingApplied: boolean;
  /** The file and the remembered mapping it was read with, so the person can undo and map its columns again. */
  file: File;
  mapping?: CsvMapping;
  /** Worker-side timings, end to end and parse only (the bench reads them). */
  ms: number;
  parseMs: number;
  rows: number;
}

export interface PendingMapping {
  file: File;
  inspection: { headers: string[]; sampleRows: string[][]; signature: string };
  /** The mapping the form starts from (one that did not fit, or a remembered one to change) instead of guesses. */
  start?: CsvMapping;
  /** Why the file is back at the form: what the mapping it was read with got wrong. */
  problem?: ImportFailure;
}

interface Queued {
  file: File;
  csvMapping?: CsvMapping;
}

export class ImportFlow {
  busy = $state<{ fileName: string; progress: ImportProgress } | undefined>();
  results = $state<FileResult[]>([]);
  errors = $state<ImportFailure[]>([]);
  cancelled = $state<string[]>([]);
  history = $state<ImportRecord[]>([]);
  notice = $state('');
  /** Files still to import; reassigned, never mutated. */
  private queue = $state.raw<Queued[]>([]);
  /**
   * Files Quanzi did not recognise, each waiting for its column mapping, first one shown. Recognised files do not
   * wait behind them: they import meanwhile.
   */
  private unmapped = $state.raw<PendingMapping[]>([]);
  private draining: Promise<void> | undefined;

  /** The file whose columns the person is mapping now. */
  get mapping(): PendingMapping | undefined {
    return this.unmapped[0];
  }

  /** The other files that wait for a mapping, after the one shown. */
  get waitingFiles(): string[] {
    return this.unmapped.slice(1).map((pending) => pending.file.name);
  }

  async refreshHistory(): Promise<void> {
    this.history = await analysis().listImports();
  }

  /** Imports files one after another; a file that needs a column mapping waits for it, the others go on. */
  async importFiles(files: File[]): Promise<void> {
    this.results = [];
    this.errors = [];
    this.cancelled = [];
    this.notice = '';
    this.queue = [...this.queue, ...files.map((file) => ({ file }))];
    await this.run();
  }

  /** Starts the one import loop, or joins the one that runs; resolves when the queue is empty. */
  private run(): Promise<void> {
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const [next, ...rest] = this.queue;
      this.queue = rest;
      await this.importOne(next.file, next.csvMapping);
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
        if (outcome.added > 0) void askPersistOnce().catch(() => undefined);
        this.results.push({ importId: outcome.importId, fileName: file.name, added: outcome.added, duplicates: outcome.duplicates, skipped: outcome.skipped, mappingApplied: outcome.mappingApplied, file, ...(outcome.mapping ? { mapping: outcome.mapping } : {}), ms: outcome.ms, parseMs: outcome.parseMs, rows: outcome.rows });
      } else if (outcome.error.name === 'ImportCancelled') {
        this.cancelled.push(file.name);
        this.queue = [];
      } else if (outcome.error.code === 'needs-mapping') {
        // The inspection comes with the refusal; asking again can only fail for a file that changed on disk since.
        const inspection = outcome.error.inspection ?? (await analysis().inspectCsvFile(file, file.name).catch((e: unknown) => {
          this.errors.push({ name: 'ImportError', fileName: file.name, message: e instanceof Error ? e.message : String(e) });
        }));
        if (inspection) this.unmapped = [...this.unmapped, { file, inspection: inspection as PendingMapping['inspection'] }];
      } else if (outcome.error.mapping) {
        // The mapping did not fit the file: back to the form, starting from that mapping, with what went wrong.
        const inspection = await this.inspect(file);
        if (inspection) this.unmapped = [...this.unmapped, { file, inspection, start: outcome.error.mapping, problem: outcome.error }];
        else this.errors.push(outcome.error);
      } else {
        this.errors.push(outcome.error);
        if (outcome.error.code === 'app-updated') noteReloadNeeded('app-replaced');
      }
    } finally {
      this.busy = undefined;
    }
  }

  /** Imports the shown file with this mapping; resolves once it (and anything queued before it) is imported. */
  async saveMapping(mapping: CsvMapping): Promise<void> {
    const [pending, ...rest] = this.unmapped;
    if (!pending) return;
    this.unmapped = rest;
    this.queue = [...this.queue, { file: pending.file, csvMapping: mapping }];
    await this.run();
  }

  private async inspect(file: File): Promise<PendingMapping['inspection'] | undefined> {
    return (await analysis().inspectCsvFile(file, file.name).catch(() => undefined)) as PendingMapping['inspection'] | undefined;
  }

  /**
   * Undoes an import read with a remembered mapping and opens the mapping form for its file again, starting from that
   * mapping: a wrong remembered choice (dates read day-first) is not locked in. False when the file cannot be read.
   */
  async remap(result: FileResult): Promise<boolean> {
    const inspection = await this.inspect(result.file);
    if (!inspection) return false;
    await this.undo({ id: result.importId });
    this.unmapped = [{ file: result.file, inspection, ...(result.mapping ? { start: result.mapping } : {}) }, ...this.unmapped];
    return true;
  }

  /** Leaves the shown file out; the next file waiting for a mapping is shown. */
  dropMapping(): void {
    this.unmapped = this.unmapped.slice(1);
  }

  cancel(): void {
    void analysis().cancelImport();
  }

  async undo(record: Pick<ImportRecord, 'id'>): Promise<number> {
    const removed = await analysis().undoImport(record.id);
    // The result line of that import said rows that are gone now.
    this.results = this.results.filter((result) => result.importId !== record.id);
    await this.refreshHistory();
    return removed;
  }
}

/**
 * The one flow of the app: the files waiting, the mapping in progress, the results and a running import's progress
 * outlive the Import screen, which mounts anew each time someone comes back to it.
 */
export const importFlow = new ImportFlow();
