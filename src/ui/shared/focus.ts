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
  const resolve = () => (typeof target === 'function' ? target() : target);
  // A control that went disabled may still be document.activeElement for a moment, but keys no longer reach it.
  const dropped = () => !document.activeElement || document.activeElement === document.body || (document.activeElement as HTMLButtonElement).disabled === true;
  if (dropped()) {
    const element = resolve();
    if (element?.isConnected) element.focus();
    return;
  }
  // The control may go a moment later, with the stored data's change (an unmuted name's row, a read notice):
  // watch for it to leave the page for a little while.
  if (trigger.isConnected && document.activeElement === trigger) focusWhenRemoved(trigger, resolve);
}

const REMOVAL_WATCH_MS = 3000;

function focusWhenRemoved(trigger: Element, resolve: () => HTMLElement | undefined): void {
  const observer = new MutationObserver(() => {
    if (trigger.isConnected) return;
    stop();
    const active = document.activeElement;
    const element = resolve();
    if ((!active || active === document.body) && element?.isConnected) element.focus();
  });
  const timer = setTimeout(() => stop(), REMOVAL_WATCH_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * Focus for a notice that stands in for the control the person used, when that control is gone with the page (the
 * reload after "delete everything"): without it focus starts on <body> and a screen reader may never reach the notice.
 * Left alone when something already has focus.
 */
export async function focusArrivedNotice(element: HTMLElement | undefined): Promise<void> {
  await tick();
  const active = document.activeElement;
  if (element?.isConnected && (!active || active === document.body)) element.focus();
}

const SETTLE_MS = 1200;
const HOLD_MAX_MS = 6000;

/**
 * Scrolls to `element` and focuses it, then keeps it where it was put while the page above it is still filling in:
 * the trust panel and the circle's cards read IndexedDB and the hub after the page opens, and each section that
 * arrives pushes what is below it down, out of view. It lets go once the layout has been still for a moment, or at
 * once when the person scrolls, taps or presses a key, or moves focus elsewhere.
 */
export function showAndHold(element: HTMLElement, block: ScrollLogicalPosition = 'start'): () => void {
  element.scrollIntoView({ block });
  element.focus({ preventScroll: true });
  let top = element.getBoundingClientRect().top;
  const observer = new ResizeObserver(() => {
    if (!element.isConnected || document.activeElement !== element) return stop();
    if (Math.abs(element.getBoundingClientRect().top - top) > 1) element.scrollIntoView({ block });
    top = element.getBoundingClientRect().top;
    settle();
  });
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(stop, SETTLE_MS);
  };
  const limit = setTimeout(stop, HOLD_MAX_MS);
  const personActs = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
  function stop(): void {
    observer.disconnect();
    clearTimeout(settleTimer);
    clearTimeout(limit);
    for (const type of personActs) window.removeEventListener(type, stop, true);
  }
  for (const type of personActs) window.addEventListener(type, stop, { capture: true, passive: true });
  observer.observe(document.body);
  settle();
  return stop;
}
