/**
 * A click on a system notification opens what it is about (a circle). The service worker brings a Quanzi window
 * forward and asks it to show the route, rather than calling WindowClient.navigate(): that reloads the page
 * (the app routes by hash, so nothing needs loading) and refuses a window the worker does not control.
 */
export const OPEN_ROUTE = 'quanzi-open-route';

export interface NoticeWindow {
  readonly focused: boolean;
  readonly visibilityState: DocumentVisibilityState;
  postMessage(message: unknown): void;
  focus(): Promise<unknown>;
}

export interface NoticeWindows {
  matchAll(): Promise<readonly NoticeWindow[]>;
  openWindow(url: string): Promise<unknown>;
}

/** Shows `route` (`#/feed/<circle>`) in the focused Quanzi window, else a visible one, else any, else a new one. */
export async function openNoticeRoute(windows: NoticeWindows, route: string): Promise<void> {
  const open = await windows.matchAll();
  const target = open.find((w) => w.focused) ?? open.find((w) => w.visibilityState === 'visible') ?? open[0];
  if (!target) {
    await windows.openWindow(`/${route}`);
    return;
  }
  target.postMessage({ type: OPEN_ROUTE, route });
  await target.focus();
}

/** Page side: the route a message from the service worker asks for; undefined for any other message. */
export function routeFromMessage(data: unknown): string | undefined {
  const message = data as { type?: unknown; route?: unknown } | null;
  if (message?.type !== OPEN_ROUTE || typeof message.route !== 'string' || !message.route.startsWith('#/')) return undefined;
  return message.route;
}
