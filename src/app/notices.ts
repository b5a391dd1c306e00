import { deriveNotices, type Notice } from '../core/circles/content/notifications';
import { loadNoticeInputs } from '../db/circle-content';
import { watch } from '../db/circle-docs';
import { getDb, type QuanziDB } from '../db/schema';
import { getSetting, setSetting } from '../db/settings';
import { i18n, t } from '../i18n/index.svelte';
import { circleName } from '../ui/feed/circle-name';

/**
 * In-app notifications, derived from what is synced (src/core/circles/content/notifications.ts): a request
 * approved, an event tomorrow, a group-buy formed, a reply to my post. No push server: while the app is open,
 * new ones also become system notifications when the person allowed them. Keys are stable, so deriving
 * again never notifies twice; the keys read and alerted are kept in settings.
 */
const READ_KEY = 'notices.read';
const ALERTED_KEY = 'notices.alerted';
const MAX_SHOWN = 30;
const MAX_KEPT = 2_000;

export interface NoticeItem extends Notice {
  circle: string;
  read: boolean;
}

export interface NoticeView {
  items: NoticeItem[];
  unread: number;
}

export async function loadNotices(now = Date.now(), db: QuanziDB = getDb()): Promise<NoticeView> {
  const input = await loadNoticeInputs(READ_KEY, db);
  if (!input.me) return { items: [], unread: 0 };
  const read = new Set(input.read);
  const items = deriveNotices(input.snapshots, input.me, now).slice(0, MAX_SHOWN)
    .map((n) => ({ ...n, circle: circleName(input.entries[n.circleId], n.circleId, i18n.locale), read: read.has(n.key) }));
  return { items, unread: items.filter((i) => !i.read).length };
}

export function noticeText(item: NoticeItem): string {
  return t(`notice.${item.kind}`, { ...item.params, circle: item.circle });
}

async function remember(key: string, add: string[], db: QuanziDB): Promise<void> {
  const kept = await getSetting<string[]>(key, [], db);
  await setSetting(key, [...new Set([...kept, ...add])].slice(-MAX_KEPT), db);
}

export const markNoticesRead = (keys: string[], db: QuanziDB = getDb()) => remember(READ_KEY, keys, db);

/** Whether this browser can show system notifications, and what the person said. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** A system notification; where pages may not construct one (Chrome on Android), through the service worker. */
function showSystemNotice(body: string, tag: string): void {
  try {
    new Notification('Quanzi', { body, tag });
  } catch {
    void globalThis.navigator?.serviceWorker?.ready.then((registration) => registration.showNotification('Quanzi', { body, tag })).catch(() => undefined);
  }
}

/**
 * While the app is open: every notice not alerted yet becomes a system notification (when allowed). The very
 * first run only records what is there, so opening the app for the first time does not flood the person.
 */
export function startNoticeAlerts(db: QuanziDB = getDb()): () => void {
  // One at a time and none skipped: each new result waits for the previous one to be handled.
  let chain = Promise.resolve();
  const handle = async (view: NoticeView): Promise<void> => {
    const first = (await db.settings.get(ALERTED_KEY)) === undefined;
    const alerted = new Set(await getSetting<string[]>(ALERTED_KEY, [], db));
    const fresh = view.items.filter((item) => !alerted.has(item.key) && !item.read);
    if (!fresh.length && !first) return;
    if (!first && notificationPermission() === 'granted') {
      for (const item of fresh.slice(0, 3)) showSystemNotice(noticeText(item), item.key);
    }
    await remember(ALERTED_KEY, view.items.map((i) => i.key), db);
  };
  return watch(() => loadNotices(Date.now(), db), (view) => {
    chain = chain.then(() => handle(view)).catch((error) => console.warn('notifications', error));
  });
}
