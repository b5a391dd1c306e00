/** A circle as listed in the catalog (src/hub/seed/catalog.json, the hub's `catalog` db). */
export type Criteria =
  | { topic: string; minCount?: number; withinDays?: number }
  | { merchant: string[]; minCount?: number; withinDays?: number }
  | { all: Criteria[] }
  | { any: Criteria[] };

export interface Circle {
  _id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  operator: string;
  /** The operator's name in Latin letters, for the English UI, when `operator` is in Chinese only (美团 → Meituan). */
  operatorEn?: string;
  operators: string[];
  /** topic id → weight */
  topics: Record<string, number>;
  policy: 'open' | 'approval';
  memberCount: number;
  audience?: Criteria;
  /** How the business appears as the counterparty on statements (statement-names.ts); none for a community circle. */
  merchants?: string[];
}

export interface Suggestion {
  circleId: string;
  score: number;
  reasons: string[];
  /** When the person pays at the circle's business: the names on their statements (for "see these payments"). */
  paidAt?: string[];
}

export type Locale = 'zh-CN' | 'en';
