import { watch } from '../db/circle-docs';
import { getDb, type QuanziDB } from '../db/schema';
import { i18n, t } from '../i18n/index.svelte';
import { shareNoticesSeen } from '../hub/notices-seen';
import { loadNoticeView, markNoticesRead as markRead, noticeWording, takeFreshAlerts, type NoticeItem, type NoticeView } from './notice-feed';

/**
 * The page's side of notifications (the list and wording are in ./notice-feed.ts): the view in the current
 * language, and, while the app is open, system notifications for new notices when the person allowed them.
 * No push server; while the app is closed, the service worker alerts after its background sync.
 */
export { noticeRoute, type NoticeItem, type NoticeView } from './notice-feed';

/** Marks notices read here, and tells the hub when that moved how far the account has read (src/hub/notices-seen.ts). */
export async function markNoticesRead(keys: string[], db: QuanziDB = getDb()): Promise<void> {
  if (await markRead(keys, db)) await shareNoticesSeen(undefined, db);
}

export const loadNotices = (now = Date.now(), db: QuanziDB = getDb()): Promise<NoticeView> => loadNoticeView(i18n.locale, now, db);

export const noticeText = (item: NoticeItem): string => noticeWording(item, i18n.locale);

/** How often the open app looks again for notices that time alone brings. */
const NOTICE_RECHECK_MS = 60_000;

/** Whether this browser can show system notifications, and what the person said. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** A system notification; where pages may not construct one (Chrome on Android), through the service worker. */
function showSystemNotice(body: string, tag: string): void {
  try {
    new Notification(t('app.name'), { body, tag });
  } catch {
    void globalThis.navigator?.serviceWorker?.ready.then((registration) => registration.showNotification(t('app.name'), { body, tag })).catch(() => undefined);
  }
}

/**
 * While the app is open: every notice not alerted yet becomes a system notification (when allowed). The very
 * first run only records what is there, so opening the app for the first time does not flood the person.
 */
export function startNoticeAlerts(db: QuanziDB = getDb(), recheckMs = NOTICE_RECHECK_MS): () => void {
  // One at a time and none skipped: each new result waits for the previous one to be handled.
  let chain = Promise.resolve();
  const handle = async (view: NoticeView): Promise<void> => {
    const fresh = await takeFreshAlerts(view, db);
    if (notificationPermission() === 'granted') for (const item of fresh) showSystemNotice(noticeText(item), item.key);
  };
  return watchNotices((view) => {
    chain = chain.then(() => handle(view)).catch((error) => console.warn('notifications', error));
  }, db, recheckMs);
}

/**
 * The notices as they change, and again every `recheckMs`: some come with time alone, no data changing (a group-buy
 * forms at its deadline, an event enters its last day). The list on screen and the system alerts both follow this.
 */
export function watchNotices(onView: (view: NoticeView) => void, db: QuanziDB = getDb(), recheckMs = NOTICE_RECHECK_MS): () => void {
  const stop = watch(() => loadNotices(Date.now(), db), onView);
  const timer = setInterval(() => void loadNotices(Date.now(), db).then(onView, (error) => console.warn('notifications', error)), recheckMs);
  return () => {
    clearInterval(timer);
    stop();
  };
}
