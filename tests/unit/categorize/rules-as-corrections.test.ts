// A categoriser made from the person's rules has learnt each as a correction, wherever it is made: the profile and
// the true answer to a demand question place an unknown merchant the same way.
import { describe, expect, it } from 'vitest';
import { trustApi } from '../../../src/app/api/trust-api';
import { Categorizer, type UserRule } from '../../../src/core/categorize';
import { saveRule } from '../../../src/db/profile';
import { QuanziDB } from '../../../src/db/schema';

const corrections: UserRule[] = ['Zephyr Bouldering', 'Zephyr Crag'].map((name) => ({ id: `merchant:${name.toLowerCase()}`, match: 'counterparty', pattern: name, topic: 'outdoor', createdAt: '2026-01-01T00:00:00Z' }));
const row = (counterparty: string) => ({ counterparty, description: '' });

describe('rules as corrections', () => {
  it('guesses a merchant with the same words as the corrected ones, from the rules alone', () => {
    expect(new Categorizer().categorize(row('Zephyr Boulder East')).topic).not.toBe('outdoor');
    expect(new Categorizer(corrections).categorize(row('Zephyr Boulder East'))).toEqual({ topic: 'outdoor', signal: 'model' });
  });

  it('so a demand question about that interest is answered from such a payment', async () => {
    const db = new QuanziDB(`rules-as-corrections-${Date.now()}`);
    for (const rule of corrections) await saveRule(rule, db);
    await db.txChunks.add({ importId: 'imp', rows: [{
      occurredAt: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 19), amountMinor: -12000, currency: 'EUR', counterparty: 'Zephyr Boulder East',
      description: '', kind: 'expense', status: 'completed', source: 'camt053', fingerprint: 'z1', importId: 'imp',
    }] });
    expect(await trustApi.demandTruth({ topics: ['outdoor'], withinDays: 30 }, undefined, db)).toBe(true);
    expect(await trustApi.demandTruth({ topics: ['coffee'], withinDays: 30 }, undefined, db)).toBe(false);
  });
});
