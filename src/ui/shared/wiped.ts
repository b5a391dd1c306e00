/**
 * "Delete everything" ends in a reload onto the first screen, which would otherwise look exactly like a first visit:
 * a note in sessionStorage (this tab only; it is not app data) survives the reload so that screen can say it worked.
 */
const WIPED_FLAG = 'quanzi.wiped';

const HUB_PENDING = 'hub-sign-out-pending';

export interface WipedNote {
  /** The hub could not be reached to end the session (offline): the person is told it ends once it can be reached. */
  hubSignOutPending: boolean;
}

export function noteWiped(note: WipedNote = { hubSignOutPending: false }): void {
  sessionStorage.setItem(WIPED_FLAG, note.hubSignOutPending ? HUB_PENDING : '1');
}

/** The note, once after a wipe in this tab; undefined otherwise. */
export function takeWipedNote(): WipedNote | undefined {
  const value = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(WIPED_FLAG);
  if (value === null) return undefined;
  sessionStorage.removeItem(WIPED_FLAG);
  return { hubSignOutPending: value === HUB_PENDING };
}
