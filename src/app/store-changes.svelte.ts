import { DATA_REPLACED_CHANNEL, PROFILE_CHANNEL, SENDER_ID, TRANSACTIONS_CHANNEL } from '../db/other-tabs';
import { analysis, analysisStarted } from './analysis-client';

/**
 * Another tab (or the installed app's window) imported or undid a statement, or changed the profile's controls or
 * corrections: this tab's worker catches up first, then `version` goes up and the screens that show stored rows or
 * the profile (transactions, profile, suggestions, import history) read again. Asking the worker first means a
 * screen never reads before its copy is up to date. After a wipe or a restore there, this window reloads.
 */
export const storeChanges = $state({ version: 0 });

let listening = false;

export function followOtherTabs(): void {
  if (listening || typeof BroadcastChannel === 'undefined') return;
  listening = true;
  let ownWorker: Promise<string> | undefined;
  const follow = (channelName: string, catchUp: () => Promise<unknown>) => {
    new BroadcastChannel(channelName).onmessage = async (event: MessageEvent<{ from?: string }>) => {
      // No worker yet: nothing is held in memory here, and it reads the stored data when it starts.
      if (!analysisStarted()) return;
      // This tab's own worker announces on the same channels; its changes are already in its copy.
      if (event.data?.from === (await (ownWorker ??= analysis().senderId()))) return;
      await catchUp();
      storeChanges.version++;
    };
  };
  follow(TRANSACTIONS_CHANNEL, () => analysis().refreshTransactions());
  follow(PROFILE_CHANNEL, () => analysis().rebuildProfile());
  // Deleted everywhere means gone from this window's memory and screens too (src/ui/settings/MyData.svelte).
  new BroadcastChannel(DATA_REPLACED_CHANNEL).onmessage = (event: MessageEvent<{ from?: string }>) => {
    if (event.data?.from !== SENDER_ID) location.reload();
  };
}
