import { getDb } from '../../src/db/schema';

/** A stored payment of €12.50 on 2026-06-01, as the importer keeps a bank (CAMT) row; `extra` overrides fields. */
export const storedPayment = (counterparty: string, fingerprint: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  occurredAt: '2026-06-01T10:00:00', amountMinor: -1250, currency: 'EUR', counterparty, description: '', kind: 'expense', status: 'completed',
  source: 'camt053', fingerprint, ...extra,
});

/** Puts rows into the app's store as one import (its chunk and its history entry), the shape an import writes. */
export async function storeImport(importId: string, rows: Record<string, unknown>[]): Promise<void> {
  await getDb().txChunks.add({ importId, rows: rows.map((row) => ({ ...row, importId })) } as never);
  await getDb().imports.add({ id: importId, fileName: `${importId}.xml`, format: 'camt053', importedAt: '2026-06-02T00:00:00Z', added: rows.length, duplicates: 0, skipped: 0 } as never);
}
