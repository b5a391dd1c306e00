import type { RowCursor } from './csv-tokenizer';
import { parseLedgerTable, type LedgerLayout } from './ledger-table';
import type { ParseOptions, ParseResult } from './types';

/**
 * WeChat Pay 微信支付账单: the CSV (UTF-8 with BOM, preamble, `¥1,020.50` amounts) and the .xlsx (same columns,
 * see wechat-xlsx.ts). Both hand rows of cells to `wechatRowsToResult`.
 */
const WECHAT_COLUMNS: LedgerLayout['columns'] = {
  time: '交易时间', category: '交易类型', counterparty: '交易对方', description: '商品', direction: '收/支',
  // 金额(元), also accepted without its unit.
  amount: ['金额(元)', '金额'], method: '支付方式', status: '当前状态', tradeNo: '交易单号', orderNo: '商户单号',
};

/** A row from either source. `time` may already be ISO (xlsx serial dates are converted before). */
export function wechatRowsToResult(rows: RowCursor, fileName: string, format: string, pause?: ParseOptions['pause']): Promise<ParseResult> {
  return parseLedgerTable(rows, fileName, {
    format,
    source: 'wechat',
    label: 'WeChat Pay',
    headerStart: ['交易时间', '交易类型'],
    columns: WECHAT_COLUMNS,
    isTableEnd: (row) => row.cell(0).trimStart().startsWith('---'),
  }, pause);
}

export function parseWechatCsv(rows: RowCursor, fileName: string, pause?: ParseOptions['pause']): Promise<ParseResult> {
  return wechatRowsToResult(rows, fileName, 'wechat-csv', pause);
}
