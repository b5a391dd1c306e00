/**
 * Files that reach the app from outside: the manifest's share_target (stored by the service worker's receiveSharedFiles,
 * then the app opens on #/import/shared) and file_handlers (the Launch Queue, app opens on #/import).
 * The import screen calls `takeSharedFiles()` when its param is 'shared' and `onLaunchedFiles()` once.
 */
export const SHARE_CACHE = 'quanzi-share-target';
export const SHARED_PARAM = 'shared';

/**
 * In the service worker (also offline): the share_target POST's files go into a Cache Storage entry, then the app
 * opens on #/import/shared and takes them with takeSharedFiles().
 */
export async function receiveSharedFiles(request: Request): Promise<Response> {
  try {
    const form = await request.formData();
    const cache = await caches.open(SHARE_CACHE);
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
  return Response.redirect(`/#/import/${SHARED_PARAM}`, 303);
}

/** Returns the files shared into the app and forgets them, so they are imported once. */
export async function takeSharedFiles(): Promise<File[]> {
  if (typeof caches === 'undefined' || !(await caches.has(SHARE_CACHE))) return [];
  const cache = await caches.open(SHARE_CACHE);
  const files: File[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response) continue;
    const name = decodeURIComponent(response.headers.get('x-file-name') ?? 'shared-file');
    files.push(new File([await response.blob()], name, { type: response.headers.get('content-type') ?? '' }));
  }
  await caches.delete(SHARE_CACHE);
  return files;
}

interface LaunchParams {
  files: readonly FileSystemFileHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Files opened with the installed app (file_handlers). No-op in browsers without the Launch Queue. */
export function onLaunchedFiles(consumer: (files: File[]) => void): void {
  const queue = (window as unknown as { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer(async (params) => {
    if (!params.files.length) return;
    consumer(await Promise.all(params.files.map((handle) => handle.getFile())));
  });
}
