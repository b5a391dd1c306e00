import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Helpers the import specs share (import.spec.ts, import-mapping.spec.ts). */
export const fixture = (name: string): { name: string; mimeType: string; buffer: Buffer } => ({
  name, mimeType: 'application/octet-stream', buffer: readFileSync(join('tests/fixtures', name)),
});

/** Two files every language refuses: an empty one, and one of binary bytes. */
export const REFUSED_FILES = [
  { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
  { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00, 0x7f, 0x00, 0x03, 0x00]) },
];

export async function openImport(page: Page): Promise<void> {
  await page.goto('/#/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
}

/** Undo asks first, naming the file and the rows that go; this confirms it. */
export async function undoImport(page: Page, scope: Page | Locator, file: string, rows: number): Promise<void> {
  await scope.getByRole('button', { name: `Undo import of ${file}` }).click();
  const dialog = page.getByRole('dialog', { name: `Undo the import of ${file}?` });
  await expect(dialog).toHaveAccessibleDescription(`The ${rows} rows this import added will be removed from this device.`);
  await dialog.getByRole('button', { name: 'Undo import' }).click();
}

/** The row count the Transactions screen reports (through the worker's store). */
export async function transactionCount(page: Page): Promise<number> {
  await page.goto('/#/transactions');
  const count = page.getByText(/^\d+ transactions$/);
  await expect(count).toBeVisible();
  return Number((await count.textContent())!.split(' ')[0]);
}

/**
 * A coffee payment from two days ago, in Quanzi's own CSV (no mapping form): statements that reach into the days a
 * spending question asks about, without which the device has nothing to answer from. Leaves the page on Import.
 */
export async function importRecentCoffee(page: Page): Promise<void> {
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const csv = 'Date,Amount,Currency,Payee,Description,Category,Kind,Status,Payment method,Transaction id,Merchant order id,Refund of,Source,Fingerprint\n'
    + `${day}T09:00:00,-28.00,CNY,瑞幸咖啡,生椰拿铁,餐饮美食,expense,completed,,,,,alipay,\n`;
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([{ name: 'recent.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
  await expect(page.getByText(/^recent\.csv: 1 new/)).toBeVisible({ timeout: 30_000 });
}
