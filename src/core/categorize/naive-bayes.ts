/**
 * A small multinomial naive-Bayes model over tokens (latin words and CJK character bigrams). It learns from the
 * person's corrections and from rows the dictionary already knows, and guesses a topic for unknown merchants.
 * Its state is plain JSON so it can be stored and restored.
 */
export interface NaiveBayesState {
  /** topic → token → weighted count */
  counts: Record<string, Record<string, number>>;
  totals: Record<string, number>;
  docs: Record<string, number>;
}

/** Light additive smoothing: with ~60 topics, add-one smoothing would drown a handful of corrections. */
const SMOOTHING = 0.05;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const lower = text.toLowerCase();
  for (const word of lower.match(/[a-z][a-z0-9'&]+/g) ?? []) tokens.push(word);
  for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
  }
  return tokens;
}

export class NaiveBayes {
  state: NaiveBayesState;
  private vocabulary = new Set<string>();

  constructor(state?: NaiveBayesState) {
    this.state = state ?? { counts: {}, totals: {}, docs: {} };
    for (const byToken of Object.values(this.state.counts)) for (const token of Object.keys(byToken)) this.vocabulary.add(token);
  }

  learn(text: string, topic: string, weight = 1): void {
    const tokens = tokenize(text);
    if (!tokens.length) return;
    const byToken = (this.state.counts[topic] ??= {});
    for (const token of tokens) {
      byToken[token] = (byToken[token] ?? 0) + weight;
      this.vocabulary.add(token);
    }
    this.state.totals[topic] = (this.state.totals[topic] ?? 0) + tokens.length * weight;
    this.state.docs[topic] = (this.state.docs[topic] ?? 0) + weight;
  }

  /** The most likely topic and its posterior probability, or null when no token of the text was ever seen. */
  predict(text: string): { topic: string; probability: number } | null {
    const tokens = tokenize(text).filter((t) => this.vocabulary.has(t));
    const topics = Object.keys(this.state.counts);
    if (!tokens.length || !topics.length) return null;
    const totalDocs = topics.reduce((sum, t) => sum + (this.state.docs[t] ?? 0), 0);
    const v = this.vocabulary.size;
    const logs = topics.map((topic) => {
      const byToken = this.state.counts[topic]!;
      const denominator = (this.state.totals[topic] ?? 0) + SMOOTHING * v;
      let log = Math.log((this.state.docs[topic] ?? 0) / totalDocs);
      for (const token of tokens) log += Math.log(((byToken[token] ?? 0) + SMOOTHING) / denominator);
      return log;
    });
    const max = Math.max(...logs);
    const exps = logs.map((l) => Math.exp(l - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    let best = 0;
    for (let i = 1; i < topics.length; i++) if (exps[i]! > exps[best]!) best = i;
    return { topic: topics[best]!, probability: exps[best]! / sum };
  }
}
