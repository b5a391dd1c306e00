import { getDb, type QuanziDB } from '../db/schema';
import { docRowsOfCircle, type CircleDocRow, type DocState } from '../db/circle-docs';
import { getSetting, setSetting } from '../db/settings';
import { loadCatalog, readCircle } from '../db/catalog';
import type { Circle } from '../core/circles';
import type { CirclePeople } from './circle-people';
import {
  buildProofHashes, checkEpsilon, estimateShare, isSealingKey, randomizeBit, secureRandom, isWellFormedProofSet, newSalt, newSealingKeys, openSealed, orderIdInSet, parseOrderIds,
  sealText, lockClaimKeys, unlockClaimKeys, KeyFileError, type ProofMatch, type RrEstimate,
} from '../core/privacy';
import type { AnswerDoc, BadgeDoc, ClaimDoc, ProofSetDoc, QuestionDoc } from './doc-types';
import { currentAccount, NotSignedInError } from './session';
import { writeCircleDoc } from './outbox';
import { ulid } from './ulid';

/**
 * Trust without surveillance (issue 7), the circle side: proof sets, badge claims and their verification,
 * demand questions and their noised answers. Everything is an ordinary circle doc written through the
 * outbox; the hub's rules (src/hub/rules.ts) check shapes and who may write what.
 *
 * What leaves a member's device: a claim doc (`claim:<user>`: proof set id + ONE order id, sealed so that only
 * the operator's device can read it) when the person claims a badge, and an answer doc
 * (`answer:<question>:<user>`: one randomized bit + ε) when they answer.
 * What leaves an operator's device: the proof set (salt + sorted salted hashes, never the raw ids, and the
 * public half of the key claims are sealed with), questions and badges. The private half stays in this
 * device's settings (and in its backups), and goes to the operator's other devices only in a passphrase-locked file.
 */

/** The catalog entry lists the circle's operators (they are the circle db's admins on the hub). */
export function isCircleOperator(entry: Record<string, unknown> | undefined, user: string | undefined): boolean {
  return !!user && Array.isArray(entry?.operators) && (entry.operators as unknown[]).includes(user);
}

// ---- Operator: proof sets ----

export interface PublishedProofSet { doc: ProofSetDoc; count: number }

/**
 * Builds the salted hash list on this device from pasted text or a CSV export, and writes only that.
 * `period` is what the operator says the orders cover (ISO dates).
 */
export async function publishProofSet(circleId: string, text: string, period: { from: string; to: string }, db: QuanziDB = getDb()): Promise<PublishedProofSet> {
  const ids = parseOrderIds(text);
  if (!ids.length) throw new RangeError('no order ids found');
  const salt = newSalt();
  const [hashes, keys] = await Promise.all([buildProofHashes(salt, ids), newSealingKeys()]);
  const iso = (d: string) => new Date(d).toISOString();
  const _id = `proofset:${ulid()}`;
  // The private key is stored before the set is sent: no claim can be sealed for a key this device lost.
  await setSetting(sealKeySetting(_id), keys.privateJwk, db);
  const doc = await writeCircleDoc<ProofSetDoc>(circleId, { _id, type: 'proofset', salt, hashes, period: { from: iso(period.from), to: iso(period.to) }, sealKey: keys.publicJwk } as never, db);
  return { doc, count: hashes.length };
}

const sealKeySetting = (proofsetId: string) => `trust.sealKey.${proofsetId}`;

// ---- Operator: claim keys for another device ----

/**
 * This device's private keys for the circle's proof sets, in a passphrase-locked file (src/core/privacy/key-file.ts)
 * for another of the operator's devices, which can then open and verify claims sealed for them.
 */
export async function exportClaimKeys(circleId: string, passphrase: string, db: QuanziDB = getDb()): Promise<{ text: string; count: number }> {
  const keys: Record<string, JsonWebKey> = {};
  for (const row of await docRowsOfCircle(circleId, db)) {
    if (row.doc.type !== 'proofset') continue;
    const jwk = await getSetting<JsonWebKey | undefined>(sealKeySetting(row.docId), undefined, db);
    if (jwk) keys[row.docId] = jwk;
  }
  const count = Object.keys(keys).length;
  if (!count) throw new KeyFileError('no-keys', 'This device holds no claim keys for this circle: its customer lists were published from another device.');
  return { text: await lockClaimKeys(keys, passphrase), count };
}

/** Loads the keys of a file made on another device: all of them, or none when the file does not open. */
export async function importClaimKeys(text: string, passphrase: string, db: QuanziDB = getDb()): Promise<number> {
  const keys = await unlockClaimKeys(text, passphrase);
  await db.transaction('rw', db.settings, async () => {
    for (const [proofsetId, jwk] of Object.entries(keys)) await setSetting(sealKeySetting(proofsetId), jwk, db);
  });
  return Object.keys(keys).length;
}
/** What this device claimed per circle, in the clear, so the person can read it back (the hub has it sealed). */
const CLAIMED_KEY = 'trust.claimedOrderIds';

// ---- Member: claims ----

/**
 * Reveals exactly the matched order id, and only to the operator: sealed with the proof set's public key when it
 * has one. The claim doc has no other field (the rules refuse any).
 */
export async function claimBadge(circleId: string, match: ProofMatch, db: QuanziDB = getDb()): Promise<ClaimDoc> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  const id = `claim:${account.name}`;
  const existing = (await db.circleDocs.get([circleId, id] as never)) as CircleDocRow | undefined;
  const set = (await db.circleDocs.get([circleId, match.proofset] as never)) as CircleDocRow | undefined;
  const sealKey = set?.doc.type === 'proofset' ? set.doc.sealKey : undefined;
  const reveal = isSealingKey(sealKey) ? { sealed: await sealText(sealKey, match.orderId) } : { orderId: match.orderId };
  const doc = await writeCircleDoc<ClaimDoc>(circleId, {
    _id: id, type: 'claim', proofset: match.proofset, ...reveal,
    ...(existing?.doc._rev ? { _rev: existing.doc._rev } : {}),
  } as never, db);
  // After the doc: the trust panel reads "a claimed id on record but no claim doc" as a refused claim.
  await setSetting(CLAIMED_KEY, { ...(await getSetting<Record<string, string>>(CLAIMED_KEY, {}, db)), [circleId]: match.orderId }, db);
  return doc;
}

/** The order ids this device claimed, per circle (for the person's own screens; never sent). */
export function claimedOrderIds(db: QuanziDB = getDb()): Promise<Record<string, string>> {
  return getSetting<Record<string, string>>(CLAIMED_KEY, {}, db);
}

/**
 * Reads claims' order ids on this device: in the clear, or opened with the private key of their proof set when
 * this device holds it. `key` is undefined for a sealed claim whose key is elsewhere; each key is read once.
 */
function claimReader(db: QuanziDB): (claim: ClaimDoc) => Promise<{ key?: JsonWebKey; orderId?: string }> {
  const keys = new Map<string, Promise<JsonWebKey | undefined>>();
  return async (claim) => {
    if (claim.orderId !== undefined) return { orderId: claim.orderId };
    if (claim.sealed === undefined) return {};
    let key = keys.get(claim.proofset);
    if (!key) keys.set(claim.proofset, (key = getSetting<JsonWebKey | undefined>(sealKeySetting(claim.proofset), undefined, db)));
    const privateJwk = await key;
    if (!privateJwk) return {};
    const orderId = await openSealed(privateJwk, claim.sealed);
    return orderId === null ? { key: privateJwk } : { key: privateJwk, orderId };
  };
}

// ---- Operator: verification ----

export interface VerifyReport {
  verified: string[];
  refused: { user: string; orderId?: string; reason: 'unknown-proofset' | 'not-in-set' | 'unreadable' }[];
  /** Sealed for a key this device does not hold (the set was published from another device): left for that one. */
  waiting: string[];
}

/**
 * The operator's check: every claim without a badge is tested against the proof set it names (hashing its
 * order id with the set's salt). Only a claim whose id is in the set earns a `badge:<user>`; a forged claim
 * (an id not in the set, a set that does not exist, or a seal that does not open) is refused and gets no badge.
 */
export async function verifyClaims(circleId: string, db: QuanziDB = getDb()): Promise<VerifyReport> {
  const rows = await docRowsOfCircle(circleId, db);
  const sets = new Map<string, ProofSetDoc>();
  const badges = badgeHolders(rows);
  const claims: ClaimDoc[] = [];
  for (const { doc, state } of rows) {
    if (doc._deleted || state === 'rejected') continue;
    if (doc.type === 'proofset' && isWellFormedProofSet(doc)) sets.set(doc._id, doc);
    else if (doc.type === 'claim' && state === 'synced') claims.push(doc);
  }
  const report: VerifyReport = { verified: [], refused: [], waiting: [] };
  const read = claimReader(db);
  for (const claim of claims) {
    if (badges.has(claim.author)) {
      await retireClaim(circleId, claim, db);
      continue;
    }
    const set = sets.get(claim.proofset);
    const { key, orderId } = await read(claim);
    if (set && claim.sealed !== undefined && !key) {
      report.waiting.push(claim.author);
      continue;
    }
    if (!set) {
      report.refused.push({ user: claim.author, ...(orderId !== undefined ? { orderId } : {}), reason: 'unknown-proofset' });
    } else if (orderId === undefined) {
      report.refused.push({ user: claim.author, reason: 'unreadable' });
    } else if (!(await orderIdInSet(set, orderId))) {
      report.refused.push({ user: claim.author, orderId, reason: 'not-in-set' });
    } else {
      await writeCircleDoc<BadgeDoc>(circleId, { _id: `badge:${claim.author}`, type: 'badge', user: claim.author, claim: claim._id }, db);
      report.verified.push(claim.author);
    }
    await retireClaim(circleId, claim, db);
  }
  return report;
}

/**
 * Once decided, a claim is deleted: every member of a circle can read its docs, so the order id should sit on
 * the hub no longer than the check takes. The tombstone carries no order id (a CouchDB tombstone keeps the
 * body it is written with, so it is written without one). A refused claim vanishes too; the person's device
 * then checks again and offers a claim only for an order that is really in the list.
 */
async function retireClaim(circleId: string, claim: ClaimDoc, db: QuanziDB): Promise<void> {
  await writeCircleDoc<ClaimDoc>(circleId, { _id: claim._id, _rev: claim._rev, _deleted: true, type: 'claim' } as never, db);
}

/**
 * Who holds the circle's verified-customer badge, from the circle docs this device already has: badges are circle
 * docs every member syncs anyway (they show next to posts), so counting them sends and asks nothing new.
 * A badge the hub refused does not count. With `current`, only the holders among those people: a badge stays when
 * its holder leaves (it is the operator's record, and someone who comes back keeps it).
 */
export function badgeHolders(rows: Iterable<Pick<CircleDocRow, 'doc' | 'state'>>, current?: ReadonlySet<string>): Set<string> {
  const holders = new Set<string>();
  for (const { doc, state } of rows) {
    if (doc.type === 'badge' && !doc._deleted && state !== 'rejected' && (!current || current.has(doc.user))) holders.add(doc.user);
  }
  return holders;
}

/** The hub's word on who is in the circle (readCirclePeople in circle-people.ts), when the operator's app could ask. */
export type CircleRoster = Pick<CirclePeople, 'operators' | 'members'>;

/**
 * Who is in the circle now, for the operator's count of badge holders; undefined when this device cannot tell.
 * An open circle's members are its live `member:<name>` docs, which sync to every member's device (leaving deletes
 * the doc, and the pulled deletion takes the row), and its operators. An approval circle's are the `_security`
 * names, which only the hub holds (`roster`): someone who left stays in them until the operator's app takes the
 * name out on its next look at the join requests (removeDepartedMembers).
 */
export async function currentMembers(circleId: string, rows: Iterable<Pick<CircleDocRow, 'doc'>>, roster: CircleRoster | undefined, db: QuanziDB): Promise<Set<string> | undefined> {
  const entry = await catalogEntry(circleId, db);
  if (entry?.policy === 'approval' || (!entry && roster)) return roster && new Set([...roster.operators, ...roster.members]);
  if (!entry) return undefined;
  // The hub's `_security` admins when read (a co-operator added a minute ago), else the catalog's operators.
  const current = new Set(roster?.operators ?? entry.operators ?? []);
  for (const { doc } of rows) if (doc.type === 'member' && !doc._deleted) current.add(doc.author);
  return current;
}

async function catalogEntry(circleId: string, db: QuanziDB): Promise<Circle | undefined> {
  const row = await db.catalog.get(circleId);
  return row ? readCircle(row) : (await loadCatalog(db)).find((circle) => circle._id === circleId);
}

/** A badge counts once the hub accepted it (only operators may write one, so a synced badge is genuine). */
export async function hasBadge(circleId: string, user: string, db: QuanziDB = getDb()): Promise<boolean> {
  const row = (await db.circleDocs.get([circleId, `badge:${user}`] as never)) as CircleDocRow | undefined;
  return !!row && !row.doc._deleted && row.state !== 'rejected' && row.doc.type === 'badge';
}

// ---- Demand questions ----

export interface NewQuestion { text: { zh: string; en: string }; topics: string[]; withinDays: number; epsilon: number; kind?: 'spent' | 'choice' }

export async function askQuestion(circleId: string, question: NewQuestion, db: QuanziDB = getDb()): Promise<QuestionDoc> {
  checkEpsilon(question.epsilon);
  const text = { zh: question.text.zh.trim(), en: question.text.en.trim() };
  if (!text.zh && !text.en) throw new RangeError('write the question');
  if (question.kind === 'choice') {
    return writeCircleDoc<QuestionDoc>(circleId, { type: 'question', kind: 'choice', text, topics: [], withinDays: 0, epsilon: question.epsilon }, db);
  }
  const withinDays = Math.floor(question.withinDays);
  if (!(withinDays >= 1 && withinDays <= 366)) throw new RangeError('withinDays must be 1–366');
  if (!question.topics.length) throw new RangeError('choose at least one topic');
  return writeCircleDoc<QuestionDoc>(circleId, { type: 'question', text, topics: [...question.topics], withinDays, epsilon: question.epsilon }, db);
}

/** The coin behind each prepared answer, per question id (kept on this device; never sent). */
const COINS_KEY = 'trust.answerCoins';

/**
 * The noised bit for a question, from one coin per question that is drawn once and kept. Redrawing on every
 * Prepare (or after a reload) let a person look until the bit matched the truth, which quietly undid the noise.
 * `rng` is injectable for tests only.
 */
export async function noisedAnswer(questionId: string, truth: boolean, epsilon: number, db: QuanziDB = getDb(), rng: () => number = secureRandom): Promise<0 | 1> {
  return db.transaction('rw', db.settings, async () => {
    const coins = await getSetting<Record<string, number>>(COINS_KEY, {}, db);
    let coin = coins[questionId];
    if (coin === undefined) {
      coin = rng();
      await setSetting(COINS_KEY, { ...coins, [questionId]: coin }, db);
    }
    return randomizeBit(truth, epsilon, () => coin);
  });
}

/**
 * The answer doc as the hub will store it, but for the time and the delivery id added when it is sent: what the
 * person is shown before sending, and what is sent. One per account and question, under the account's name.
 */
export function answerDoc(question: Pick<QuestionDoc, '_id' | 'epsilon'>, noisedBit: 0 | 1, author: string): Pick<AnswerDoc, '_id' | 'type' | 'question' | 'bit' | 'epsilon' | 'author'> {
  return { _id: `answer:${question._id}:${author}`, type: 'answer', question: question._id, bit: noisedBit, epsilon: question.epsilon, author };
}

/** Sends the already-noised bit, once. The true answer is never an argument here: it stays in the worker. */
export async function sendAnswer(circleId: string, question: QuestionDoc, noisedBit: 0 | 1, db: QuanziDB = getDb()): Promise<AnswerDoc> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  const { author: _author, ...fields } = answerDoc(question, noisedBit, account.name);
  return writeCircleDoc<AnswerDoc>(circleId, fields, db);
}

const DECLINED_KEY = 'trust.declinedQuestions';
export async function declineQuestion(questionId: string, db: QuanziDB = getDb()): Promise<void> {
  const declined = await getSetting<string[]>(DECLINED_KEY, [], db);
  if (!declined.includes(questionId)) await setSetting(DECLINED_KEY, [...declined, questionId], db);
}

// ---- What the trust panel shows ----

/** `orderId`: the claimed id as this device can read it (the operator's key, or the person's own record). */
export interface ClaimView { doc: ClaimDoc; state: DocState; reason?: string; badge: boolean; orderId?: string }
export interface QuestionView {
  doc: QuestionDoc;
  mine?: { doc: AnswerDoc; state: DocState; reason?: string };
  declined: boolean;
  /** Operator's view: estimate over the answers given at the question's ε. */
  estimate: RrEstimate;
}
export interface TrustState {
  proofsets: ProofSetDoc[];
  myClaim?: ClaimView;
  myBadge: boolean;
  /**
   * This device's last claim was decided without a badge: the operator deletes every claim it decided and writes a
   * badge only for an order in its list. The order id claimed, from this device's own record.
   */
  claimRefused?: { orderId: string };
  claims: ClaimView[];
  /**
   * How many people of the circle hold the badge here (the operator's count; see currentMembers): every badge on the
   * device while an approval circle's members are not known (no roster: offline, or not read yet).
   */
  badgeHolders: number;
  questions: QuestionView[];
}

export async function loadTrust(circleId: string, me: string | undefined, db: QuanziDB = getDb(), roster?: CircleRoster): Promise<TrustState> {
  const rows = await docRowsOfCircle(circleId, db);
  const current = await currentMembers(circleId, rows, roster, db);
  const declined = new Set(await getSetting<string[]>(DECLINED_KEY, [], db));
  const proofsets: ProofSetDoc[] = [];
  const badges = badgeHolders(rows);
  const claimRows: CircleDocRow[] = [];
  const questions: QuestionDoc[] = [];
  const answers = new Map<string, CircleDocRow[]>();
  for (const row of rows) {
    const doc = row.doc;
    if (doc._deleted) continue;
    if (doc.type === 'proofset' && row.state !== 'rejected') proofsets.push(doc);
    else if (doc.type === 'claim') claimRows.push(row);
    else if (doc.type === 'question' && row.state !== 'rejected') questions.push(doc);
    else if (doc.type === 'answer') answers.set(doc.question, [...(answers.get(doc.question) ?? []), row]);
  }
  const mineClaimed = me ? (await claimedOrderIds(db))[circleId] : undefined;
  const read = claimReader(db);
  const claims = await Promise.all(claimRows.map(async (r) => {
    const doc = r.doc as ClaimDoc;
    const orderId = (await read(doc)).orderId ?? (doc.author === me ? mineClaimed : undefined);
    return { doc, state: r.state, reason: r.reason, badge: badges.has(doc.author), ...(orderId !== undefined ? { orderId } : {}) };
  }));
  const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? 1 : -1);
  const myBadge = !!me && badges.has(me);
  const myClaim = claims.find((c) => c.doc.author === me);
  return {
    proofsets: proofsets.sort(newestFirst),
    myClaim,
    myBadge,
    // A pulled deletion removes the claim's row, so a decided claim is one this device made that is no longer here.
    ...(mineClaimed !== undefined && !myBadge && !myClaim ? { claimRefused: { orderId: mineClaimed } } : {}),
    claims: claims.sort((a, b) => newestFirst(a.doc, b.doc)),
    badgeHolders: current ? badgeHolders(rows, current).size : badges.size,
    questions: questions.sort(newestFirst).map((q) => {
      const given = (answers.get(q._id) ?? []).filter((r) => r.state !== 'rejected' && (r.doc as AnswerDoc).epsilon === q.epsilon);
      const mineRow = (answers.get(q._id) ?? []).find((r) => r.doc.author === me);
      const ones = given.reduce((sum, r) => sum + ((r.doc as AnswerDoc).bit === 1 ? 1 : 0), 0);
      return {
        doc: q,
        mine: mineRow ? { doc: mineRow.doc as AnswerDoc, state: mineRow.state, reason: mineRow.reason } : undefined,
        declined: declined.has(q._id),
        estimate: estimateShare(ones, given.length, q.epsilon),
      };
    }),
  };
}
