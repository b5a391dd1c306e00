/**
 * parseStatement: bytes + file name → ParseResult. Pure (no Dexie, no DOM); runs in the worker and in Node.
 * This file only sniffs and dispatches; each format lives in its own module. Nothing but ImportError escapes.
 */
import { parseAlipay, parseAlipayLegacy } from './alipay';
import { parseCamt053 } from './camt053';
import { inspectCsvText, needsMapping, parseMappedCsv, type CsvInspection } from './csv-generic';
import { decodeText, detectTextFormat, isZip, looksBinary } from './detect';
import { ImportError, asImportError } from './errors';
import { parseOfx } from './ofx';
import { parseQif } from './qif';
import type { ParseOptions, ParseResult } from './types';
import { parseWechatCsv } from './wechat';

export { ImportError, isImportError, type ImportErrorCode } from './errors';
export type { ParseResult, ParseOptions, SkippedRow } from './types';
export type { CsvMapping, CsvDateFormat } from './csv-mapping';
export { CSV_DATE_FORMATS } from './csv-mapping';
export type { CsvInspection } from './csv-generic';

/** Extensions the import screen, file handlers and share target accept. */
export const STATEMENT_EXTENSIONS = ['.csv', '.xlsx', '.ofx', '.qfx', '.qif', '.xml', '.txt'] as const;

function parseXlsxLazily(bytes: Uint8Array, fileName: string): Promise<ParseResult> {
  // Dynamic import: fflate + the XML parser load only when someone actually drops an .xlsx.
  return import('./wechat-xlsx').then(
    (m) => {
      try {
        return m.parseWechatXlsx(bytes, fileName);
      } catch (e) {
        throw asImportError(e, fileName);
      }
    },
    (e: unknown) => {
      throw asImportError(e, fileName);
    },
  );
}

function readableText(bytes: Uint8Array, fileName: string): string {
  const { text } = decodeText(bytes);
  if (text.trim() === '') throw new ImportError(`${fileName} is empty`, { code: 'empty' });
  if (looksBinary(text)) throw new ImportError(`${fileName} is not a statement file this app can read`, { code: 'not-a-statement' });
  return text;
}

function parseText(bytes: Uint8Array, fileName: string, options: ParseOptions): ParseResult {
  const text = readableText(bytes, fileName);
  const format = detectTextFormat(text);
  switch (format) {
    case 'alipay':
      return parseAlipay(text, fileName);
    case 'alipay-legacy':
      return parseAlipayLegacy(text, fileName);
    case 'wechat-csv':
      return parseWechatCsv(text, fileName);
    case 'ofx':
      return parseOfx(text, fileName);
    case 'qif':
      return parseQif(text, fileName, options);
    case 'camt053':
      return parseCamt053(text, fileName);
    case 'csv':
      return options.csvMapping ? parseMappedCsv(text, fileName, options.csvMapping) : needsMapping(text, fileName);
    default:
      throw new ImportError(`${fileName} is not a statement file this app can read`, { code: 'not-a-statement' });
  }
}

/** Headers, sample rows and header signature of a CSV that is not a known layout (for the mapping screen). */
export function inspectCsv(bytes: Uint8Array, fileName: string): CsvInspection {
  try {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new ImportError(`${fileName} is empty`, { code: 'empty' });
    return inspectCsvText(readableText(bytes, fileName), fileName);
  } catch (e) {
    throw asImportError(e, fileName);
  }
}

export function parseStatement(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParseResult | Promise<ParseResult> {
  try {
    if (!(bytes instanceof Uint8Array)) throw new ImportError(`${fileName} could not be read`, { code: 'not-a-statement' });
    if (bytes.length === 0) throw new ImportError(`${fileName} is empty`, { code: 'empty' });
    if (isZip(bytes)) return parseXlsxLazily(bytes, fileName);
    return parseText(bytes, fileName, options);
  } catch (e) {
    throw asImportError(e, fileName);
  }
}
