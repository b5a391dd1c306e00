import { OUTBOX_SYNC_TAG, REFRESH_MIN_INTERVAL_MS, REFRESH_SYNC_TAG } from './background-sync';

/**
 * The page's half of background sync (the service worker's half is src/app/background-sync.ts). Both are
 * best-effort: browsers without the APIs (Firefox, Safari) simply deliver the next time Quanzi is open.
 */
interface SyncManagerLike {
  register(tag: string, options?: { minInterval: number }): Promise<void>;
}
type RegistrationWithSync = ServiceWorkerRegistration & { sync?: SyncManagerLike; periodicSync?: SyncManagerLike };

async function registration(): Promise<RegistrationWithSync | undefined> {
  // getRegistration, not `ready`: in `vite dev` there is no service worker and `ready` never settles.
  const found = await globalThis.navigator?.serviceWorker?.getRegistration().catch(() => undefined);
  return found?.active ? (found as RegistrationWithSync) : undefined;
}

/** Something could not be delivered: the browser wakes the service worker to deliver it once online again. */
export async function requestBackgroundDelivery(): Promise<boolean> {
  const sync = (await registration())?.sync;
  if (!sync) return false;
  // Refused where the person blocked background sync for the site: the next visit delivers instead.
  return sync.register(OUTBOX_SYNC_TAG).then(() => true, () => false);
}

/**
 * With notifications allowed, asks the browser to let the service worker check the joined circles now and then,
 * so a reply or an approval is alerted while Quanzi is closed. Chromium grants this to installed apps only.
 */
export async function requestBackgroundChecks(): Promise<boolean> {
  const periodic = (await registration())?.periodicSync;
  if (!periodic || globalThis.Notification?.permission !== 'granted') return false;
  try {
    const state = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (state.state !== 'granted') return false;
    await periodic.register(REFRESH_SYNC_TAG, { minInterval: REFRESH_MIN_INTERVAL_MS });
    return true;
  } catch {
    return false;
  }
}
