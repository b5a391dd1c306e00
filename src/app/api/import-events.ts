import type { StoredTransaction } from '../../db/schema';

/**
 * A tiny in-worker event hub: the import API announces committed imports and undos here, so other worker
 * modules (the profile) can update incrementally without the import code knowing about them.
 */
export type ImportEvent =
  | { type: 'imported'; importId: string; rows: StoredTransaction[] }
  | { type: 'undone'; importId: string };

type Listener = (event: ImportEvent) => void;

const listeners = new Set<Listener>();

export const importEvents = {
  on(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  emit(event: ImportEvent): void {
    for (const listener of listeners) {
      // One listener's failure must not undo or hide a committed import.
      try {
        listener(event);
      } catch (e) {
        console.error('import event listener failed', e);
      }
    }
  },
};
