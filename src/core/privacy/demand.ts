import type { Transaction } from '../transaction';

/**
 * The true answer to a demand question ("did you spend on <topics> in the last <withinDays> days?"),
 * computed on the device from the person's own rows. It never leaves the device: only its randomized
 * response does (see randomized-response.ts).
 */
export type DemandRow = Pick<Transaction, 'occurredAt' | 'amountMinor' | 'kind' | 'status' | 'counterparty' | 'description'> &
  Partial<Pick<Transaction, 'mcc' | 'category'>>;

export interface DemandQuestion { topics: readonly string[]; withinDays: number }

const MS_PER_DAY = 86_400_000;

/** Local calendar day of `occurredAt` (`YYYY-MM-DD…`) as days since the epoch. */
function dayOf(occurredAt: string): number {
  return Date.UTC(+occurredAt.slice(0, 4), +occurredAt.slice(5, 7) - 1, +occurredAt.slice(8, 10)) / MS_PER_DAY;
}

/** Spending that counts: a completed (or pending) expense; refunds, failures and closed orders do not. */
export function isSpending(row: Pick<DemandRow, 'kind' | 'status' | 'amountMinor'>): boolean {
  return row.kind === 'expense' && row.amountMinor < 0 && (row.status === 'completed' || row.status === 'pending');
}

/**
 * True when at least one spending row within the last `withinDays` days (today included) is in one of the
 * question's topics. `topicOf` maps a row to its topic id and `parentOf` a topic to its parent, so a question
 * may name a topic ('coffee') or a whole group ('food').
 */
export function demandTruth(
  rows: Iterable<DemandRow>,
  question: DemandQuestion,
  topicOf: (row: DemandRow) => string | null,
  options: { now?: Date; parentOf?: (topic: string) => string | undefined } = {},
): boolean {
  const now = options.now ?? new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY;
  const first = today - Math.max(1, Math.floor(question.withinDays)) + 1;
  const wanted = new Set(question.topics);
  for (const row of rows) {
    if (!isSpending(row)) continue;
    const day = dayOf(row.occurredAt);
    if (!(day >= first && day <= today)) continue;
    const topic = topicOf(row);
    if (!topic) continue;
    if (wanted.has(topic)) return true;
    const parent = options.parentOf?.(topic);
    if (parent && wanted.has(parent)) return true;
  }
  return false;
}
