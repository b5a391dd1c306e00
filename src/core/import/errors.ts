/**
 * The one error type the importers throw. Everything that reaches the UI says which file, and when a line is to blame,
 * which 1-based physical line, so a person can open the file and look.
 */
export type ImportErrorCode =
  | 'empty'
  | 'not-a-statement'
  | 'needs-mapping'
  | 'bad-mapping'
  | 'no-header'
  | 'bad-structure'
  | 'unsupported'
  | 'internal';

export interface ImportErrorDetails {
  line?: number;
  code?: ImportErrorCode;
  /** For 'needs-mapping': the parsed header cells so the UI can open the mapping screen. */
  headers?: string[];
  /** For 'needs-mapping': the full CSV inspection (headers, sample rows, signature). */
  inspection?: unknown;
}

export class ImportError extends Error {
  override name = 'ImportError' as const;
  line?: number;
  code?: ImportErrorCode;
  headers?: string[];
  inspection?: unknown;

  constructor(message: string, details: ImportErrorDetails = {}) {
    super(message);
    if (details.line !== undefined) this.line = details.line;
    if (details.code !== undefined) this.code = details.code;
    if (details.headers !== undefined) this.headers = details.headers;
    if (details.inspection !== undefined) this.inspection = details.inspection;
  }

  /** Plain data for crossing a worker boundary (structured clone keeps only name/message of an Error). */
  toJSON(): { name: 'ImportError'; message: string; line?: number; code?: ImportErrorCode; headers?: string[]; inspection?: unknown } {
    return { name: this.name, message: this.message, line: this.line, code: this.code, headers: this.headers, inspection: this.inspection };
  }
}

/** "alipay.csv line 27: amount '12..5' is not a number" */
export function lineError(fileName: string, line: number, reason: string, code: ImportErrorCode = 'bad-structure'): ImportError {
  return new ImportError(`${fileName} line ${line}: ${reason}`, { line, code });
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ImportError');
}

/** Last line of defence: nothing but an ImportError leaves parseStatement. Tests assert the 'internal' code never shows. */
export function asImportError(e: unknown, fileName: string): ImportError {
  if (e instanceof ImportError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new ImportError(`${fileName} could not be read (${detail})`, { code: 'internal' });
}
