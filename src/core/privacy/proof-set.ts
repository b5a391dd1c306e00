/**
 * "Verified customer" proof sets. The operator's device turns the merchant's order ids into salted SHA-256
 * hashes (WebCrypto: browsers, workers and Node 20 alike) and publishes only the sorted, unique hex list with
 * its salt. A member's device hashes its own order ids with the same salt and checks membership by binary
 * search, sending nothing. Only when the person claims a badge does exactly one order id leave the device.
 *
 * Hash input: UTF-8 of `<salt>\u0000<normalised order id>`. Normalisation trims, drops spaces, a leading
 * apostrophe/tab (spreadsheet text markers) and surrounding quotes, and upper-cases letters, so "'2024ab 12"
 * from a CSV export matches "2024AB12" from a payment statement.
 *
 * Why a sorted list and not a Bloom filter: no false positives (a claim either is or is not in the set), and
 * 64 hex chars × 10k orders ≈ 670 KB, inside the hub's 1 MiB proof-set cap; the lookup is O(log n).
 */
/** 12k × 67 JSON chars ≈ 800 KB, under the hub's 1 MiB proof-set cap. */
export const PROOFSET_MAX_HASHES = 12_000;

/** The canonical form of an order id before hashing (see above). Empty string = not an order id. */
export function normalizeOrderId(raw: string): string {
  let s = String(raw).trim();
  s = s.replace(/^[\t']+/, '');
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) s = s.slice(1, -1);
  return s.replace(/[\s\u3000]+/g, '').toUpperCase();
}

/** Order ids from pasted text or a CSV export: one per line; in a CSV, the column named like "order id" /
 *  订单号 if there is one, otherwise every cell that looks like an id (≥ 6 chars with a digit). Unique, in order. */
const HEADER = /order[\s_-]*(id|no|number)|订单号|订单编号|商户单号|商家订单号/;

export function parseOrderIds(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const split = (line: string) => line.split(/[,;\t]/).map((c) => normalizeOrderId(c));
  let column = -1;
  if (lines.length && /[,;\t]/.test(lines[0]!)) {
    const header = lines[0]!.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
    column = header.findIndex((h) => HEADER.test(h));
    if (column >= 0) lines.shift();
  } else if (lines.length && (HEADER.test(lines[0]!.toLowerCase()) || !/\d/.test(lines[0]!))) {
    lines.shift(); // a one-column export's header ("order id", "订单号")
  }
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (id: string) => { if (id && !seen.has(id)) { seen.add(id); out.push(id); } };
  for (const line of lines) {
    if (column >= 0) add(split(line)[column] ?? '');
    else if (/[,;\t]/.test(line)) for (const cell of split(line)) { if (cell.length >= 6 && /\d/.test(cell)) add(cell); }
    else add(normalizeOrderId(line));
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

const encoder = new TextEncoder();

/** Salted SHA-256 of one (normalised) order id, as 64 lowercase hex chars. */
export async function hashOrderId(salt: string, orderId: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(`${salt}\u0000${normalizeOrderId(orderId)}`));
  return toHex(digest);
}

/** A fresh random salt (128 bits, hex): one per proof set, so sets of different circles/periods don't link. */
export function newSalt(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return toHex(bytes.buffer);
}

/** The sorted unique hex list for these order ids. */
export async function buildProofHashes(salt: string, orderIds: Iterable<string>): Promise<string[]> {
  const ids = [...new Set([...orderIds].map(normalizeOrderId).filter(Boolean))];
  if (ids.length > PROOFSET_MAX_HASHES) throw new RangeError(`at most ${PROOFSET_MAX_HASHES} order ids per proof set (got ${ids.length})`);
  const hashes = await Promise.all(ids.map((id) => hashOrderId(salt, id)));
  return [...new Set(hashes)].sort();
}

/** Binary search in a sorted hex list. */
export function hasHash(sortedHashes: readonly string[], hash: string): boolean {
  let lo = 0;
  let hi = sortedHashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sortedHashes[mid]!;
    if (v === hash) return true;
    if (v < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** True when the set is a proper sorted, unique list of 64-char hex hashes (check before trusting a doc). */
export function isWellFormedProofSet(set: { salt?: unknown; hashes?: unknown }): boolean {
  if (typeof set.salt !== 'string' || !set.salt || !Array.isArray(set.hashes)) return false;
  const hashes = set.hashes as unknown[];
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h)) return false;
    if (i > 0 && !((hashes[i - 1] as string) < h)) return false;
  }
  return true;
}

/** Is this order id in the set? (Operator's verify step and the member's local check.) */
export async function orderIdInSet(set: { salt: string; hashes: readonly string[] }, orderId: string): Promise<boolean> {
  const id = normalizeOrderId(orderId);
  if (!id) return false;
  return hasHash(set.hashes, await hashOrderId(set.salt, id));
}

export interface ProofMatch {
  proofset: string;
  /** The person's own order id, as found in the transaction (normalised): the only thing a claim reveals. */
  orderId: string;
}

/**
 * The member's local check: the first of the person's order ids (merchantOrderId/externalId of their
 * transactions) found in any of the given proof sets. Hashes each candidate once per distinct salt.
 */
export async function findMatches(
  sets: readonly { _id: string; salt: string; hashes: readonly string[] }[],
  orderIds: Iterable<string>,
): Promise<ProofMatch[]> {
  const ids = [...new Set([...orderIds].map(normalizeOrderId).filter(Boolean))];
  const matches: ProofMatch[] = [];
  const BATCH = 512; // digests in flight at once
  for (const set of sets) {
    if (!isWellFormedProofSet(set)) continue;
    search: for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const hashes = await Promise.all(batch.map((id) => hashOrderId(set.salt, id)));
      for (let k = 0; k < batch.length; k++) {
        if (hasHash(set.hashes, hashes[k]!)) {
          matches.push({ proofset: set._id, orderId: batch[k]! });
          break search;
        }
      }
    }
  }
  return matches;
}
