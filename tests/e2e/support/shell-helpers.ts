import { expect, type Page } from '@playwright/test';

// The shell's service worker and storage, as the shell and wipe specs check them.

/** Waits until the service worker is active, then reloads so it controls the page (no clients.claim). */
export async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(/\/sw\.js$/);
}

/** Rows in every IndexedDB database of the origin, but for the stores named in `except`. */
export async function countAllRows(page: Page, except: string[] = []): Promise<number> {
  return page.evaluate(async (except) => {
    let rows = 0;
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames).filter((name) => !except.includes(name))) {
        rows += await new Promise<number>((resolve) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
        });
      }
      db.close();
    }
    return rows;
  }, except);
}
