/**
 * A circle's statement names: how its business appears as the counterparty on people's statements (`瑞幸`,
 * `luckin`). Audience criteria match merchants with them, and suggestions put the circles of places a person
 * really pays at first, saying so. Matching runs only on the device, over the profile's evidence, so hidden
 * topics, sensitive topics left off and excluded merchants never count.
 */
export const MAX_STATEMENT_NAMES = 20;
export const MIN_STATEMENT_NAME_LENGTH = 2;
export const MAX_STATEMENT_NAME_LENGTH = 60;

const LATIN = /^[\x20-\x7e]+$/;
const WORD_CHAR = /[a-z0-9]/;

/**
 * Whether a counterparty is a statement name's business. Case-insensitive. A Latin name must stand as a word
 * ('Keep' is not in 'GOALKEEPER SHOP', 'NIO' not in 'UNION'); a Chinese name may sit anywhere
 * ('瑞幸咖啡(上海)有限公司').
 */
export function statementNameMatcher(names: readonly string[]): (counterparty: string) => boolean {
  const wanted = names.map((n) => n.trim().toLowerCase()).filter((n) => n !== '').map((name) => ({ name, latin: LATIN.test(name) }));
  return (counterparty) => {
    const lower = counterparty.toLowerCase();
    return wanted.some(({ name, latin }) => (latin ? containsWord(lower, name) : lower.includes(name)));
  };
}

function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text[at - 1]! : ' ';
    const after = at + word.length < text.length ? text[at + word.length]! : ' ';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}

export type StatementNamesProblem = { code: 'list' | 'tooMany' | 'name'; detail?: string };

/** Checks a `merchants` value from the catalog or an operator's form: a list of at most 20 names of 2–60 characters. */
export function checkStatementNames(value: unknown): { ok: true; names: string[] } | { ok: false; problem: StatementNamesProblem } {
  if (!Array.isArray(value)) return { ok: false, problem: { code: 'list' } };
  if (value.length > MAX_STATEMENT_NAMES) return { ok: false, problem: { code: 'tooMany', detail: String(MAX_STATEMENT_NAMES) } };
  const names: string[] = [];
  for (const item of value) {
    const name = typeof item === 'string' ? item.trim() : '';
    if (name.length < MIN_STATEMENT_NAME_LENGTH || name.length > MAX_STATEMENT_NAME_LENGTH) return { ok: false, problem: { code: 'name', detail: String(item) } };
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return { ok: true, names };
}
