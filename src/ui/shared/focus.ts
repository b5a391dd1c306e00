import { tick } from 'svelte';

/** What has focus now, to hand to keepFocusAfter once an action is done. */
export function focusNow(): Element | null {
  return typeof document === 'undefined' ? null : document.activeElement;
}

/**
 * After an action someone started: when the control they pressed went disabled or went away while it ran, keyboard
 * focus fell to the page, and the next Tab starts over at the top. Then focus goes to `target` (the outcome, or the
 * section's heading). Only focus the action took: if nothing had focus when it began, or something has it now (the
 * person moved on), it stays where it is.
 */
export async function keepFocusAfter(
  trigger: Element | null | undefined,
  target: HTMLElement | undefined | (() => HTMLElement | undefined),
): Promise<void> {
  await tick();
  if (!trigger || trigger === document.body) return;
  // A function: the target may only be rendered by the update this waited for (an outcome line that just appeared).
  const element = typeof target === 'function' ? target() : target;
  const active = document.activeElement;
  if (element?.isConnected && (!active || active === document.body)) element.focus();
}
