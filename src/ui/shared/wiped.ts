/**
 * "Delete everything" ends in a reload onto the first screen, which would otherwise look exactly like a first visit:
 * a note in sessionStorage (this tab only; it is not app data) survives the reload so that screen can say it worked.
 */
const WIPED_FLAG = 'quanzi.wiped';

export function noteWiped(): void {
  sessionStorage.setItem(WIPED_FLAG, '1');
}

/** True once after a wipe in this tab. */
export function takeWipedNote(): boolean {
  const value = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(WIPED_FLAG);
  if (value === null) return false;
  sessionStorage.removeItem(WIPED_FLAG);
  return true;
}
