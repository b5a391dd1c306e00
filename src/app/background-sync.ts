import { getDb, type QuanziDB } from '../db/schema';
import { getSetting, SETTING_KEYS } from '../db/settings';
import type { HubClient } from '../hub/client';
import { syncPass, type SyncPassReport } from '../hub/sync-pass';
import { chosenLocale, translate, type Locale } from '../i18n/translate';
import { loadNoticeView, noticeRoute, noticeWording, takeFreshAlerts } from './notice-feed';

/**
 * Sync while no tab is open, run by the service worker (workers/sw.ts):
 * - `quanzi-outbox`, a one-off Background Sync the page registers when a post, comment or RSVP could not be
 *   delivered (offline). The browser fires it when the network is back, even after the tab was closed.
 * - `quanzi-refresh`, a Periodic Background Sync the page registers once the person allows notifications (the
 *   browser decides how often; Chromium only for installed apps).
 * Either one runs a whole sync pass, then shows system notifications for notices that arrived, worded and
 * deduplicated exactly as the page does (src/app/notice-feed.ts). A tab holding the sync lock does all of this
 * itself, so the worker then stands aside.
 */
export const OUTBOX_SYNC_TAG = 'quanzi-outbox';
export const REFRESH_SYNC_TAG = 'quanzi-refresh';
/** The shortest interval asked for; browsers stretch it by how much the app is used. */
export const REFRESH_MIN_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface SystemNotice {
  title: string;
  body: string;
  tag: string;
  /** Where a click leads, e.g. `#/feed/coffee-luckin-sh/comment%3A01…` (noticeRoute). */
  route: string;
}

export interface BackgroundContext {
  /** Runs `task` holding the sync lock if no tab holds it; undefined when a tab does (it syncs itself). */
  whileNoTabSyncs<T>(task: () => Promise<T>): Promise<T | undefined>;
  permission(): NotificationPermission | 'unsupported';
  show(notice: SystemNotice): Promise<void>;
  languages: readonly string[];
  client?: HubClient;
  db?: QuanziDB;
  now?: () => number;
}

/** Thrown so the browser tries the one-off sync again later (it retries a failed sync with a backoff). */
export class TryAgainLater extends Error {
  override name = 'TryAgainLater';
}

async function noticeLocale(context: BackgroundContext, db: QuanziDB): Promise<Locale> {
  return chosenLocale(await getSetting<unknown>(SETTING_KEYS.locale, 'system', db), context.languages);
}

/** New notices become system notifications (when allowed); they are marked alerted either way, as on the page. */
async function alertFreshNotices(context: BackgroundContext, db: QuanziDB): Promise<number> {
  const locale = await noticeLocale(context, db);
  const fresh = await takeFreshAlerts(await loadNoticeView(locale, context.now?.() ?? Date.now(), db), db);
  if (context.permission() !== 'granted') return 0;
  for (const item of fresh) {
    await context.show({ title: translate(locale, 'app.name'), body: noticeWording(item, locale), tag: item.key, route: noticeRoute(item) });
  }
  return fresh.length;
}

export interface BackgroundOutcome extends SyncPassReport {
  alerted: number;
}

export async function backgroundSync(tag: string, context: BackgroundContext): Promise<BackgroundOutcome | undefined> {
  const db = context.db ?? getDb();
  const outcome = await context.whileNoTabSyncs(async () => {
    const report = await syncPass({ client: context.client, db });
    return { ...report, alerted: await alertFreshNotices(context, db) };
  });
  if (tag !== OUTBOX_SYNC_TAG) return outcome;
  // The one-off sync is the outbox's promise to deliver: until it has, ask the browser to fire it again.
  if (!outcome) throw new TryAgainLater('a Quanzi tab is syncing; it delivers the outbox itself');
  if (outcome.retrying) throw new TryAgainLater(`${outcome.retrying} item(s) could not be delivered yet`);
  return outcome;
}
