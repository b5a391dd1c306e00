import { Categorizer, TOPIC_BY_ID } from '../../core/categorize';
import { demandTruth, findMatches, type DemandQuestion, type DemandRow, type ProofMatch } from '../../core/privacy';
import { docRowsOfCircle } from '../../db/circle-docs';
import { forEachStoredChunk, loadControls, loadRules } from '../../db/profile';
import { getDb, type QuanziDB } from '../../db/schema';
import type { StoredTransaction } from '../../db/schema';
import type { ProofSetDoc } from '../../hub/doc-types';

/**
 * The trust features' per-transaction scans, in the analysis worker: checking the person's own order ids
 * against a circle's proof sets, and the true answer to a demand question. Nothing here talks to the hub;
 * the page gets back only a match (to offer a claim) or one boolean (to be randomized before it is sent).
 * `db` is for tests; the page never passes it.
 */
export const trustApi = {
  /** Which proof sets of this circle contain one of the person's orders (merchantOrderId or externalId). */
  async proofMatches(circleId: string, db: QuanziDB = getDb()): Promise<ProofMatch[]> {
    const sets = (await docRowsOfCircle(circleId, db))
      .filter((r) => r.doc.type === 'proofset' && !r.doc._deleted && r.state !== 'rejected')
      .map((r) => r.doc as ProofSetDoc)
      // Newest list first: a claim is sealed for its list's key, and the operator's current device holds the newest.
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    if (!sets.length) return [];
    const ids = new Set<string>();
    await forEachStoredChunk((rows) => {
      for (const row of rows as StoredTransaction[]) {
        if (row.status === 'failed' || row.status === 'closed') continue;
        if (row.merchantOrderId) ids.add(row.merchantOrderId);
        if (row.externalId) ids.add(row.externalId);
      }
    }, db);
    return findMatches(sets, ids);
  },

  /** The true answer (did the person spend on these topics in the last N days?), honouring exclusions. */
  async demandTruth(question: DemandQuestion, now?: string, db: QuanziDB = getDb()): Promise<boolean> {
    const [rules, controls] = await Promise.all([loadRules(db), loadControls(db)]);
    const categorizer = new Categorizer(rules);
    const excludedTx = new Set(controls.excludedTransactions ?? []);
    const excludedMerchants = new Set(controls.excludedMerchants ?? []);
    let truth = false;
    const topicOf = (row: DemandRow) => categorizer.categorize(row).topic;
    const parentOf = (topic: string) => TOPIC_BY_ID.get(topic)?.parent;
    await forEachStoredChunk((rows) => {
      if (truth) return;
      const kept = (rows as StoredTransaction[]).filter((r) => !excludedTx.has(r.fingerprint) && !excludedMerchants.has(r.counterparty));
      truth = demandTruth(kept, question, topicOf, { now: now ? new Date(now) : new Date(), parentOf });
    }, db);
    return truth;
  },
};
