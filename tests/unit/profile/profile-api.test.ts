import { describe, expect, it } from 'vitest';
import { profileApi } from '../../../src/app/api/profile-api';
import { getDb } from '../../../src/db/schema';
import { makePersona } from '../../support/personas';

// The worker API over fake-indexeddb: rows stored in chunks, profile, controls, corrections, suggestions.
describe('profile worker API', () => {
  it('builds from stored rows, applies controls and corrections, suggests and forgets dismissed circles', async () => {
    const today = new Date();
    const persona = makePersona('coffee-lover', 2, 120, today);
    const db = getDb();
    const rows = persona.transactions.map((t) => ({ ...t, importId: 'imp1' }));
    for (let i = 0; i < rows.length; i += 1000) await db.txChunks.add({ importId: 'imp1', rows: rows.slice(i, i + 1000) });

    const view = await profileApi.getProfile();
    expect(view.rows).toBeGreaterThan(100);
    expect(view.topics[0]!.id).toBe('coffee');
    expect(view.topics[0]!.merchants.length).toBeGreaterThan(0);

    const { suggestions } = await profileApi.getSuggestions(5, 'en');
    expect(suggestions[0]!.circleId).toMatch(/^coffee-/);
    // The persona pays at 瑞幸咖啡, 星巴克 and Manner Coffee: their own circles come first, saying so.
    expect(suggestions[0]!.reasons[0]).toMatch(/^You paid at (瑞幸咖啡|星巴克|Manner Coffee) \d+ times, last on \d{4}-\d{2}-\d{2}$/);
    // Its coffee reason gives the counts and names no other coffee shop.
    expect(suggestions[0]!.reasons[1]).toMatch(/^\d+ purchases in Coffee in the last 60 days$/);
    await profileApi.dismissCircle(suggestions[0]!.circleId);
    const after = await profileApi.getSuggestions(5, 'en');
    expect(after.suggestions.map((s) => s.circleId)).not.toContain(suggestions[0]!.circleId);
    expect(after.hidden).toBe(1);
    await profileApi.undismissCircles([suggestions[0]!.circleId]);
    expect((await profileApi.getSuggestions(5, 'en')).suggestions.map((s) => s.circleId)).toContain(suggestions[0]!.circleId);
    await profileApi.dismissCircle(suggestions[0]!.circleId);
    await profileApi.dismissCircle(suggestions[1]!.circleId);
    await profileApi.undismissCircles();
    expect((await profileApi.getSuggestions(5, 'en')).hidden).toBe(0);
    await profileApi.dismissCircle(suggestions[0]!.circleId);

    await profileApi.setControls({ hiddenTopics: ['coffee'] });
    expect((await profileApi.getProfile()).topics.map((t) => t.id)).not.toContain('coffee');
    await profileApi.setControls({ hiddenTopics: [] });

    await profileApi.correctMerchant('瑞幸咖啡', 'books');
    const corrected = await profileApi.getProfile();
    expect(corrected.topics.find((t) => t.id === 'books')!.merchants[0]!.name).toBe('瑞幸咖啡');
    expect(corrected.topics.find((t) => t.id === 'coffee')!.merchants.map((m) => m.name)).not.toContain('瑞幸咖啡');

    const monthly = await profileApi.monthlySpending();
    expect(monthly.some((m) => m.topic === 'books' && m.currency === 'CNY' && m.minor > 0)).toBe(true);
    expect(Number.isInteger(monthly[0]!.minor)).toBe(true);
  });

  it('suggests from the catalog as synced last: an operator naming their business lifts their circle at once', async () => {
    const db = getDb();
    const first = await profileApi.getSuggestions(3, 'en');
    // A small shop nobody suggested, until the hub's catalog (synced into the db) names it as 星巴克's.
    const shop = { id: 'coffee-corner-shop', _id: 'coffee-corner-shop', name: { zh: '街角咖啡', en: 'Corner Coffee' }, description: { zh: '', en: '' }, operator: 'corner', operators: ['op-corner'], topics: { books: 0.1 }, policy: 'open', memberCount: 1 };
    await db.catalog.bulkPut([...(await profileApi.listCatalog()).map((c) => ({ ...c, id: c._id })), shop] as never);
    await db.checkpoints.put({ stream: 'catalog', since: '1' });
    expect((await profileApi.getSuggestions(3, 'en')).suggestions.map((x) => x.circleId)).not.toContain('coffee-corner-shop');
    await db.catalog.put({ ...shop, topics: { coffee: 1 }, merchants: ['星巴克'] } as never);
    await db.checkpoints.put({ stream: 'catalog', since: '2' });
    const after = await profileApi.getSuggestions(3, 'en');
    expect(first.suggestions.map((x) => x.circleId)).not.toContain('coffee-corner-shop');
    expect(after.suggestions.map((x) => x.circleId)).toContain('coffee-corner-shop');
    expect(after.circles.find((c) => c._id === 'coffee-corner-shop')!.merchants).toEqual(['星巴克']);
  });

  it('places spending no topic took, lists the corrections, and takes one back', async () => {
    const db = getDb();
    const row = (counterparty: string, description: string, day: number) => ({
      occurredAt: `2026-06-${String(day).padStart(2, '0')}T10:00:00`, amountMinor: -1250, currency: 'EUR', counterparty, description,
      kind: 'expense', status: 'completed', source: 'camt053', fingerprint: `unplaced-${counterparty}-${description}-${day}`, importId: 'imp2',
    });
    await db.txChunks.add({ importId: 'imp2', rows: [row('Albert Heijn 1234', '', 1), row('Albert Heijn 1234', '', 8), row('', 'XYZ-REF-2291', 3)] } as never);
    await profileApi.rebuildProfile();
    const before = await profileApi.getProfile();
    expect(before.unplaced.merchants.slice(0, 2)).toEqual([
      { name: 'Albert Heijn 1234', count: 2, last: '2026-06-08T10:00:00', counterparty: true },
      { name: 'XYZ-REF-2291', count: 1, last: '2026-06-03T10:00:00', counterparty: false },
    ]);

    await profileApi.placeMerchant('Albert Heijn 1234', 'groceries', true);
    await profileApi.placeMerchant('XYZ-REF-2291', 'pets', false);
    const placed = await profileApi.getProfile();
    expect(placed.unplaced.merchants.map((m) => m.name)).not.toContain('Albert Heijn 1234');
    expect(placed.unplaced.merchants.map((m) => m.name)).not.toContain('XYZ-REF-2291');
    expect(placed.topics.find((t) => t.id === 'groceries')!.merchants).toContainEqual({ name: 'Albert Heijn 1234', count: 2 });
    expect(placed.topics.find((t) => t.id === 'pets')!.count).toBe(1);
    // Newest first, the earlier test's correction last.
    expect(placed.rules.map((r) => [r.match, r.pattern, r.topic])).toEqual([
      ['contains', 'XYZ-REF-2291', 'pets'], ['counterparty', 'Albert Heijn 1234', 'groceries'], ['counterparty', '瑞幸咖啡', 'books'],
    ]);

    await profileApi.removeRule(placed.rules.find((r) => r.pattern === 'Albert Heijn 1234')!.id);
    const undone = await profileApi.getProfile();
    expect(undone.rules.map((r) => r.pattern)).toEqual(['XYZ-REF-2291', '瑞幸咖啡']);
    expect(undone.unplaced.merchants.map((m) => m.name)).toContain('Albert Heijn 1234');
    expect(undone.topics.find((t) => t.id === 'groceries')!.merchants.map((m) => m.name)).not.toContain('Albert Heijn 1234');
    expect(await db.rules.count()).toBe(2);
  });
});
