import { isMissingAppFile } from './browser-errors';
import { Observed } from './observed';

/**
 * Why this window should reload, when it should (src/ui/shared/UpdatePrompt.svelte asks the person; nothing reloads
 * on its own):
 * - 'newer-data': a newer Quanzi opened the data on this device (src/app/newer-database.ts), and this window's code
 *   may write it in an older shape;
 * - 'app-replaced': another window installed a new version, whose service worker now answers this window too and
 *   dropped this version's files: a screen, the statement readers or the charts, loaded on first use, would fail.
 */
export type ReloadReason = 'newer-data' | 'app-replaced';

const needed = new Observed<ReloadReason | undefined>(undefined);

export function noteReloadNeeded(reason: ReloadReason): void {
  // The data's shape is the weightier reason: it is not replaced by the other.
  if (needed.value !== 'newer-data') needed.set(reason);
}

/** Calls `listener` now and when a reason appears. Returns an unsubscribe. */
export function onReloadNeeded(listener: (reason: ReloadReason | undefined) => void): () => void {
  return needed.follow(listener);
}

/** Code the page loads on first use that failed to load because its file is gone says so (see isMissingAppFile). */
export function watchForMissingAppFiles(): void {
  // Vite's own event for a preload that failed; unhandled rejections catch an import() nobody awaited with a catch.
  window.addEventListener('vite:preloadError', () => noteReloadNeeded('app-replaced'));
  window.addEventListener('unhandledrejection', (event) => {
    if (isMissingAppFile(event.reason)) noteReloadNeeded('app-replaced');
  });
}
