/**
 * Failures that come from beneath the app rather than from what the person gave it, told apart so they can be said
 * plainly instead of in the browser's English.
 */

// Chromium: "Failed to fetch dynamically imported module: …"; Firefox: "error loading dynamically imported module";
// Safari: "Importing a module script failed."
const MISSING_MODULE = /dynamically imported module|importing a module script failed/i;

/**
 * A file of the app's own code could not be loaded: an update in another window replaced this version's files (their
 * names carry a hash, and the new service worker drops the old ones), so code loaded on first use is gone.
 */
export function isMissingAppFile(error: unknown): boolean {
  return error instanceof Error && MISSING_MODULE.test(error.message);
}

/** The device's storage for this site is full. Dexie keeps IndexedDB's own error as `inner`. */
export function isStorageFull(error: unknown): boolean {
  const named = (e: unknown): boolean => (e as { name?: unknown } | null)?.name === 'QuotaExceededError';
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}
