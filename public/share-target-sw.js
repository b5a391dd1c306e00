// Imported into the generated service worker (vite.config.ts workbox.importScripts). Handles the
// manifest's share_target (POST /share-target, also offline): the shared statement files go into a
// Cache Storage entry, then the app opens on #/import/shared and takes them (src/app/share-target.ts).
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || url.origin !== self.location.origin || url.pathname !== '/share-target') return;
  event.respondWith((async () => {
    try {
      const form = await event.request.formData();
      const cache = await caches.open('quanzi-share-target');
      for (const key of await cache.keys()) await cache.delete(key);
      let index = 0;
      for (const file of form.getAll('statement')) {
        if (typeof file === 'string') continue;
        await cache.put(`/share-target/file/${index++}`, new Response(file, {
          headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
        }));
      }
    } catch (error) {
      console.warn('Quanzi: shared files could not be read', error);
    }
    return Response.redirect('/#/import/shared', 303);
  })());
});
