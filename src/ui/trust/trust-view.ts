import { parseOrderIds, type RrEstimate } from '../../core/privacy';
import { TOPIC_BY_ID, PARENTS, topicName } from '../../core/categorize';
import type { Locale } from '../../i18n/index.svelte';
import type { OutboxRow } from '../../db/circle-docs';
import type { AnswerDoc, ClaimDoc, QuestionDoc } from '../../hub/doc-types';

/** A share in [0, 1] as a whole percentage for people. */
export const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** The operator's result line parameters: display values clipped to [0, 1] (see randomized-response.ts). */
export function resultParams(e: RrEstimate): Record<string, string | number> {
  return {
    estimate: percent(e.display.estimate), low: percent(e.display.ci95[0]), high: percent(e.display.ci95[1]), n: e.n, epsilon: e.epsilon,
  };
}

export function questionText(q: Pick<QuestionDoc, 'text'>, locale: Locale): string {
  const zh = q.text?.zh?.trim();
  const en = q.text?.en?.trim();
  return (locale === 'en' ? en || zh : zh || en) ?? '';
}

/** Topic or group names, in the current language. */
export function topicsLabel(topics: readonly string[], locale: Locale): string {
  return topics.map((id) => (TOPIC_BY_ID.has(id) ? topicName(id, locale) : (PARENTS[id]?.[locale === 'en' ? 'en' : 'zh'] ?? id))).join(locale === 'en' ? ', ' : '、');
}

/** Reads a dropped/picked CSV file and returns its order ids appended to the textarea's text. */
export async function appendFileIds(current: string, file: File): Promise<string> {
  const text = await file.text();
  const ids = parseOrderIds(text);
  return [current.trim(), ids.join('\n')].filter(Boolean).join('\n');
}

export interface SentItem {
  key: string;
  kind: 'claim' | 'answer';
  circleId: string;
  date: string;
  status: OutboxRow['status'];
  /** Sent or refused on the device a restored backup was made on. */
  fromBackup?: true;
  orderId?: string;
  /** The order id went sealed for the operator (the person's own record supplies it here). */
  sealed?: boolean;
  bit?: 0 | 1;
  epsilon?: number;
  questionId?: string;
}

/**
 * The claims and noised answers in the outbox history (newest first), for the privacy page. `claimed`: the order
 * id this device last claimed per circle. It belongs to the newest claim of that circle only: after a refused
 * claim the person may claim another order, and the earlier sealed claim must not show the later id.
 */
export function sentItems(rows: readonly OutboxRow[], claimed: Readonly<Record<string, string>> = {}): SentItem[] {
  const items: SentItem[] = [];
  const claimSeen = new Set<string>();
  for (const row of rows) {
    const doc = row.doc;
    if (doc._deleted) continue;
    const base = { key: row.opId, circleId: row.circleId, date: row.deliveredAt ?? row.rejectedAt ?? row.createdAt, status: row.status, ...(row.fromBackup ? { fromBackup: true as const } : {}) };
    if (doc.type === 'claim') {
      const claim = doc as ClaimDoc;
      const newest = !claimSeen.has(row.circleId);
      claimSeen.add(row.circleId);
      const orderId = claim.orderId ?? (newest ? claimed[row.circleId] : undefined);
      items.push({ ...base, kind: 'claim', ...(orderId !== undefined ? { orderId } : {}), ...(claim.sealed !== undefined ? { sealed: true } : {}) });
    }
    else if (doc.type === 'answer') {
      const a = doc as AnswerDoc;
      items.push({ ...base, kind: 'answer', bit: a.bit, epsilon: a.epsilon, questionId: a.question });
    }
  }
  return items;
}
