/**
 * Import errors and format ids as the person reads them. The parsers' messages are English and name the file and
 * line; the screen names those itself, so it words the reason from the error's code and params in the UI language,
 * and shows the parser's English reason (without its file/line prefix) only for errors it has no words for.
 */
import type { ImportFailure } from '../../app/api/import-api';
import { messageTables, translate, type Locale } from '../../i18n/translate';
import type { SkipCode, SkippedRow } from '../../core/import/types';

export type ShownFailure = Pick<ImportFailure, 'fileName' | 'message' | 'line' | 'code' | 'reason' | 'params'>;
type Params = Record<string, string | number>;

/** "Alipay CSV" for 'alipay'; an id this build has no name for (an older or newer record) is shown as it is. */
export function formatName(format: string, locale: Locale): string {
  const key = `import.format.${format}`;
  return key in messageTables()[locale] ? translate(locale, key) : format;
}

const FIELDS = new Set(['amount', 'debit', 'credit']);
/** Kinds of workbook damage with words of their own (WorkbookProblem); the library's English detail is left out. */
const WORKBOOK_PROBLEMS = new Set(['cut-off', 'corrupt', 'no-sheet', 'bad-xml']);

/** The message key and its values for a coded error, or undefined when the params it needs are not there. */
function coded(failure: ShownFailure, locale: Locale): { key: string; params: Params } | undefined {
  const p = failure.params ?? {};
  const has = (...names: string[]): boolean => names.every((n) => p[n] !== undefined);
  switch (failure.code) {
    case 'empty': return { key: 'import.err.empty', params: {} };
    case 'not-a-statement': return { key: 'import.err.notStatement', params: {} };
    case 'needs-mapping': return { key: 'import.err.needsMapping', params: {} };
    case 'no-amount': return { key: has('field') ? 'import.err.noAmountField' : 'import.err.noAmount', params: p };
    case 'unclosed-quote': return { key: 'import.err.unclosedQuote', params: {} };
    case 'bad-mapping': return has('width') ? { key: 'import.err.badMapping', params: p } : undefined;
    case 'extra-cells': return has('count', 'width') ? { key: 'import.err.extraCells', params: p } : undefined;
    case 'bad-date':
      if (has('value', 'format')) return { key: 'import.err.badDate', params: p };
      return has('value', 'field') ? { key: 'import.err.badFieldDate', params: p } : undefined;
    case 'bad-amount':
      if (has('value', 'decimal')) {
        return FIELDS.has(String(p.field)) ? { key: 'import.err.badAmount', params: { ...p, field: translate(locale, `import.err.field.${p.field}`) } } : undefined;
      }
      // A bank format's amount: the field is the format's own tag (TRNAMT, T, Amt), shown as it is.
      return has('value', 'field') ? { key: 'import.err.badFieldAmount', params: p } : undefined;
    case 'no-date': return has('field') ? { key: 'import.err.noDate', params: p } : undefined;
    case 'no-currency': return has('field') ? { key: 'import.err.noCurrency', params: p } : undefined;
    case 'bad-currency': return has('value') ? { key: 'import.err.badCurrency', params: p } : undefined;
    case 'bad-indicator': return has('value') ? { key: 'import.err.badIndicator', params: p } : undefined;
    case 'no-type-header': return { key: 'import.err.noTypeHeader', params: {} };
    case 'no-element': return has('element') ? { key: 'import.err.noElement', params: p } : undefined;
    case 'cut-off': return has('element') ? { key: 'import.err.cutOff', params: p } : undefined;
    case 'broken-xml': return has('detail') ? { key: 'import.err.brokenXml', params: p } : undefined;
    case 'bad-workbook':
      if (WORKBOOK_PROBLEMS.has(String(p.problem))) return { key: `import.err.badWorkbook.${p.problem}`, params: {} };
      return has('detail') ? { key: 'import.err.badWorkbook', params: p } : undefined;
    case 'not-wechat-workbook': return { key: 'import.err.notWechatWorkbook', params: {} };
    case 'no-header':
      if (has('column')) return { key: 'import.err.noColumn', params: p };
      if (has('format', 'columns')) return { key: 'import.err.noHeader', params: { ...p, format: formatName(String(p.format), locale) } };
      return undefined;
    case 'internal': return has('detail') ? { key: 'import.err.internal', params: p } : undefined;
    case 'app-updated': return { key: 'import.err.appUpdated', params: {} };
    case 'storage-full': return { key: 'import.err.storageFull', params: {} };
    default: return undefined;
  }
}

/** The parser's own reason; a failure from before `reason` existed, or from outside the parsers, loses its prefix here. */
function englishReason(failure: ShownFailure): string {
  if (failure.reason) return failure.reason;
  const prefixes = [failure.line !== undefined ? `${failure.fileName} line ${failure.line}: ` : '', `${failure.fileName}: `];
  const prefix = prefixes.find((x) => x !== '' && failure.message.startsWith(x));
  return prefix ? failure.message.slice(prefix.length) : failure.message;
}

/** The values each skip code's words need; a row without them is shown in the parser's English. */
const SKIP_PARAMS: Record<SkipCode, string[]> = {
  'few-cells': ['count', 'expected'], 'bad-date': ['value'], 'bad-amount': ['value'], 'unclosed-quote': [], 'no-date': [],
  'date-year-first': ['value'], 'bad-currency': ['value'], 'bad-kind': ['value', 'allowed'], 'bad-status': ['value', 'allowed'],
  'bad-fingerprint': ['value'], 'repeated-fingerprint': ['value'],
};

/** A skipped row's reason in the UI language when its code is known (and has its values), else the parser's English. */
export function skippedReasonText(row: Pick<SkippedRow, 'reason' | 'code' | 'params'>, locale: Locale): string {
  // A record stored by a newer build may carry a code this one does not know: Object.hasOwn keeps 'toString' out.
  const needs = row.code && Object.hasOwn(SKIP_PARAMS, row.code) ? SKIP_PARAMS[row.code] : undefined;
  if (!row.code || !needs || !needs.every((name) => row.params?.[name] !== undefined)) return row.reason;
  return translate(locale, `import.skip.${row.code}`, row.params ?? {});
}

/** What went wrong, without the file and line. */
export function importErrorReason(failure: ShownFailure, locale: Locale): string {
  const known = coded(failure, locale);
  return known ? translate(locale, known.key, known.params) : translate(locale, 'import.err.other', { reason: englishReason(failure) });
}

/** "german.csv, line 2: amount '-12,50' is not …" — the file, the line when one is to blame, and the reason, once each. */
export function importErrorText(failure: ShownFailure, locale: Locale): string {
  const message = importErrorReason(failure, locale);
  return failure.line !== undefined
    ? translate(locale, 'import.errorLine', { file: failure.fileName, line: failure.line, message })
    : translate(locale, 'import.error', { file: failure.fileName, message });
}
