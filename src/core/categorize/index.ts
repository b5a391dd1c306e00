import type { Transaction } from '../transaction';
import { KEYWORDS, MCC, MERCHANTS, SOURCE_CATEGORIES } from './dictionary';
import { NaiveBayes, type NaiveBayesState } from './naive-bayes';
import { TOPIC_BY_ID } from './taxonomy';

export * from './taxonomy';
export { NaiveBayes, tokenize, type NaiveBayesState } from './naive-bayes';

/**
 * A person's rule or correction. `match: 'counterparty'` = the counterparty equals `pattern` (a correction made
 * on one merchant); `match: 'contains'` = counterparty or description contains `pattern` (a rule).
 * Either applies to all rows, past and future, and outranks every built-in signal.
 */
export interface UserRule {
  id: string;
  match: 'counterparty' | 'contains';
  pattern: string;
  topic: string;
  createdAt: string;
}

export type Signal = 'rule' | 'merchant' | 'keyword' | 'mcc' | 'source' | 'model';
export interface Categorized {
  topic: string | null;
  signal: Signal | null;
}

type Categorizable = Pick<Transaction, 'counterparty' | 'description'> & Partial<Pick<Transaction, 'mcc' | 'category'>>;

/** Longest pattern first, so '美团外卖' wins over '美团'. */
const byLength = (list: [string, string][]) => [...list].sort((a, b) => b[0].length - a[0].length);
const MERCHANT_PATTERNS = byLength(MERCHANTS);
const KEYWORD_PATTERNS = byLength(KEYWORDS);
const SOURCE_PATTERNS = byLength(SOURCE_CATEGORIES);

/** Keywords may hold two words ('门票 演出'): every part must occur. */
function findPattern(text: string, patterns: [string, string][]): string | null {
  for (const [pattern, topic] of patterns) {
    if (pattern.includes(' ') && pattern.trim().includes(' ')) {
      if (pattern.trim().split(' ').every((part) => text.includes(part))) return topic;
    } else if (text.includes(pattern)) return topic;
  }
  return null;
}

const MODEL_MIN_PROBABILITY = 0.6;
/** How much one correction weighs against the dictionary's own words (0.5 each). */
const CORRECTION_WEIGHT = 5;

export class Categorizer {
  /** counterparty → (description + mcc + source category) → result: most rows repeat a few merchants. */
  private cache = new Map<string, Map<string, Categorized>>();
  private exact = new Map<string, string>();
  private contains: UserRule[] = [];
  readonly model: NaiveBayes;
  /** Bumped whenever a result could change, so callers that memoise results (the profile accumulator) know to drop them. */
  version = 0;

  /**
   * With the person's rules, each taught to the model as a correction (so every place that categorises, the profile
   * and the answer to a demand question alike, places rows the same way). A saved model state has learnt them already.
   */
  constructor(rules: UserRule[] = [], modelState?: NaiveBayesState) {
    this.model = new NaiveBayes(modelState);
    if (!modelState) {
      this.seedModel();
      for (const rule of rules) this.model.learn(rule.pattern, rule.topic, CORRECTION_WEIGHT);
    }
    this.setRules(rules);
  }

  /** The dictionary's own merchant names are the model's prior knowledge. */
  private seedModel(): void {
    for (const [name, topic] of MERCHANTS) this.model.learn(name, topic, 0.5);
    for (const [word, topic] of KEYWORDS) this.model.learn(word, topic, 0.5);
  }

  setRules(rules: UserRule[]): void {
    this.exact.clear();
    const sorted = [...rules].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const rule of sorted) if (rule.match === 'counterparty') this.exact.set(rule.pattern.trim().toLowerCase(), rule.topic);
    this.contains = sorted.filter((r) => r.match === 'contains').reverse();
    this.cache.clear();
    this.version++;
  }

  /** A correction: the rule applies everywhere, and the model learns the merchant's words. */
  learnCorrection(rule: UserRule, example: string): void {
    this.model.learn(example, rule.topic, CORRECTION_WEIGHT);
    this.cache.clear();
    this.version++;
  }

  categorize(tx: Categorizable): Categorized {
    let byRest = this.cache.get(tx.counterparty);
    if (!byRest) this.cache.set(tx.counterparty, (byRest = new Map()));
    const rest = tx.mcc || tx.category ? `${tx.description}\u0001${tx.mcc ?? ''}\u0001${tx.category ?? ''}` : tx.description;
    let hit = byRest.get(rest);
    if (!hit) {
      hit = this.categorizeUncached(tx);
      byRest.set(rest, hit);
    }
    return hit;
  }

  /** Every signal evaluated afresh: the reference that the cached paths must agree with. */
  categorizeUncached(tx: Categorizable): Categorized {
    const counterparty = tx.counterparty.trim().toLowerCase();
    const text = `${counterparty} ${tx.description.toLowerCase()}`;
    const exact = this.exact.get(counterparty);
    if (exact) return { topic: exact, signal: 'rule' };
    for (const rule of this.contains) if (text.includes(rule.pattern.toLowerCase())) return { topic: rule.topic, signal: 'rule' };
    const merchant = findPattern(counterparty, MERCHANT_PATTERNS);
    if (merchant) return { topic: merchant, signal: 'merchant' };
    const keyword = findPattern(text, KEYWORD_PATTERNS);
    if (keyword) return { topic: keyword, signal: 'keyword' };
    const mcc = tx.mcc ? MCC[tx.mcc] : undefined;
    if (mcc) return { topic: mcc, signal: 'mcc' };
    const source = tx.category ? findPattern(tx.category.toLowerCase(), SOURCE_PATTERNS) : null;
    if (source) return { topic: source, signal: 'source' };
    const guess = this.model.predict(text);
    if (guess && guess.probability >= MODEL_MIN_PROBABILITY && TOPIC_BY_ID.has(guess.topic)) return { topic: guess.topic, signal: 'model' };
    return { topic: null, signal: null };
  }
}
