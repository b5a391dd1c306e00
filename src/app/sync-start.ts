import { pendingCount } from '../db/circle-docs';
import { ensureCatalog } from '../hub/catalog-sync';
import { shareNoticesSeen } from '../hub/notices-seen';
import { cutRequestsOnSignOutElsewhere, finishPendingHubSignOut } from '../hub/session';
import { startSyncEngine, notifySync, type SyncEngine, type SyncStatus } from '../hub/sync-engine';
import { requestBackgroundChecks, requestBackgroundDelivery } from './background-registration';
import { startNoticeAlerts } from './notices';

let noticesStarted = false;

/**
 * The one call the page makes to start syncing (idempotent): bundled catalog as a fallback, then the engine
 * (catalog refresh, pulls of joined circles, outbox flush) in whichever tab holds the sync lock.
 */
export function startSync(): SyncEngine {
  void ensureCatalog().catch((error) => console.warn('bundled catalog unavailable', error));
  if (!noticesStarted && typeof window !== 'undefined') {
    noticesStarted = true;
    // A sign-out (or "delete everything") made offline left the hub session open in this browser: end it first.
    void finishPendingHubSignOut();
    // How far notices were read offline reaches the hub when the browser is back, too.
    void shareNoticesSeen();
    window.addEventListener('online', () => {
      void finishPendingHubSignOut();
      void shareNoticesSeen();
    });
    cutRequestsOnSignOutElsewhere();
    startNoticeAlerts();
    void requestBackgroundChecks();
    // Written, then the tab was hidden or closed before the hub answered: the service worker finishes the job.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'hidden') return;
      void pendingCount().then((pending) => (pending ? requestBackgroundDelivery() : false)).catch(() => undefined);
    });
  }
  const engine = startSyncEngine();
  engine.onUndelivered ??= () => void requestBackgroundDelivery();
  return engine;
}

/** The circle on screen gets the longpoll; undefined when none is shown. */
export function focusCircle(circleId: string | undefined): void {
  notifySync({ kind: 'focus', circleId });
}

/**
 * After a local write: deliver now instead of waiting for the timer. `now` also skips the backoff of items that
 * failed before (after signing in again, when those failures are known to be over).
 */
export function requestFlush(now = false): void {
  notifySync({ kind: 'flush', now });
}

export function watchSyncStatus(onStatus: (status: SyncStatus) => void): () => void {
  return startSync().onStatus(onStatus);
}
