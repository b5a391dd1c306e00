import { getDb, type QuanziDB } from '../db/schema';
import { HubError, hubClient, type HubClient } from './client';
import { checkApproval, listMemberships, syncableCircleIds } from './membership';
import { flushOutbox, type FlushReport } from './outbox';
import { pullCircle } from './replicator';
import { currentAccount, noteSessionEnded } from './session';

export interface SyncPassReport extends FlushReport {
  /** Docs written by the pulls. */
  pulled: number;
  /** Circles whose waiting join request was approved during this pass. */
  approved: string[];
  /** Circles whose pull or approval check failed (network or hub error); the others went on. */
  failed: string[];
  /** The hub's session had ended (or ended during the pass): waiting for the person to sign in again. */
  signedOut?: boolean;
}

/**
 * What the leader tab's loops (sync-engine.ts) do over time, done once: ask about waiting join requests, deliver
 * the outbox, pull every joined circle. The service worker runs it while no tab is open (src/app/background-sync.ts).
 * One circle failing does not stop the others; the report says which failed.
 */
export async function syncPass(options: { client?: HubClient; db?: QuanziDB; signal?: AbortSignal } = {}): Promise<SyncPassReport> {
  const client = options.client ?? hubClient();
  const db = options.db ?? getDb();
  const report: SyncPassReport = { delivered: 0, rejected: 0, retrying: 0, pulled: 0, approved: [], failed: [] };
  // The hub's session is over: nothing would get through until the person signs in again in the app.
  if ((await currentAccount(db))?.sessionEnded) return { ...report, signedOut: true };
  const attempt = async (circleId: string, step: () => Promise<void>): Promise<void> => {
    try {
      await step();
    } catch (error) {
      if (options.signal?.aborted || !(error instanceof HubError)) throw error;
      if (error.isSignedOut) await noteSessionEnded(db);
      report.failed.push(circleId);
    }
  };
  for (const { circleId } of (await listMemberships(db)).filter((m) => m.status === 'requested')) {
    await attempt(circleId, async () => {
      if (await checkApproval(circleId, client, db)) report.approved.push(circleId);
    });
  }
  const joined = await syncableCircleIds(db);
  Object.assign(report, await flushOutbox({ client, db, circleIds: new Set(joined), ignoreBackoff: true }));
  for (const circleId of joined) {
    await attempt(circleId, async () => {
      report.pulled += (await pullCircle(circleId, { client, db, signal: options.signal })).changes;
    });
  }
  return report;
}
