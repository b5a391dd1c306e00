import { Workbox } from 'workbox-window';
import { routeFromMessage } from './notice-click';
import { Observed } from './observed';
import { noteReloadNeeded } from './reload-needed';

/**
 * Registers the service worker built by vite-plugin-pwa (precached app shell, offline start) with
 * workbox-window. A new version waits until the person clicks "reload" in the UpdatePrompt: the page
 * never reloads on its own, so nothing being typed is lost.
 */
let workbox: Workbox | undefined;
const updateReady = new Observed(false);
/** This window asked the new version to take over (applyUpdate); its reload follows. */
let updatingHere = false;
/** Calls `listener` now and whenever a waiting (new) service worker appears. Returns an unsubscribe. */
export function onUpdateReady(listener: (ready: boolean) => void): () => void {
  return updateReady.follow(listener);
}

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export async function registerServiceWorker(scriptUrl = '/sw.js'): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  // A notification click in the service worker asks this window to show a circle (src/app/notice-click.ts).
  navigator.serviceWorker.addEventListener('message', (event) => {
    const route = routeFromMessage(event.data);
    if (route) location.hash = route;
  });
  navigator.serviceWorker.startMessages();
  // A new version another window let take over now controls this one too, with this version's files gone. The very
  // first service worker taking control of a first visit (no controller before) is not that.
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController && !updatingHere) noteReloadNeeded('app-replaced');
  });
  workbox = new Workbox(scriptUrl);
  // Fires for a worker installed while this page is open and for one already waiting at load.
  workbox.addEventListener('waiting', () => updateReady.set(true));
  try {
    await workbox.register();
  } catch (error) {
    console.warn('Quanzi: service worker registration failed', error);
    return;
  }
  // Long-lived tabs look for new versions now and then, and when the network returns.
  setInterval(() => void checkForUpdate(), UPDATE_CHECK_MS);
  window.addEventListener('online', () => void checkForUpdate());
}

export async function checkForUpdate(): Promise<void> {
  try {
    await workbox?.update();
  } catch {
    // Offline or the server is down: try again next time.
  }
}

/** Only ever called from the person's click: activate the waiting worker, then reload into it. */
export async function applyUpdate(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  // Another tab may already have activated the new worker: then a plain reload picks up the new version.
  if (!workbox || !registration?.waiting) {
    location.reload();
    return;
  }
  updatingHere = true;
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}
