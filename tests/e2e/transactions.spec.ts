import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test.use({ locale: 'en-US', viewport: { width: 390, height: 844 } });

/** One Alipay statement, imported through the file input. */
async function importAlipay(page: import('@playwright/test').Page): Promise<void> {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([{
    name: 'alipay-2024-sample.csv', mimeType: 'text/csv', buffer: readFileSync(join('tests/fixtures', 'alipay-2024-sample.csv')),
  }]);
  await expect(page.getByText('alipay-2024-sample.csv: 6 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  await page.goto('/#/transactions');
}

// On a phone the list shortens the payee and the description; a row opens in full.
test('a row opens its details on a phone; Escape closes them and focus goes back to the row', async ({ page }) => {
  await importAlipay(page);
  const rows = page.getByRole('list', { name: 'Transactions' }).getByRole('listitem');
  const starbucks = rows.filter({ hasText: '星巴克' }).getByRole('button');
  // The date shares the second line with the description, leaving the payee the width of the row.
  await expect(starbucks).toContainText('2024-05-30 08:15');
  await starbucks.click();
  const details = page.getByRole('dialog', { name: '星巴克' });
  await expect(details).toBeVisible();
  await expect(details.getByRole('definition')).toContainText(['2024-05-30 08:15:02', '-CN¥36.00', '星巴克', '星巴克-燕麦拿铁', 'Expense', 'Completed', '餐饮美食']);
  await expect(details).toContainText('2024053022001400000000000001');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(starbucks).toBeFocused();
  // The keyboard opens one too.
  await page.keyboard.press('Enter');
  await expect(details).toBeVisible();
  await details.getByRole('button', { name: 'Close' }).click();
  await expect(details).toBeHidden();
});

test('a search that finds nothing says so and offers to clear it; an interest name finds its payments', async ({ page }) => {
  await importAlipay(page);
  const search = page.getByLabel('Search payee, description, category or interest');
  await search.fill('zzz');
  await expect(page.getByText('No transactions match these filters.')).toBeVisible();
  // Rows are stored: nothing tells the person to import first.
  await expect(page.getByRole('link', { name: 'Import a statement' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(search).toHaveValue('');
  await expect(page.getByText('6 transactions', { exact: true })).toBeVisible();

  // Nothing in the 星巴克 row says "coffee"; the profile places it there.
  await search.fill('coffee');
  await expect(page.getByText('1 transaction', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Transactions' }).getByRole('listitem')).toContainText('星巴克');
});

test('with nothing stored, the screen says so and links to the import', async ({ page }) => {
  await page.goto('/#/transactions');
  await expect(page.getByText('No transactions on this device yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Import a statement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
});

// A wrong interest is noticed where the payment is seen: it is fixed there, for every payment at that payee.
test('a payment’s details move its payee to another interest and leave the payment out of the profile', async ({ page }) => {
  await importAlipay(page);
  const rows = page.getByRole('list', { name: 'Transactions' }).getByRole('listitem');
  const starbucks = rows.filter({ hasText: '星巴克' }).getByRole('button');
  await expect(starbucks).toContainText('Coffee');
  await starbucks.click();
  const details = page.getByRole('dialog', { name: '星巴克' });
  const place = details.getByRole('region', { name: 'In your profile' });
  const interest = place.getByLabel('Interest for 星巴克');
  await expect(interest.locator('option:checked')).toHaveText('Coffee');
  const move = place.getByRole('button', { name: 'Move to this interest' });
  await expect(move).toBeDisabled();
  await interest.selectOption({ label: 'Bakery & desserts' });
  await move.click();
  const said = place.getByRole('status');
  await expect(said).toHaveText('星巴克 is now Bakery & desserts, for all past and future payments.');
  // The button is done (the payee is there now); the outcome has focus rather than the page.
  await expect(move).toBeDisabled();
  await expect(said).toBeFocused();
  await expect(details.getByRole('definition').filter({ hasText: 'Bakery & desserts' })).toHaveCount(1);

  await place.getByRole('button', { name: 'Leave this payment out of my profile' }).click();
  await expect(said).toHaveText('This payment no longer counts in your profile.');
  const countAgain = place.getByRole('button', { name: 'Count this payment in my profile again' });
  await expect(countAgain).toBeFocused();

  // The list behind re-read its rows without losing the one that was open.
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(starbucks).toBeFocused();
  await expect(starbucks).toContainText('Bakery & desserts');

  // The Profile screen has both: the correction, and the payment left out.
  await page.getByRole('link', { name: 'Profile' }).first().click();
  await expect(page.getByText('星巴克 → Bakery & desserts')).toBeVisible();
  await expect(page.getByText('1 payment is left out of your profile.')).toBeVisible();

  // Refunds, income and transfers say nothing of interests: their details offer no placement.
  await page.goto('/#/transactions');
  await page.getByLabel('Kind').selectOption({ label: 'Refund' });
  await rows.first().getByRole('button').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('region', { name: 'In your profile' })).toHaveCount(0);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('a row and its details write the day as Chinese text does', async ({ page }) => {
    await page.goto('/#/import');
    await page.getByLabel('选择账单文件').setInputFiles([{
      name: 'alipay-2024-sample.csv', mimeType: 'text/csv', buffer: readFileSync(join('tests/fixtures', 'alipay-2024-sample.csv')),
    }]);
    await expect(page.getByText('alipay-2024-sample.csv：新增 6 条，已存在 0 条，跳过 0 条')).toBeVisible({ timeout: 20_000 });
    await page.goto('/#/transactions');
    const starbucks = page.getByRole('list', { name: '交易' }).getByRole('listitem').filter({ hasText: '星巴克' }).getByRole('button');
    await expect(starbucks).toContainText('2024年5月30日 08:15');
    await starbucks.click();
    await expect(page.getByRole('dialog', { name: '星巴克' }).getByRole('definition').first()).toHaveText('2024年5月30日 08:15:02');
  });
});

// Found in an accessibility test: scrolling a focused row out of the rendered window took it out of the page, and
// keyboard focus fell to <body>. The keys move between rows, and the focused row stays while scrolled away.
test('the keyboard moves from row to row through a long list, and focus stays on its row while the list scrolls', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { generateAlipayCsv } = await import('../support/generate-alipay');
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([{ name: 'year.csv', mimeType: 'text/csv', buffer: Buffer.from(generateAlipayCsv(600, 7)) }]);
  await expect(page.getByText(/^year\.csv: 6\d\d new, 0 already there/)).toBeVisible({ timeout: 30_000 });
  await page.goto('/#/transactions');
  const list = page.getByRole('list', { name: 'Transactions' });
  const first = list.getByRole('listitem').first().getByRole('button');
  await first.focus();
  const focusedRow = () => page.evaluate(() => document.activeElement?.closest('[role="listitem"]')?.getAttribute('aria-posinset') ?? null);
  const total = await list.getByRole('listitem').first().getAttribute('aria-setsize');
  await page.keyboard.press('End');
  await expect.poll(focusedRow).toBe(total);
  await page.keyboard.press('ArrowUp');
  await expect.poll(focusedRow).toBe(String(Number(total) - 1));
  await expect(page.locator(':focus')).toBeInViewport();
  await page.keyboard.press('Home');
  await expect.poll(focusedRow).toBe('1');
  await page.keyboard.press('PageDown');
  await expect.poll(async () => Number(await focusedRow())).toBeGreaterThan(5);
  // Scrolled far away by the wheel: the focused row is still in the page, and still has focus.
  const before = await focusedRow();
  await list.evaluate((element) => (element.scrollTop = element.scrollHeight));
  await page.waitForTimeout(300);
  expect(await focusedRow()).toBe(before);
  await page.keyboard.press('ArrowDown');
  await expect.poll(focusedRow).toBe(String(Number(before) + 1));
  await expect(page.locator(':focus')).toBeInViewport();
});
