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
