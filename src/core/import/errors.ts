/**
 * The one error type the importers throw. Everything that reaches the UI says which file, and when a line is to blame,
 * which 1-based physical line, so a person can open the file and look.
 *
 * `message` is the whole English sentence (logs, tests, Node callers). The UI shows the file and line itself, so it
 * words the error from `code` + `params` in the person's language, and falls back to `reason` — the message
 * without its file/line prefix — for the rarer errors it has no wording of its own for.
 */
export type ImportErrorCode =
  | 'empty'
  | 'not-a-statement'
  | 'needs-mapping'
  | 'bad-mapping'
  | 'extra-cells'
  | 'no-header'
  /**
   * A mapped CSV's date is not in the chosen format: params { value, format }. A bank format's date field (OFX
   * DTPOSTED, QIF D) that is no date: params { field, value }.
   */
  | 'bad-date'
  /**
   * A mapped CSV's amount does not read with the chosen separator: params { field: amount|debit|credit, value, decimal }.
   * A bank format's amount field (OFX TRNAMT, QIF T, CAMT Amt) that is no number: params { field, value }.
   */
  | 'bad-amount'
  /** A mapped CSV's row has no amount (no params), or a bank format's record has no amount field: params { field }. */
  | 'no-amount'
  /** A bank format's record has no date: params { field } (DTPOSTED, D, BookgDt). */
  | 'no-date'
  /** A bank format's record has no currency: params { field } (CURDEF, Ccy). */
  | 'no-currency'
  /** A currency that is not three capital letters: params { value }. */
  | 'bad-currency'
  /** A CAMT entry's CdtDbtInd is neither DBIT nor CRDT: params { value }. */
  | 'bad-indicator'
  /** A QIF file with records before (or without) any `!Type:` header. */
  | 'no-type-header'
  /** The element a format is found by is missing: params { element } (`<OFX>`, BkToCstmrStmt). */
  | 'no-element'
  /** An XML file ends with elements still open (a download that stopped): params { element }, the innermost. */
  | 'cut-off'
  /** XML that does not parse: params { detail }, the XML parser's English. */
  | 'broken-xml'
  /** A quoted cell opens on this line and is never closed: the rest of the file would be one cell. */
  | 'unclosed-quote'
  /**
   * A .xlsx that does not read as a workbook (a damaged zip, a broken or missing part): params { detail }, English.
   * Never a line: the XML parser's line is inside a zipped part, not in the file the person has.
   */
  | 'bad-workbook'
  /** A readable workbook that is not a WeChat Pay bill. */
  | 'not-wechat-workbook'
  | 'bad-structure'
  | 'unsupported'
  | 'internal';

/** Values the UI words a reason with; plain text and numbers so they cross the worker boundary as they are. */
export type ImportErrorParams = Record<string, string | number>;

export interface ImportErrorDetails {
  line?: number;
  code?: ImportErrorCode;
  /** The message without the file name and line, in English. */
  reason?: string;
  params?: ImportErrorParams;
  /** For 'needs-mapping': the parsed header cells so the UI can open the mapping screen. */
  headers?: string[];
  /** For 'needs-mapping': the full CSV inspection (headers, sample rows, signature). */
  inspection?: unknown;
}

export class ImportError extends Error {
  override name = 'ImportError' as const;
  line?: number;
  code?: ImportErrorCode;
  reason?: string;
  params?: ImportErrorParams;
  headers?: string[];
  inspection?: unknown;

  constructor(message: string, details: ImportErrorDetails = {}) {
    super(message);
    if (details.line !== undefined) this.line = details.line;
    if (details.code !== undefined) this.code = details.code;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.params !== undefined) this.params = details.params;
    if (details.headers !== undefined) this.headers = details.headers;
    if (details.inspection !== undefined) this.inspection = details.inspection;
  }

  /** Plain data for crossing a worker boundary (structured clone keeps only name/message of an Error). */
  toJSON(): { name: 'ImportError'; message: string } & ImportErrorDetails {
    return { name: this.name, message: this.message, line: this.line, code: this.code, reason: this.reason, params: this.params, headers: this.headers, inspection: this.inspection };
  }
}

/** "alipay.csv line 27: amount '12..5' is not a number" */
export function lineError(fileName: string, line: number, reason: string, code: ImportErrorCode = 'bad-structure', params?: ImportErrorParams): ImportError {
  return new ImportError(`${fileName} line ${line}: ${reason}`, { line, code, reason, ...(params ? { params } : {}) });
}

/** "bank.ofx: no <OFX> element was found" — the whole file is to blame, no one line. */
export function fileError(fileName: string, reason: string, details: Omit<ImportErrorDetails, 'reason' | 'line'> = {}): ImportError {
  return new ImportError(`${fileName}: ${reason}`, { ...details, reason });
}

export function emptyFile(fileName: string): ImportError {
  return new ImportError(`${fileName} is empty`, { code: 'empty', reason: 'the file is empty' });
}

export function notAStatement(fileName: string): ImportError {
  return new ImportError(`${fileName} is not a statement file this app can read`, { code: 'not-a-statement', reason: 'not a statement file this app can read' });
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ImportError');
}

/** Last line of defence: nothing but an ImportError leaves parseStatement. Tests assert the 'internal' code never shows. */
export function asImportError(e: unknown, fileName: string): ImportError {
  if (e instanceof ImportError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new ImportError(`${fileName} could not be read (${detail})`, { code: 'internal', reason: `could not be read (${detail})`, params: { detail } });
}
