import { TRANSACTIONS_CHANNEL } from '../db/transactions';
import { analysis } from './analysis-client';

/**
 * Another tab (or the installed app's window) imported or undid a statement: this tab's worker takes the change
 * in, then `version` goes up, and the screens that show stored rows (transactions, profile, suggestions, import
 * history) read again. The worker is asked first, so a screen never reads before its copy is up to date.
 */
export const storeChanges = $state({ version: 0 });

let channel: BroadcastChannel | undefined;

export function followOtherTabs(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(TRANSACTIONS_CHANNEL);
  channel.onmessage = () => {
    void analysis().refreshTransactions().then(() => storeChanges.version++);
  };
}
