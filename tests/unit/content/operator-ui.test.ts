// The operator forms' parsing (money in minor units, times, poll options, audience JSON) and the in-app
// notifications read from the local database, with system notifications only for new ones.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { audienceToForm, emptyCondition, formToAudience, hoursAhead, isoToLocal, localToIso, parseAudienceJson, parsePeople, parsePrices, parseStatementNames, pollOptions, withinReach } from '../../../src/ui/operator/forms';
import { loadNotices, markNoticesRead, noticeText, startNoticeAlerts } from '../../../src/app/notices';
import { QuanziDB } from '../../../src/db/schema';
import { ACCOUNT_KEY } from '../../../src/hub/session';
import { setLocale } from '../../../src/i18n/index.svelte';

describe('operator forms', () => {
  it('prices become integer minor units; a group price above the price or not an amount is refused', () => {
    expect(parsePrices('128.00', '99.9', 'CNY')).toEqual({ ok: true, priceMinor: 12800, groupPriceMinor: 9990 });
    expect(parsePrices('1,280', '999', 'CNY')).toEqual({ ok: true, priceMinor: 128000, groupPriceMinor: 99900 });
    // Each refusal names its field and what is wrong, for the form to say there.
    expect(parsePrices('10', '12', 'CNY')).toEqual({ ok: false, field: 'groupPrice', problem: 'above-price' });
    expect(parsePrices('ten', '5', 'CNY')).toEqual({ ok: false, field: 'price', problem: 'not-amount' });
    expect(parsePrices('10', '0', 'CNY')).toEqual({ ok: false, field: 'groupPrice', problem: 'not-positive' });
    expect(parsePrices('-10', '5', 'CNY')).toEqual({ ok: false, field: 'price', problem: 'not-positive' });
    expect(parsePrices('0.1', '0.3', 'CNY')).toEqual({ ok: false, field: 'groupPrice', problem: 'above-price' });
    expect(parsePrices('10.999', '9', 'CNY')).toEqual({ ok: false, field: 'price', problem: 'not-amount' });
    expect(parsePrices('20,000,000', '1', 'CNY')).toEqual({ ok: false, field: 'price', problem: 'too-large' });
  });

  it('reads head counts as whole numbers from 1 to 100,000, and keeps times within five years', () => {
    expect(['1', ' 12 ', '100000'].map(parsePeople)).toEqual([1, 12, 100_000]);
    expect(['0', '-3', '2.5', '1e3', '', '100001', '99999999999999999'].map(parsePeople)).toEqual(Array(7).fill(undefined));
    const now = Date.parse('2026-12-07T00:00:00Z');
    expect(withinReach('2031-12-01T00:00:00Z', now)).toBe(true);
    expect(withinReach('9999-12-31T00:00:00Z', now)).toBe(false);
  });

  it('local date-time inputs round-trip to UTC ISO; empty or bad input gives nothing', () => {
    const time = Date.UTC(2026, 10, 25, 8, 30);
    expect(localToIso(isoToLocal(time))).toBe(new Date(time).toISOString());
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('not a time')).toBeUndefined();
  });

  it('a default time lands on the next whole hour, days ahead; one already on the hour stays', () => {
    const at = (h: number, m: number) => new Date(2026, 10, 25, h, m).getTime();
    expect(hoursAhead(7, at(9, 39))).toBe('2026-12-02T10:00');
    expect(hoursAhead(3, at(23, 1))).toBe('2026-11-29T00:00');
    expect(hoursAhead(3, at(19, 0))).toBe('2026-11-28T19:00');
  });

  it('poll options: one per line, trimmed, no blanks or repeats', () => {
    expect(pollOptions(' Osmanthus \n\nYuzu\nOsmanthus\r\nBlack sesame')).toEqual([
      { id: 'o1', label: 'Osmanthus' }, { id: 'o2', label: 'Yuzu' }, { id: 'o3', label: 'Black sesame' },
    ]);
  });

  it('names on statements: commas of either width, 、 or lines separate them; blank is none; a one-letter name is refused', () => {
    expect(parseStatementNames(' 瑞幸，luckin、Luckin Coffee\n瑞幸 ')).toEqual({ ok: true, names: ['瑞幸', 'luckin', 'Luckin Coffee'] });
    expect(parseStatementNames('  ')).toEqual({ ok: true, names: [] });
    expect(parseStatementNames('瑞幸, L')).toEqual({ ok: false, problem: { code: 'name', detail: 'L' } });
  });

  it('audience JSON: empty is none; it must be valid criteria, and the problem says where', () => {
    expect(parseAudienceJson('  ')).toEqual({ ok: true, value: undefined });
    expect(parseAudienceJson('{"topic": "coffee", "minCount": 2}')).toEqual({ ok: true, value: { topic: 'coffee', minCount: 2 } });
    expect(parseAudienceJson('{minCount: 2}')).toMatchObject({ ok: false, problem: { code: 'json' } });
    // Valid JSON that is not criteria: it would have broken the matcher on every device that downloads the catalog.
    expect(parseAudienceJson('{"minCount": 2}')).toEqual({ ok: false, problem: { path: 'audience', code: 'topicOrMerchant' } });
    expect(parseAudienceJson('{"all": [{"topic": "coffee"}, {"any": [{"merchant": []}]}]}'))
      .toEqual({ ok: false, problem: { path: 'audience.all[1].any[0]', code: 'merchants' } });
    expect(parseAudienceJson('{"topic": "astrology"}')).toMatchObject({ ok: false, problem: { code: 'unknownTopic', detail: 'astrology' } });
    expect(parseAudienceJson('{"topic": "coffee", "withinDays": 0.5}')).toMatchObject({ ok: false, problem: { code: 'withinDays' } });
  });

  it('the audience form: conditions become criteria, one condition stands alone, and stored criteria fill the form back', () => {
    const coffee = { ...emptyCondition(), topic: 'coffee', minCount: '3', withinDays: '90' };
    const shops = { ...emptyCondition(), kind: 'merchant' as const, merchants: '瑞幸， Manner、 ', minCount: '2' };
    expect(formToAudience({ mode: 'all', conditions: [] })).toEqual({ ok: true, value: undefined });
    expect(formToAudience({ mode: 'all', conditions: [coffee] })).toEqual({ ok: true, value: { topic: 'coffee', minCount: 3, withinDays: 90 } });
    const both = formToAudience({ mode: 'any', conditions: [coffee, shops] });
    expect(both).toEqual({ ok: true, value: { any: [{ topic: 'coffee', minCount: 3, withinDays: 90 }, { merchant: ['瑞幸', 'Manner'], minCount: 2 }] } });
    expect(audienceToForm(both.ok ? both.value : undefined)).toEqual({
      mode: 'any', conditions: [coffee, { ...shops, merchants: '瑞幸, Manner' }],
    });
    expect(formToAudience({ mode: 'all', conditions: [coffee, { ...emptyCondition(), minCount: 'two' }] }))
      .toMatchObject({ ok: false, condition: 2, problem: { code: 'minCount' } });
    // Deeper nesting is left to the JSON editor.
    expect(audienceToForm({ all: [{ topic: 'coffee' }, { any: [{ topic: 'books' }, { topic: 'film' }] }] })).toBeUndefined();
    expect(audienceToForm(undefined)).toEqual({ mode: 'all', conditions: [] });
  });
});

let counter = 0;
async function deviceWith(me: string): Promise<QuanziDB> {
  const db = new QuanziDB(`notices-${process.pid}-${counter++}`);
  await db.settings.put({ key: ACCOUNT_KEY, value: { name: me, roles: [], signedInAt: new Date().toISOString() } });
  return db;
}
const iso = (offsetHours: number) => new Date(Date.now() + offsetHours * 3_600_000).toISOString();
const row = (circleId: string, doc: Record<string, unknown>) => ({ circleId, docId: doc._id as string, type: doc.type as string, doc, state: 'synced', updatedAt: iso(0) });

describe('notifications', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists an approval this device saw, an event tomorrow I go to, a formed group-buy and a reply; read state is kept', async () => {
    setLocale('en');
    const db = await deviceWith('me');
    await db.catalog.put({ id: 'club', _id: 'club', name: { zh: '俱乐部', en: 'The Club' } });
    await db.memberships.bulkPut([
      { circleId: 'club', status: 'joined', policy: 'approval', joinedAt: iso(-48), approvedAt: iso(-1) },
      { circleId: 'mine', status: 'joined', policy: 'approval', joinedAt: iso(-48) }, // my own circle: never "approved"
    ]);
    await db.circleDocs.bulkPut([
      row('club', { _id: 'event:1', type: 'event', author: 'op', createdAt: iso(-30), title: 'Tasting', startsAt: iso(20) }),
      row('club', { _id: 'rsvp:event:1:me', type: 'rsvp', author: 'me', createdAt: iso(-2), event: 'event:1', answer: 'going' }),
      row('club', { _id: 'offer:1', type: 'offer', author: 'op', createdAt: iso(-30), product: 'Beans', priceMinor: 100, groupPriceMinor: 80, currency: 'CNY', threshold: 1, deadline: iso(-1) }),
      row('club', { _id: 'offerjoin:offer:1:me', type: 'offerjoin', author: 'me', createdAt: iso(-2), offer: 'offer:1', joined: true, deadline: iso(-1) }),
      row('club', { _id: 'post:1', type: 'post', author: 'me', createdAt: iso(-5), text: 'hello' }),
      row('club', { _id: 'comment:1', type: 'comment', author: 'amy', createdAt: iso(-4), parent: 'post:1', text: 'welcome!' }),
    ] as never);
    const view = await loadNotices(Date.now(), db);
    // The event was announced after this device joined: that is news too, apart from its being tomorrow.
    expect(view.items.map((i) => i.kind).sort()).toEqual(['approved', 'event-soon', 'new-event', 'offer-formed', 'reply']);
    expect(view.unread).toBe(5);
    const texts = view.items.map(noticeText);
    expect(texts).toContain('New event in The Club: Tasting');
    expect(texts).toContain('Your request to join The Club was approved.');
    expect(texts).toContain('amy replied to your post in The Club: welcome!');
    await markNoticesRead(view.items.map((i) => i.key), db);
    expect((await loadNotices(Date.now(), db)).unread).toBe(0);
  });

  it('system notifications only for notices that are new after the first look, once each', async () => {
    const shown: string[] = [];
    class FakeNotification {
      static permission = 'granted';
      constructor(_title: string, options: { body: string }) {
        shown.push(options.body);
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    setLocale('en');
    const db = await deviceWith('me');
    await db.memberships.put({ circleId: 'c', status: 'joined', policy: 'open', joinedAt: iso(-48) });
    await db.circleDocs.bulkPut([
      row('c', { _id: 'post:1', type: 'post', author: 'me', createdAt: iso(-5), text: 'hello' }),
      row('c', { _id: 'comment:old', type: 'comment', author: 'ben', createdAt: iso(-4), parent: 'post:1', text: 'old reply' }),
    ] as never);
    const stop = startNoticeAlerts(db);
    await vi.waitFor(async () => expect(await db.settings.get('notices.alerted')).toBeDefined());
    expect(shown).toEqual([]); // the first look records what is there
    await db.circleDocs.put(row('c', { _id: 'comment:new', type: 'comment', author: 'amy', createdAt: iso(-1), parent: 'post:1', text: 'new reply' }) as never);
    await vi.waitFor(() => expect(shown).toEqual(['amy replied to your post in c: new reply']));
    await db.circleDocs.put(row('c', { _id: 'post:2', type: 'post', author: 'me', createdAt: iso(0), text: 'another' }) as never);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(shown).toHaveLength(1);
    stop();
  });

  it('a group-buy that reached its threshold is announced once its deadline passes, with no new data', async () => {
    const shown: string[] = [];
    vi.stubGlobal('Notification', class {
      static permission = 'granted';
      constructor(_title: string, options: { body: string }) {
        shown.push(options.body);
      }
    });
    setLocale('en');
    const db = await deviceWith('me');
    const deadline = new Date(Date.now() + 1500).toISOString();
    await db.memberships.put({ circleId: 'c', status: 'joined', policy: 'open', joinedAt: iso(-48) });
    await db.circleDocs.bulkPut([
      row('c', { _id: 'offer:1', type: 'offer', author: 'op', createdAt: iso(-30), product: 'Beans', priceMinor: 100, groupPriceMinor: 80, currency: 'CNY', threshold: 1, deadline }),
      row('c', { _id: 'offerjoin:offer:1:me', type: 'offerjoin', author: 'me', createdAt: iso(-2), offer: 'offer:1', joined: true, deadline }),
    ] as never);
    const stop = startNoticeAlerts(db, 50);
    await vi.waitFor(async () => expect(await db.settings.get('notices.alerted')).toBeDefined());
    expect(shown).toEqual([]); // enough people, but people may still leave until the deadline
    await vi.waitFor(() => expect(shown).toEqual(['The group-buy Beans has formed (c).']), { timeout: 6000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(shown).toHaveLength(1);
    stop();
  });
});
