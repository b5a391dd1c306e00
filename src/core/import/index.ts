/**
 * parseStatement: bytes + file name → ParseResult. Pure (no Dexie, no DOM); runs in the worker and in Node.
 * This file only sniffs and dispatches; each format lives in its own module. Nothing but ImportError escapes.
 */
import { parseAlipay, parseAlipayLegacy } from './alipay';
import { parseCamt053 } from './camt053';
import { inspectCsvText, needsMapping, parseMappedCsv, type CsvInspection } from './csv-generic';
import { detectTextFormat, isZip, looksBinary, openStatement, type StatementText } from './detect';
import { asImportError, emptyFile, ImportError, notAStatement } from './errors';
import { parseOfx } from './ofx';
import { parseQif } from './qif';
import { parseQuanziCsv } from './quanzi-csv';
import type { ParseOptions, ParseResult } from './types';
import { parseWechatCsv } from './wechat';

export { ImportError, isImportError, type ImportErrorCode } from './errors';
export type { ParseResult, ParseOptions, SkippedRow } from './types';
export type { CsvMapping, CsvDateFormat } from './csv-mapping';
export { CSV_DATE_FORMATS } from './csv-mapping';
export type { CsvInspection } from './csv-generic';
export { transactionsToCsv } from './quanzi-csv';

/** Extensions the import screen, file handlers and share target accept. */
export const STATEMENT_EXTENSIONS = ['.csv', '.xlsx', '.ofx', '.qfx', '.qif', '.xml', '.txt'] as const;

/** Errors thrown by the caller's `pause` (a cancel): they are the caller's own and pass through unchanged. */
const fromPause = new WeakSet<object>();

function guardPause(options: ParseOptions): ParseOptions {
  const pause = options.pause;
  if (!pause) return options;
  return {
    ...options,
    pause: async (rows) => {
      try {
        await pause(rows);
      } catch (e) {
        if (typeof e === 'object' && e !== null) fromPause.add(e);
        throw e;
      }
    },
  };
}

function settle(result: ParseResult | Promise<ParseResult>, fileName: string): ParseResult | Promise<ParseResult> {
  if (!(result instanceof Promise)) return result;
  return result.catch((e: unknown) => {
    throw typeof e === 'object' && e !== null && fromPause.has(e) ? e : asImportError(e, fileName);
  });
}

function parseXlsxLazily(bytes: Uint8Array, fileName: string): Promise<ParseResult> {
  // Dynamic import: fflate + the XML parser load only when someone actually drops an .xlsx.
  return import('./wechat-xlsx').then((m) => m.parseWechatXlsx(bytes, fileName));
}

function readableStatement(bytes: Uint8Array, fileName: string): StatementText {
  const statement = openStatement(bytes);
  if (statement.head.trim() === '' && statement.text().trim() === '') throw emptyFile(fileName);
  if (looksBinary(statement.head)) throw notAStatement(fileName);
  return statement;
}

function parseText(bytes: Uint8Array, fileName: string, options: ParseOptions): ParseResult | Promise<ParseResult> {
  const statement = readableStatement(bytes, fileName);
  const format = detectTextFormat(statement.head);
  switch (format) {
    case 'alipay':
      return parseAlipay(statement.csv(), fileName, options.pause);
    case 'alipay-legacy':
      return parseAlipayLegacy(statement.csv(), fileName, options.pause);
    case 'wechat-csv':
      return parseWechatCsv(statement.csv(), fileName, options.pause);
    case 'ofx':
      return parseOfx(statement.text(), fileName, options.pause);
    case 'qif':
      return parseQif(statement.text(), fileName, options);
    case 'camt053':
      return parseCamt053(statement.text(), fileName);
    case 'quanzi-csv':
      return parseQuanziCsv(statement.csv(), fileName, options.pause);
    case 'csv': {
      const text = statement.text();
      return options.csvMapping ? parseMappedCsv(text, fileName, options.csvMapping, options.pause) : needsMapping(text, fileName);
    }
    default:
      throw notAStatement(fileName);
  }
}

/** Headers, sample rows and header signature of a CSV that is not a known layout (for the mapping screen). */
export function inspectCsv(bytes: Uint8Array, fileName: string): CsvInspection {
  try {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw emptyFile(fileName);
    return inspectCsvText(readableStatement(bytes, fileName).text(), fileName);
  } catch (e) {
    throw asImportError(e, fileName);
  }
}

export function parseStatement(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParseResult | Promise<ParseResult> {
  try {
    if (!(bytes instanceof Uint8Array)) throw new ImportError(`${fileName} could not be read`, { code: 'not-a-statement', reason: 'the file could not be read' });
    if (bytes.length === 0) throw emptyFile(fileName);
    if (isZip(bytes)) return settle(parseXlsxLazily(bytes, fileName), fileName);
    return settle(parseText(bytes, fileName, guardPause(options)), fileName);
  } catch (e) {
    throw asImportError(e, fileName);
  }
}
