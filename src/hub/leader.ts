/**
 * One tab syncs: the tab holding the Web Lock `quanzi-sync` runs the engine; the others wait in the lock
 * queue and take over when the leader closes. Non-leader tabs still see everything through Dexie liveQuery.
 * Where Web Locks are missing (Node, old browsers) the caller simply leads.
 */
export const SYNC_LOCK = 'quanzi-sync';

/**
 * Runs `lead(signal)` while this tab holds the lock. The returned function releases it (aborting `signal`)
 * or leaves the queue if the lock was never granted.
 */
export function runAsLeader(lead: (signal: AbortSignal) => Promise<void>, lockName = SYNC_LOCK): () => void {
  const stop = new AbortController();
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) {
    void lead(stop.signal);
    return () => stop.abort();
  }
  locks
    .request(lockName, { signal: stop.signal }, async () => {
      const released = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.all([lead(stop.signal), released]);
    })
    .catch(() => {
      // AbortError when we leave the queue before getting the lock: nothing to do.
    });
  return () => stop.abort();
}
