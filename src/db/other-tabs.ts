/**
 * Every tab (and the installed app's window) has its own analysis worker, which keeps the transactions and the
 * profile in memory. A tab that changes what those copies are built from says so on one of these channels; the
 * other tabs' pages ask their workers to catch up (src/app/store-changes.svelte.ts). A message carries only
 * who sent it, since the sender's own page hears it too: the data itself is read from IndexedDB.
 */
export const TRANSACTIONS_CHANNEL = 'quanzi-transactions';
export const PROFILE_CHANNEL = 'quanzi-profile';
/** Everything was deleted or replaced from a backup: the other windows start again from what is stored. */
export const DATA_REPLACED_CHANNEL = 'quanzi-data-replaced';

/** This context's name on the channels (each worker has its own copy of this module). */
export const SENDER_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function tellOtherTabs(channelName: typeof TRANSACTIONS_CHANNEL | typeof PROFILE_CHANNEL | typeof DATA_REPLACED_CHANNEL): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(channelName);
  channel.postMessage({ from: SENDER_ID });
  channel.close();
}
