// The Transactions screen places rows in interests with the person's rules as soon as those are read: it does not
// wait for the profile build, which reads every stored row (about a second at 100k rows).
import { describe, expect, it, vi } from 'vitest';

let releaseBuild: () => void = () => undefined;
const buildHeld = new Promise<void>((resolve) => (releaseBuild = resolve));
vi.mock('../../../src/db/profile', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/db/profile')>();
  return {
    ...original,
    forEachStoredChunk: async (...args: Parameters<typeof original.forEachStoredChunk>) => {
      await buildHeld;
      return original.forEachStoredChunk(...args);
    },
  };
});

const { importApi } = await import('../../../src/app/api/import-api');
const { profileApi } = await import('../../../src/app/api/profile-api');
const { getDb } = await import('../../../src/db/schema');
const { saveRule } = await import('../../../src/db/profile');

const row = (counterparty: string, fingerprint: string) => ({
  occurredAt: '2026-06-01T10:00:00', amountMinor: -1250, currency: 'EUR', counterparty, description: '', kind: 'expense', status: 'completed',
  source: 'camt053', fingerprint, importId: 'imp-p',
});

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

describe('placing rows while the profile is still being built', () => {
  it('answers with the rules already applied, and the profile follows once built', async () => {
    await getDb().txChunks.add({ importId: 'imp-p', rows: [row('星巴克', 'a1'), row('Albert Heijn 1234', 'b1')] } as never);
    await getDb().imports.add({ id: 'imp-p', fileName: 'p.xml', format: 'camt053', importedAt: '2026-06-02T00:00:00Z', added: 2, duplicates: 0, skipped: [] } as never);
    await saveRule({ id: 'merchant:albert heijn 1234', match: 'counterparty', pattern: 'Albert Heijn 1234', topic: 'groceries', createdAt: '2026-06-03T00:00:00Z' });

    const page = await within(importApi.queryTransactions({}, 0, 10), 2000);
    expect(page).not.toBe('still waiting');
    const shown = page as Awaited<ReturnType<typeof importApi.queryTransactions>>;
    expect(shown.rows.map((r) => [r.fingerprint, r.interest]).sort()).toEqual([['a1', 'coffee'], ['b1', 'groceries']]);
    expect((await importApi.summary({})).interests).toEqual(['coffee', 'groceries']);

    const profile = profileApi.getProfile();
    expect(await within(profile, 50)).toBe('still waiting');
    releaseBuild();
    expect((await profile).topics.map((t) => t.id).sort()).toEqual(['coffee', 'groceries']);
  });
});
