// The service worker (built by vite-plugin-pwa's injectManifest): the precached app shell, the share target,
// and sync while no tab is open. The logic lives in src/app/background-sync.ts and src/app/share-target.ts.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { backgroundSync, type BackgroundContext } from '../src/app/background-sync';
import { openNoticeRoute } from '../src/app/notice-click';
import { receiveSharedFiles } from '../src/app/share-target';
import { SYNC_LOCK } from '../src/hub/leader';

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The hub is a live CouchDB API; a cached app shell must never answer for it.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/hub/] }));

// The page asks a waiting new version to take over only when the person clicks "reload" (src/app/sw-client.ts).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'POST' && url.origin === self.location.origin && url.pathname === '/share-target') {
    event.respondWith(receiveSharedFiles(event.request));
  }
});

const context: BackgroundContext = {
  whileNoTabSyncs: (task) => self.navigator.locks.request(SYNC_LOCK, { ifAvailable: true }, (lock) => (lock ? task() : undefined)),
  permission: () => Notification.permission,
  show: ({ title, body, tag, route }) => self.registration.showNotification(title, { body, tag, icon: '/icons/icon-192.png', data: { route } }),
  languages: self.navigator.languages,
};

const onSync = (event: Event): void => {
  const sync = event as SyncEvent;
  sync.waitUntil(backgroundSync(sync.tag, context));
};
self.addEventListener('sync', onSync);
self.addEventListener('periodicsync', onSync);

// A click opens the circle the notice is about, in an open Quanzi window when there is one (src/app/notice-click.ts).
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const route = (event.notification.data as { route?: string } | null)?.route ?? '#/feed';
  event.waitUntil(openNoticeRoute({
    matchAll: () => self.clients.matchAll({ type: 'window', includeUncontrolled: true }),
    openWindow: (url) => self.clients.openWindow(url),
  }, route));
});
