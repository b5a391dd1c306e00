import { parseAmountMinor } from '../money';
import type { RowCursor } from './csv-tokenizer';
import { normalizeDateTime } from './dates';
import { parseLedgerTable, type LedgerLayout } from './ledger-table';
import type { ParseOptions, ParseResult } from './types';

/**
 * Alipay 支付宝 交易明细 CSV, both layouts:
 * - 2022+: preamble, dashed line, header 交易时间,交易分类,...; tabs after order ids; closing dashed line.
 * - legacy: 交易号,商家订单号,交易创建时间,... with space-padded cells and summary lines after the table.
 * Rows arrive from a reader over the GB18030 bytes (detect.ts).
 */
const isTableEnd = (row: RowCursor): boolean => {
  const first = row.cell(0).trimStart();
  return first.startsWith('---') || (row.count <= 2 && /^共\d+笔记录/.test(first));
};

const ALIPAY: LedgerLayout = {
  format: 'alipay',
  source: 'alipay',
  label: 'Alipay',
  headerStart: ['交易时间', '交易分类'],
  columns: { time: '交易时间', category: '交易分类', counterparty: '交易对方', description: '商品说明', direction: '收/支', amount: '金额', method: '收/付款方式', status: '交易状态', tradeNo: '交易订单号', orderNo: '商家订单号' },
  isTableEnd,
};

const ALIPAY_LEGACY: LedgerLayout<'paid' | 'modified' | 'refunded'> = {
  format: 'alipay-legacy',
  source: 'alipay',
  label: 'Alipay',
  headerStart: ['交易号', '商家订单号'],
  // 交易创建时间 is what the 2022+ layout calls 交易时间; 付款时间 is the fallback for damaged rows.
  columns: { tradeNo: '交易号', orderNo: '商家订单号', time: '交易创建时间', paid: '付款时间', modified: '最近修改时间', type: '类型', counterparty: '交易对方', description: '商品名称', amount: '金额(元)', direction: '收/支', status: '交易状态', refunded: '成功退款(元)' },
  timeFallback: 'paid',
  isTableEnd,
  adjustStatus(classified, amountMinor, row, col) {
    if (classified.kind !== 'expense' || classified.status !== 'completed') return classified.status;
    // 成功退款 equal to the amount means the whole payment came back.
    return refundedMinor(row, col) === Math.abs(amountMinor) ? 'refunded' : classified.status;
  },
  // Less than the amount came back: the layout has no refund row, so the money that came back gets one, dated by
  // 最近修改时间 (the refund changed the trade) and linked to the payment by its ids.
  impliedRefund(payment, row, col) {
    const refunded = refundedMinor(row, col);
    if (payment.kind !== 'expense' || payment.status !== 'completed' || refunded === 0 || refunded >= Math.abs(payment.amountMinor)) return undefined;
    const modified = normalizeDateTime(row.cell(col.modified!).trim());
    return { ...payment, occurredAt: modified ?? payment.occurredAt, amountMinor: refunded, kind: 'refund', description: `退款-${payment.description}` };
  },
};

/** The legacy 成功退款（元） cell in minor units; 0 when empty or unreadable. */
function refundedMinor(row: RowCursor, col: Record<string, number>): number {
  if (col.refunded! < 0) return 0;
  return Math.abs(parseAmountMinor(row.cell(col.refunded!).trim(), { currency: 'CNY' }) ?? 0);
}

export function parseAlipay(rows: RowCursor, fileName: string, pause?: ParseOptions['pause']): Promise<ParseResult> {
  return parseLedgerTable(rows, fileName, ALIPAY, pause);
}

export function parseAlipayLegacy(rows: RowCursor, fileName: string, pause?: ParseOptions['pause']): Promise<ParseResult> {
  return parseLedgerTable(rows, fileName, ALIPAY_LEGACY, pause);
}
