/**
 * parseStatement: bytes + file name → ParseResult. Pure (no Dexie, no DOM); runs in the worker and in Node.
 * This file only sniffs and dispatches; each format lives in its own module. Nothing but ImportError escapes.
 */
import { parseAlipay, parseAlipayLegacy } from './alipay';
import { decodeText, detectTextFormat, isZip, looksBinary } from './detect';
import { ImportError, asImportError } from './errors';
import type { ParseOptions, ParseResult } from './types';
import { parseWechatCsv } from './wechat';

export { ImportError, isImportError, type ImportErrorCode } from './errors';
export type { ParseResult, ParseOptions, SkippedRow } from './types';
export type { CsvMapping, CsvDateFormat } from './csv-mapping';
export { CSV_DATE_FORMATS } from './csv-mapping';

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

function parseText(bytes: Uint8Array, fileName: string, options: ParseOptions): ParseResult {
  const { text } = decodeText(bytes);
  if (text.trim() === '') throw new ImportError(`${fileName} is empty`, { code: 'empty' });
  if (looksBinary(text)) throw new ImportError(`${fileName} is not a statement file this app can read`, { code: 'not-a-statement' });
  const format = detectTextFormat(text);
  switch (format) {
    case 'alipay':
      return parseAlipay(text, fileName);
    case 'alipay-legacy':
      return parseAlipayLegacy(text, fileName);
    case 'wechat-csv':
      return parseWechatCsv(text, fileName);
    default:
      void options;
      throw new ImportError(`${fileName}: this kind of statement is not supported yet`, { code: 'unsupported' });
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
