import { unzipSync } from 'fflate';
import { cursorOf, type CsvRow } from './csv-tokenizer';
import { excelSerialToIso } from './dates';
import { fileError, ImportError } from './errors';
import { wechatRowsToResult } from './wechat';
import { child, children, parseXml, textOf } from './xml';
import type { ParseResult } from './types';

/**
 * WeChat Pay .xlsx export. Loaded lazily by index.ts (dynamic import) so fflate and the XML parser stay out of
 * the main bundle. Reads sharedStrings + the first sheet, turns cells into text rows (line = sheet row number),
 * converts Excel serial times, and hands the rows to the same code as the CSV.
 */
const SHEET_ARRAYS = new Set(['row', 'c', 'si', 'r', 'sheet', 'Relationship']);
const SERIAL = /^\d+(\.\d+)?$/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(E[-+]?\d+)?$/i;

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** A sheet's stored double (e.g. 35.499999999999993) to the 2-decimal text Excel shows, rounded half up on text. */
export function roundNumberText(text: string, digits = 2): string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  const dot = text.indexOf('.');
  if (dot < 0 && !/e/i.test(text)) return text;
  if (dot >= 0 && text.length - dot - 1 <= digits && !/e/i.test(text)) return text;
  // 15 significant digits is what Excel itself displays; past that the double's noise begins.
  const precise = value.toPrecision(15);
  if (/e/i.test(precise)) return value.toFixed(digits);
  const negative = precise.startsWith('-');
  const [whole, frac = ''] = (negative ? precise.slice(1) : precise).split('.');
  const kept = (frac + '0'.repeat(digits)).slice(0, digits);
  let minor = BigInt(whole + kept);
  if ((frac[digits] ?? '0') >= '5') minor += 1n;
  const s = minor.toString().padStart(digits + 1, '0');
  return (negative ? '-' : '') + s.slice(0, -digits) + '.' + s.slice(-digits);
}

function firstSheetPath(files: Record<string, Uint8Array>, fileName: string): string {
  const decoder = new TextDecoder();
  const workbook = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (workbook && rels) {
    const wb = parseXml(decoder.decode(workbook), fileName, SHEET_ARRAYS);
    const sheet = children(child(child(wb, 'workbook'), 'sheets'), 'sheet')[0];
    const id = textOf(child(sheet, '@_id'));
    const rel = children(child(parseXml(decoder.decode(rels), fileName, SHEET_ARRAYS), 'Relationships'), 'Relationship').find(
      (r) => textOf(child(r, '@_Id')) === id,
    );
    const target = textOf(child(rel, '@_Target'));
    if (target) return target.startsWith('/') ? target.slice(1) : 'xl/' + target;
  }
  return 'xl/worksheets/sheet1.xml';
}

function sharedStrings(xml: Uint8Array | undefined, fileName: string): string[] {
  if (!xml) return [];
  const sst = child(parseXml(new TextDecoder().decode(xml), fileName, SHEET_ARRAYS), 'sst');
  return children(sst, 'si').map((si) => {
    const t = child(si, 't');
    if (t !== undefined) return textOf(t);
    // Rich text: the string is the concatenation of its runs.
    return children(si, 'r').map((r) => textOf(child(r, 't'))).join('');
  });
}

function sheetRows(files: Record<string, Uint8Array>, path: string, strings: string[], fileName: string): CsvRow[] {
  const xml = files[path];
  if (!xml) throw fileError(fileName, 'the workbook has no sheet to read');
  const sheet = parseXml(new TextDecoder().decode(xml), fileName, SHEET_ARRAYS);
  const out: CsvRow[] = [];
  for (const row of children(child(child(sheet, 'worksheet'), 'sheetData'), 'row')) {
    const line = Number(textOf(child(row, '@_r'))) || out.length + 1;
    const cells: string[] = [];
    for (const c of children(row, 'c')) {
      const ref = textOf(child(c, '@_r'));
      const col = ref ? columnIndex(ref) : cells.length;
      if (col < 0 || col > 16383) continue;
      const type = textOf(child(c, '@_t'));
      let value: string;
      if (type === 's') value = strings[Number(textOf(child(c, 'v')))] ?? '';
      else if (type === 'inlineStr') value = textOf(child(child(c, 'is'), 't'));
      else value = textOf(child(c, 'v'));
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    out.push({ cells, line, unterminated: false });
  }
  return out;
}

/** Excel numbers in the time and amount columns become the text the CSV would have had. */
function normaliseNumbers(rows: CsvRow[]): void {
  const h = rows.findIndex((r) => r.cells[0]?.trim() === '交易时间');
  if (h < 0) return;
  const timeCol = 0;
  const amountCol = rows[h].cells.findIndex((c) => c.trim().startsWith('金额'));
  for (let r = h + 1; r < rows.length; r++) {
    const cells = rows[r].cells;
    const t = cells[timeCol]?.trim() ?? '';
    if (SERIAL.test(t)) cells[timeCol] = excelSerialToIso(Number(t)) ?? t;
    const a = amountCol >= 0 ? cells[amountCol]?.trim() ?? '' : '';
    if (PLAIN_NUMBER.test(a)) cells[amountCol] = roundNumberText(a);
  }
}

export function parseWechatXlsx(bytes: Uint8Array, fileName: string): Promise<ParseResult> {
  const rows = workbookRows(bytes, fileName);
  const isWechat = rows.slice(0, 200).some((r) => r.cells[0]?.trim() === '交易时间' && r.cells[1]?.trim() === '交易类型');
  if (!isWechat) {
    throw fileError(fileName, 'this workbook is not a WeChat Pay bill; save it as CSV to map its columns', { code: 'not-wechat-workbook' });
  }
  normaliseNumbers(rows);
  return wechatRowsToResult(cursorOf(rows), fileName, 'wechat-xlsx');
}

/** The first sheet's rows; anything that stops the workbook being read is one 'bad-workbook' refusal. */
function workbookRows(bytes: Uint8Array, fileName: string): CsvRow[] {
  try {
    const files = unzipSync(bytes, {
      filter: (f) => f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels' || f.name === 'xl/sharedStrings.xml' || f.name.startsWith('xl/worksheets/sheet'),
    });
    const strings = sharedStrings(files['xl/sharedStrings.xml'], fileName);
    return sheetRows(files, firstSheetPath(files, fileName), strings, fileName);
  } catch (e) {
    const detail = e instanceof ImportError ? (e.reason ?? e.message) : e instanceof Error ? e.message : String(e);
    throw fileError(fileName, `this .xlsx is damaged and cannot be read as a workbook (${detail}); export the bill again`, { code: 'bad-workbook', params: { detail, problem: workbookProblem(e) } });
  }
}

/**
 * The kind of damage, which the screen words in the person's language (the detail is the unzip or XML library's
 * English). fflate's code 13 (invalid zip data) is a zip without its directory at the end: a download that broke off,
 * since the file starts as a zip or it would not be here. Its other codes (a deflate stream that ends early or holds
 * invalid blocks) are data damaged inside a whole file. The rest are the sheet reader's own refusals.
 */
export type WorkbookProblem = 'cut-off' | 'corrupt' | 'no-sheet' | 'bad-xml';
function workbookProblem(e: unknown): WorkbookProblem {
  if (e instanceof ImportError) return e.code === 'broken-xml' || e.code === 'cut-off' ? 'bad-xml' : 'no-sheet';
  const code = (e as { code?: unknown } | null)?.code;
  return code === 13 ? 'cut-off' : 'corrupt';
}
