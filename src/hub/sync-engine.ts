import { getDb, type QuanziDB } from '../db/schema';
import { HubError, hubClient, type HubClient } from './client';
import { syncCatalog } from './catalog-sync';
import { runAsLeader } from './leader';
import { followLeavesElsewhere } from './left-elsewhere';
import { checkApproval, deliverPendingLeaves, listMemberships, syncableCircleIds } from './membership';
import { flushOutbox } from './outbox';
import { pullCircle } from './replicator';
import { currentAccount, noteSessionEnded } from './session';
import { sleep } from './sleep';

/**
 * The sync loop of the leader tab. Connections to the hub (browsers allow ~6 per origin):
 *  1. one longpoll on the circle on screen;
 *  2. one round-robin poll that visits the other joined circles one at a time;
 *  3. the outbox flush (on start, on `online`, on a timer, after a local write), leaves the hub has not heard of first;
 *  4. the catalog refresh (rare).
 * So at most 4 at once, leaving room for the page's own requests.
 */
export const ROUND_ROBIN_MS = 15_000;
export const OUTBOX_TIMER_MS = 20_000;
export const CATALOG_EVERY_MS = 30 * 60_000;
/** How often the account's circle list is read to follow leaves made on its other devices (one small request). */
export const LEAVES_ELSEWHERE_EVERY_MS = 60_000;
const LONGPOLL_TIMEOUT_MS = 25_000;
const CHANNEL = 'quanzi-sync';

/** `flush` with `now`: everything waiting is due at once, whatever its backoff said (back online, signed in again). */
export type SyncMessage = { kind: 'focus'; circleId: string | undefined } | { kind: 'kick'; circleId?: string } | { kind: 'flush'; now?: boolean };

export interface SyncStatus {
  leader: boolean;
  online: boolean;
  lastError?: string;
  lastSyncAt?: string;
}

/**
 * A loop's pause that a request can cut short. A request that arrives while the loop is busy (not pausing) is
 * remembered, so the next pause ends at once instead of swallowing it for a whole period.
 */
class Doorbell {
  private ring: (() => void) | undefined;
  private rung = false;

  press(): void {
    this.rung = true;
    this.ring?.();
  }

  /** Waits up to `ms`, or not at all when pressed since the last wait. */
  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.rung) {
      await new Promise<void>((resolve) => {
        this.ring = resolve;
        void sleep(ms, signal).then(resolve);
      });
    }
    this.ring = undefined;
    this.rung = false;
  }
}

export class SyncEngine {
  focus: string | undefined;
  status: SyncStatus = { leader: false, online: true };
  private listeners = new Set<(status: SyncStatus) => void>();
  private pullBell = new Doorbell();
  private focusAbort: AbortController | undefined;
  private flushBell = new Doorbell();
  /** Set on start and on `online`: the next flush ignores the backoff. */
  private forceFlush = true;
  private rrIndex = 0;
  /** Circles to pull before the round-robin resumes (just joined). */
  private urgent = new Set<string>();
  /** Called when a flush left something undelivered (offline, hub down), so the page can ask for a background sync. */
  onUndelivered: (() => void) | undefined;

  constructor(
    private readonly client: HubClient = hubClient(),
    private readonly db: QuanziDB = getDb(),
  ) {}

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }

  private noteError(error: unknown): void {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    if (error instanceof HubError && error.isSignedOut) void noteSessionEnded(this.db);
    this.setStatus({ lastError: error instanceof Error ? error.message : String(error), online: !(error instanceof HubError && error.status === 0) });
  }

  private noteSuccess(): void {
    this.setStatus({ lastError: undefined, online: true, lastSyncAt: new Date().toISOString() });
  }

  handle(message: SyncMessage): void {
    if (message.kind === 'focus') this.setFocus(message.circleId);
    else if (message.kind === 'kick') {
      if (message.circleId) this.urgent.add(message.circleId);
      this.pullBell.press();
    }
    else {
      if (message.now) this.forceFlush = true;
      this.flushBell.press();
    }
  }

  setFocus(circleId: string | undefined): void {
    if (this.focus === circleId) return;
    this.focus = circleId;
    this.focusAbort?.abort();
  }

  async run(signal: AbortSignal): Promise<void> {
    this.setStatus({ leader: true });
    await Promise.all([this.focusLoop(signal), this.roundRobinLoop(signal), this.outboxLoop(signal), this.catalogLoop(signal)]);
    this.setStatus({ leader: false });
  }

  private joinedIds(): Promise<string[]> {
    return syncableCircleIds(this.db);
  }

  private async focusLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const circleId = this.focus;
      if (!circleId || !(await this.joinedIds()).includes(circleId)) {
        await sleep(1_000, signal);
        continue;
      }
      this.focusAbort = new AbortController();
      const both = AbortSignal.any([signal, this.focusAbort.signal]);
      try {
        await pullCircle(circleId, { client: this.client, db: this.db, longpoll: true, timeoutMs: LONGPOLL_TIMEOUT_MS, signal: both });
        this.noteSuccess();
      } catch (error) {
        this.noteError(error);
        await sleep(5_000, both);
      }
    }
  }

  private async roundRobinLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const others = (await this.joinedIds()).filter((id) => id !== this.focus);
      // A circle just joined goes first; otherwise one circle per tick, in turn.
      const urgent = [...this.urgent].find((id) => others.includes(id));
      this.urgent.clear();
      const circleId = urgent ?? others[this.rrIndex++ % Math.max(1, others.length)];
      if (circleId) {
        try {
          await pullCircle(circleId, { client: this.client, db: this.db, signal });
          this.noteSuccess();
        } catch (error) {
          this.noteError(error);
        }
      }
      await this.checkOneRequest();
      await this.followLeavesElsewhere();
      const perCircle = others.length ? Math.max(1_000, ROUND_ROBIN_MS / others.length) : ROUND_ROBIN_MS;
      await this.pullBell.wait(perCircle, signal);
    }
  }

  /** When the account's circle list was last read for leaves made on its other devices. */
  private leavesCheckedAt = -Infinity;
  private async followLeavesElsewhere(): Promise<void> {
    if (Date.now() - this.leavesCheckedAt < LEAVES_ELSEWHERE_EVERY_MS) return;
    this.leavesCheckedAt = Date.now();
    try {
      if ((await followLeavesElsewhere(this.client, this.db)).length) notifySync({ kind: 'focus', circleId: undefined });
    } catch (error) {
      this.noteError(error);
    }
  }

  private requestIndex = 0;
  private async checkOneRequest(): Promise<void> {
    if ((await currentAccount(this.db))?.sessionEnded) return;
    const waiting = (await listMemberships(this.db)).filter((m) => m.status === 'requested');
    const next = waiting[this.requestIndex++ % Math.max(1, waiting.length)];
    if (next) await checkApproval(next.circleId, this.client, this.db).catch((error) => this.noteError(error));
  }

  private async outboxLoop(signal: AbortSignal): Promise<void> {
    const onOnline = () => {
      this.forceFlush = true;
      this.flushBell.press();
    };
    globalThis.addEventListener?.('online', onOnline);
    while (!signal.aborted) {
      try {
        const joined = new Set(await this.joinedIds());
        const ignoreBackoff = this.forceFlush;
        this.forceFlush = false;
        const leavesWaiting = await deliverPendingLeaves(this.client, this.db);
        const report = await flushOutbox({ client: this.client, db: this.db, circleIds: joined, ignoreBackoff });
        if (report.delivered) this.noteSuccess();
        if (report.retrying || leavesWaiting) {
          this.setStatus({ lastError: 'retrying' });
          this.onUndelivered?.();
        }
      } catch (error) {
        this.noteError(error);
      }
      await this.flushBell.wait(OUTBOX_TIMER_MS, signal);
    }
    globalThis.removeEventListener?.('online', onOnline);
  }

  private async catalogLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await syncCatalog({ client: this.client, db: this.db, signal });
      } catch (error) {
        this.noteError(error);
      }
      await sleep(CATALOG_EVERY_MS, signal);
    }
  }
}

let engine: SyncEngine | undefined;
let channel: BroadcastChannel | undefined;
let stopLeading: (() => void) | undefined;

/** Tells the syncing tab (this one or another) something happened: focus change, a join, a local write. */
export function notifySync(message: SyncMessage): void {
  engine?.handle(message);
  channel?.postMessage(message);
}

/** Starts syncing from this tab (idempotent). Returns the engine so the page can watch its status. */
export function startSyncEngine(client: HubClient = hubClient(), db: QuanziDB = getDb()): SyncEngine {
  if (engine) return engine;
  engine = new SyncEngine(client, db);
  const current = engine;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<SyncMessage>) => current.handle(event.data);
  }
  stopLeading = runAsLeader((signal) => current.run(signal));
  return current;
}

export function stopSyncEngine(): void {
  stopLeading?.();
  channel?.close();
  engine = undefined;
  channel = undefined;
  stopLeading = undefined;
}
