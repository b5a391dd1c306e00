import { deriveNotices, type Notice } from '../core/circles/content/notifications';
import { advanceNoticesSeen, loadNoticeInputs } from '../db/circle-content';
import { getDb, type QuanziDB } from '../db/schema';
import { getSetting, setSetting } from '../db/settings';
import { translate, type Locale } from '../i18n/translate';
import { circleName } from '../ui/feed/circle-name';

/**
 * Notices derived from what is synced (src/core/circles/content/notifications.ts): a request approved or declined,
 * an event tomorrow, a group-buy formed, a reply to my post. Shared by the page (src/app/notices.ts) and the service worker
 * (src/app/background-sync.ts), so both word them alike and neither alerts one the other already did. Keys are
 * stable, so deriving again never notifies twice; the keys read and alerted are kept in settings.
 */
const READ_KEY = 'notices.read';
const ALERTED_KEY = 'notices.alerted';
const MAX_SHOWN = 30;
const MAX_KEPT = 2_000;
/** A sync that brings many notices at once shows a few, not a wall of system notifications. */
export const MAX_ALERTS_AT_ONCE = 3;

export interface NoticeItem extends Notice {
  circle: string;
  read: boolean;
  /** It happened before this device held the circle (a sign-in brought the circle back): never a system alert. */
  fromBefore: boolean;
}

export interface NoticeView {
  items: NoticeItem[];
  unread: number;
}

export async function loadNoticeView(locale: Locale, now = Date.now(), db: QuanziDB = getDb()): Promise<NoticeView> {
  const input = await loadNoticeInputs(READ_KEY, db);
  if (!input.me) return { items: [], unread: 0 };
  const read = new Set(input.read);
  const since = new Map(input.snapshots.map((s) => [s.circleId, s.heldSince ?? '']));
  // What happened before this device had the circle (a sign-in brings the account's circles back with their
  // history) is old news, shown but not unread, unless the account had not read that far on any device: then the
  // reply or the decision it missed is news here. Either way it never rings: a sign-in is no time for alerts.
  const items = deriveNotices(input.snapshots, input.me, now).slice(0, MAX_SHOWN).map((n) => {
    const fromBefore = n.at < (since.get(n.circleId) ?? '');
    const oldNews = fromBefore && (input.seenUntil === undefined || n.at <= input.seenUntil);
    return { ...n, circle: circleName(input.entries[n.circleId], n.circleId, locale), read: read.has(n.key) || oldNews, fromBefore };
  });
  return { items, unread: items.filter((i) => !i.read).length };
}

/**
 * Where a notice leads: its circle, at the doc it is about (`#/feed/<circle>/<doc>`: the reply, the event), so the
 * person lands on it rather than at the top of the circle. Circle ids never hold a '/', so the first one splits.
 */
export function noticeRoute(notice: Pick<Notice, 'circleId' | 'docId'>): string {
  const circle = `#/feed/${encodeURIComponent(notice.circleId)}`;
  return notice.docId ? `${circle}/${encodeURIComponent(notice.docId)}` : circle;
}

/** The circle and the doc to show, from the Feed screen's route parameter (see noticeRoute). */
export function circleAndDoc(param: string): { circleId: string; docId?: string } {
  const slash = param.indexOf('/');
  return slash < 0 ? { circleId: param } : { circleId: param.slice(0, slash), docId: param.slice(slash + 1) || undefined };
}

/** A refusal's reason as the operator left it: none, or '—' (what the app wrote before a reason was optional). */
const NO_REASON = new Set(['', '—']);

export function noticeWording(item: NoticeItem, locale: Locale): string {
  const key = item.kind === 'declined' && NO_REASON.has(item.params.reason?.trim() ?? '') ? 'notice.declinedNoReason' : `notice.${item.kind}`;
  return translate(locale, key, { ...item.params, circle: item.circle });
}

async function remember(key: string, add: string[], db: QuanziDB): Promise<void> {
  const kept = await getSetting<string[]>(key, [], db);
  await setSetting(key, [...new Set([...kept, ...add])].slice(-MAX_KEPT), db);
}

/**
 * Marks these notices read, and moves "read up to" (NOTICES_SEEN_KEY) to the newest notice before the oldest one still
 * unread, never past now (an event's notice is dated by its start). True when that moved, to be told to the hub.
 */
export async function markNoticesRead(keys: string[], db: QuanziDB = getDb(), now = Date.now()): Promise<boolean> {
  await remember(READ_KEY, keys, db);
  const { items } = await loadNoticeView('en', now, db);
  let seen: string | undefined;
  for (let i = items.length - 1; i >= 0 && items[i].read; i--) seen = items[i].at;
  const nowText = new Date(now).toISOString();
  return seen !== undefined && advanceNoticesSeen(seen < nowText ? seen : nowText, db);
}

/**
 * The notices to alert now (unread, never alerted), and every notice in `view` marked as alerted. The very first
 * look only records what is there, so opening the app for the first time does not flood the person.
 */
export async function takeFreshAlerts(view: NoticeView, db: QuanziDB = getDb()): Promise<NoticeItem[]> {
  const stored = await getSetting<string[] | undefined>(ALERTED_KEY, undefined, db);
  const first = stored === undefined;
  const alerted = new Set(stored ?? []);
  const fresh = view.items.filter((item) => !alerted.has(item.key) && !item.read && !item.fromBefore);
  if (!fresh.length && !first) return [];
  await remember(ALERTED_KEY, view.items.map((i) => i.key), db);
  return first ? [] : fresh.slice(0, MAX_ALERTS_AT_ONCE);
}
