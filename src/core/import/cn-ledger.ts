import type { TransactionKind, TransactionStatus } from '../transaction';

/**
 * What Alipay and WeChat Pay bills share: the 收/支 direction column, the status words, and how a refund row looks.
 * Kept in one place so both importers agree on the semantics in issue #3.
 */

/** Status words that mean the payment itself went through. */
const COMPLETED = new Set(['交易成功', '支付成功', '代付成功', '还款成功', '已收钱', '朋友已收钱', '已转账', '已存入零钱', '提现已到账', '充值完成', '充值成功', '提现成功', '已到账', '转账成功', '已支出', '已收入']);
const REFUNDED = new Set(['退款成功', '已全额退款', '全额退款', '交易关闭(已退款)']);
const CLOSED = /关闭|已退还|对方已退还|撤销|已取消/;
const FAILED = /失败/;
const PENDING = /等待|处理中|待|审核中|进行中|未到账|冻结/;

/** Maps a status cell for a payment row (not a refund row). Unknown words count as completed, as the app shows them. */
export function paymentStatus(text: string): TransactionStatus {
  if (COMPLETED.has(text)) return 'completed';
  if (REFUNDED.has(text)) return 'refunded';
  if (FAILED.test(text)) return 'failed';
  if (CLOSED.test(text)) return 'closed';
  if (PENDING.test(text)) return 'pending';
  return 'completed';
}

/** A refund row's own status: the refund succeeded unless the words say otherwise. */
export function refundRowStatus(text: string): TransactionStatus {
  if (FAILED.test(text)) return 'failed';
  if (text.includes('关闭')) return 'closed';
  if (PENDING.test(text)) return 'pending';
  return 'completed';
}

/** Wallet-internal moves that put money back into the wallet; every other neutral row is shown as money going out. */
const TRANSFER_INWARD = /收益|转出到余额|转入零钱|存入零钱|退还|退回|赎回到余额/;

export interface Classified {
  kind: TransactionKind;
  /** -1 money out, +1 money in. */
  sign: -1 | 1;
  status: TransactionStatus;
}

/**
 * direction: 收/支 cell (支出 | 收入 | 不计收支 | 中性交易 | / | '');
 * type: the source's category or transaction type (退款 rows are marked there);
 * description: 商品说明 / 商品 (Alipay refund rows start with 退款-).
 */
export function classifyRow(direction: string, statusText: string, type: string, description: string): Classified {
  const isRefund =
    direction !== '支出' &&
    (type === '退款' || type.endsWith('-退款') || description.startsWith('退款') || (direction === '收入' && statusText.includes('退款')));
  if (isRefund) return { kind: 'refund', sign: 1, status: refundRowStatus(statusText) };
  const status = paymentStatus(statusText);
  if (direction === '支出') return { kind: 'expense', sign: -1, status };
  if (direction === '收入') return { kind: 'income', sign: 1, status };
  const inward = TRANSFER_INWARD.test(description) || TRANSFER_INWARD.test(type);
  return { kind: 'transfer', sign: inward ? 1 : -1, status };
}

/** '/' is how both apps write "nothing here". */
export function cleanCell(text: string | undefined): string {
  if (text === undefined) return '';
  const t = text.trim();
  return t === '/' ? '' : t;
}

/** Header text normalised for lookup: no spaces, ASCII parentheses. */
export function normaliseHeader(text: string): string {
  return text.replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

export function headerIndex(cells: string[]): Map<string, number> {
  const map = new Map<string, number>();
  cells.forEach((c, i) => {
    const key = normaliseHeader(c);
    if (key && !map.has(key)) map.set(key, i);
  });
  return map;
}
