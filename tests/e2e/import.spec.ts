import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, REFUSED_FILES, openImport, undoImport, transactionCount } from './support/import-helpers';

test.use({ locale: 'en-US' });

test('imports the fixtures through the file input; a re-import adds zero; undo removes exactly that import', async ({ page }) => {
  await openImport(page);
  const picker = page.getByLabel('Choose statement files');
  await picker.setInputFiles([fixture('alipay-2024-sample.csv'), fixture('bank-sample.qif')]);
  await expect(page.getByText('alipay-2024-sample.csv: 6 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('bank-sample.qif: 3 new, 0 already there, 0 skipped')).toBeVisible();
  const next = page.getByRole('navigation', { name: 'What the import gives you' });
  await expect(next.getByRole('link')).toHaveText(['See the transactions', 'See what your payments say (profile)', 'See circles suggested for you']);
  await expect(next.getByRole('link', { name: 'See circles suggested for you' })).toHaveAttribute('href', '#/circles');
  await picker.setInputFiles([fixture('alipay-2024-sample.csv')]);
  await expect(page.getByText('alipay-2024-sample.csv: 0 new, 6 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  expect(await transactionCount(page)).toBe(9);

  await openImport(page);
  // The first alipay import holds the 6 rows; the re-import holds none. Undo the one with rows.
  const entry = page.getByRole('listitem').filter({ hasText: /alipay-2024-sample\.csv.*6 new/ });
  await undoImport(page, entry, 'alipay-2024-sample.csv', 6);
  await expect(page.getByText('Import of alipay-2024-sample.csv undone: 6 rows removed.')).toBeVisible();
  expect(await transactionCount(page)).toBe(3);
  await page.goto('/#/transactions');
  await expect(page.getByRole('list', { name: 'Transactions' }).getByRole('listitem').first()).toContainText(/\$|USD/);
});

test('a bad row is shown with its line number', async ({ page }) => {
  await openImport(page);
  const text = readFileSync('tests/fixtures/wechat-2024-sample.csv', 'utf8');
  const lines = text.split('\n');
  const badIndex = lines.findIndex((l) => l.includes('¥') && /^\d{4}-/.test(l));
  lines[badIndex] = lines[badIndex]!.replace(/¥[\d,.]+|"¥[\d,.]+"/, 'twelve');
  await page.getByLabel('Choose statement files').setInputFiles([{ name: 'wechat-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n'), 'utf8') }]);
  // Either the row is skipped with its reason, or the file is refused naming the line: both say which line.
  const lineNo = badIndex + 1;
  await expect(page.getByText(new RegExp(`(Line ${lineNo}:|wechat-bad\\.csv, line ${lineNo}:)`)).first()).toBeVisible({ timeout: 20_000 });

  // The import history still says which line was skipped and why, after a reload.
  await page.reload();
  const entry = page.getByRole('listitem').filter({ hasText: /wechat-bad\.csv.*1 skipped/ });
  await entry.getByText('Lines of wechat-bad.csv that were skipped').click();
  await expect(entry.getByRole('listitem')).toHaveText([new RegExp(`^Line ${lineNo}: amount “twelve.*” is not a number$`)]);
  // Worded in the UI language, from the row's code rather than the parser's English.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('简体中文').check();
  await page.goto('/#/import');
  const zhEntry = page.getByRole('listitem').filter({ hasText: /wechat-bad\.csv/ });
  await zhEntry.locator('summary').click();
  await expect(zhEntry.getByRole('listitem')).toHaveText([new RegExp(`^第 ${lineNo} 行：金额“twelve.*”不是数字$`)]);
});

test('cancel mid-import of a large file leaves zero rows', async ({ page }) => {
  test.setTimeout(120_000);
  await openImport(page);
  // 300k QIF records: big enough that Cancel lands while the worker is still parsing.
  const records = Array.from({ length: 300_000 }, (_, i) => `D2024-05-${String((i % 28) + 1).padStart(2, '0')}\nT-${(i % 900) + 1}.25\nPShop ${i}\n^`);
  const big = Buffer.from(['!Type:Bank', ...records].join('\n') + '\n', 'ascii');
  const picker = page.getByLabel('Choose statement files');
  await picker.focus();
  await picker.setInputFiles([{ name: 'huge-bank.qif', mimeType: 'application/qif', buffer: big }]);
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  // Said once, not with every count: the counts are on the progress bar, outside any live region.
  await expect(page.getByRole('status').filter({ hasText: 'Importing huge-bank.qif' })).toBeVisible();
  await expect(page.locator('[aria-live], [role="status"], [role="alert"]').filter({ hasText: 'rows/s' })).toHaveCount(0);
  // The picker went disabled under the keyboard: Cancel holds focus, so Enter stops the import.
  await expect(page.getByRole('button', { name: 'Cancel import' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('huge-bank.qif: import cancelled, nothing was stored.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Nothing imported yet.')).toBeVisible();
  expect(await transactionCount(page)).toBe(0);
});

test('a statement shared from another app opens in Quanzi and is imported (share_target, through the service worker)', async ({ page }) => {
  await openImport(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload(); // now controlled, as an installed app is
  // What the OS share sheet sends: a multipart POST navigation to the manifest's share_target action.
  await page.evaluate(() => {
    const form = Object.assign(document.createElement('form'), { method: 'post', enctype: 'multipart/form-data', action: '/share-target' });
    const input = Object.assign(document.createElement('input'), { type: 'file', name: 'statement', id: 'shared-statement' });
    form.append(input);
    document.body.append(form);
  });
  await page.locator('#shared-statement').setInputFiles([fixture('bank-sample.qif')]);
  await page.evaluate(() => (document.querySelector('form[action="/share-target"]') as HTMLFormElement).submit());
  await expect(page).toHaveURL(/#\/import\/shared$/);
  await expect(page.getByText('bank-sample.qif: 3 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
});

test('two tabs: a statement imported in one is no new rows in the other, whose screens show its rows', async ({ page, context }) => {
  // Both tabs have loaded their copy of the store before either imports.
  expect(await transactionCount(page)).toBe(0);
  const other = await context.newPage();
  await openImport(other);
  await other.getByLabel('Choose statement files').setInputFiles([fixture('alipay-2024-sample.csv')]);
  await expect(other.getByText('alipay-2024-sample.csv: 6 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });

  // The first tab, still on its Transactions screen, shows the rows without a reload.
  await expect(page.getByText('6 transactions', { exact: true })).toBeVisible({ timeout: 10_000 });
  await openImport(page);
  await page.getByLabel('Choose statement files').setInputFiles([fixture('alipay-2024-sample.csv')]);
  await expect(page.getByText('alipay-2024-sample.csv: 0 new, 6 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  // The import that added nothing has nothing to undo: its line can only leave the history, and no question is asked.
  const nothingNew = page.getByRole('listitem').filter({ hasText: /0 new/ });
  await expect(nothingNew.getByRole('button', { name: 'Undo import of alipay-2024-sample.csv' })).toHaveCount(0);
  await nothingNew.getByRole('button', { name: 'Remove alipay-2024-sample.csv from the import history (it added no rows)' }).click();
  await expect(page.getByText('alipay-2024-sample.csv left the import history; it had added no rows, so no transaction changed.')).toBeFocused();
  expect(await transactionCount(page)).toBe(6);
  await openImport(page);
  // Undone in the first tab, the rows leave the other tab's screens too.
  await undoImport(page, page.getByRole('listitem').filter({ hasText: /6 new/ }), 'alipay-2024-sample.csv', 6);
  await expect(page.getByText('Import of alipay-2024-sample.csv undone: 6 rows removed.')).toBeVisible();
  await other.goto('/#/transactions');
  await expect(other.getByText('0 transactions', { exact: true })).toBeVisible({ timeout: 10_000 });
  await other.close();
});

// Sums are of money that moved: a closed or failed row, and a full refund with its payment, are shown but not summed.
test('the Transactions sums leave out refunded payments and their refunds, and the rows say refunded', async ({ page }) => {
  await openImport(page);
  await page.getByLabel('Choose statement files').setInputFiles([fixture('alipay-2024-sample.csv'), fixture('alipay-legacy-sample.csv')]);
  await expect(page.getByText('alipay-legacy-sample.csv: 2 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  await page.goto('/#/transactions');
  await expect(page.getByText('8 transactions', { exact: true })).toBeVisible();
  // -36.00 -89.80 -165.00 -128.00; 天猫超市's -45.00 and its +45.00 refund, and the legacy export's refunded 羽绒服
  // (-599.00, whose refund is only a column) are left out. The 花呗 repayment (-200.00) is the person's own money
  // moving between accounts: summed on its own line, not counted as spending twice.
  await expect(page.getByRole('list', { name: 'Sum per currency' })).toHaveText('-CN¥418.80');
  await expect(page.getByRole('list', { name: 'Transfers per currency' })).toHaveText('-CN¥200.00');
  await expect(page.getByText('Moved between your own accounts (card repayments, savings), not in the sums above:')).toBeVisible();
  await expect(page.getByText('Not in the sums: 3 rows that are closed, failed, or full refunds with their payments.')).toBeVisible();
  const rows = page.getByRole('list', { name: 'Transactions' }).getByRole('listitem');
  await expect(rows.filter({ hasText: '羽绒服' })).toContainText('Refunded');
  await expect(rows.filter({ hasText: '星巴克' })).not.toContainText('Refunded');

  // A month with only the refund row: it is still left out, so the month is not +45.00.
  await page.getByLabel('Month').selectOption('2024-05');
  await page.getByLabel('Search payee, description, category or interest').fill('退款');
  await expect(page.getByText('1 transaction', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sum per currency' })).toHaveCount(0);
  await expect(page.getByText('Nothing here counts towards a sum: every row is closed, failed, or a full refund with its payment.')).toBeVisible();
  await expect(page.getByText('Not in the sums: 1 row that is closed, failed, or a full refund with its payment.')).toBeVisible();
});

// The stored rows leave as a CSV a spreadsheet opens, and come back from it without duplicates.
test('transactions download as CSV; the file imports back adding nothing that is there, and restores what is not', async ({ page }) => {
  await openImport(page);
  const picker = page.getByLabel('Choose statement files');
  await picker.setInputFiles([fixture('alipay-2024-sample.csv'), fixture('wechat-2024-sample.csv'), fixture('card-ofx2-sample.qfx')]);
  await expect(page.getByText('card-ofx2-sample.qfx: 3 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  await page.goto('/#/transactions');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download these 13 transactions as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^quanzi-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  // Same rows, same order, same bytes as the sample the writer's unit test pins.
  expect(csv).toBe(readFileSync(join('tests/fixtures', 'quanzi-export-sample.csv'), 'utf8'));

  // A filtered view downloads only what it shows.
  await page.getByLabel('Search payee, description, category or interest').fill('天猫超市');
  await expect(page.getByRole('button', { name: 'Download these 2 transactions as CSV' })).toBeVisible();

  await openImport(page);
  const file = { name: download.suggestedFilename(), mimeType: 'text/csv', buffer: Buffer.from(csv) };
  await picker.setInputFiles([file]);
  await expect(page.getByText(`${file.name}: 0 new, 13 already there, 0 skipped`)).toBeVisible({ timeout: 20_000 });
  const alipay = page.getByRole('listitem').filter({ hasText: /alipay-2024-sample\.csv.*6 new/ });
  await undoImport(page, alipay, 'alipay-2024-sample.csv', 6);
  await expect(page.getByText('Import of alipay-2024-sample.csv undone: 6 rows removed.')).toBeVisible();
  await picker.setInputFiles([file]);
  await expect(page.getByText(`${file.name}: 6 new, 7 already there, 0 skipped`)).toBeVisible({ timeout: 20_000 });
  expect(await transactionCount(page)).toBe(13);
});

// The mapping form guesses the date format, the decimal separator and the columns from the file, so a common bank
// export imports with nothing but the Import button.
test('after Undo the result of that import leaves the screen, and focus is on what Undo did', async ({ page }) => {
  await openImport(page);
  await page.getByLabel('Choose statement files').setInputFiles([fixture('generic-eu-bank.csv')]);
  await page.getByRole('button', { name: 'Save mapping and import' }).click({ timeout: 20_000 });
  const result = page.getByText('generic-eu-bank.csv: 3 new, 0 already there, 0 skipped');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('link', { name: 'See circles suggested for you' })).toBeVisible();
  await undoImport(page, page, 'generic-eu-bank.csv', 3);
  const undone = page.getByText('Import of generic-eu-bank.csv undone: 3 rows removed.');
  await expect(undone).toBeVisible();
  await expect(result).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'See circles suggested for you' })).toHaveCount(0);
  await expect(undone).toBeFocused();
});

test('Undo asks first, by keyboard too: Escape or Cancel keeps the rows and focus on Undo; confirmed, they go', async ({ page }) => {
  await openImport(page);
  await page.getByLabel('Choose statement files').setInputFiles([fixture('alipay-2024-sample.csv')]);
  await expect(page.getByText('alipay-2024-sample.csv: 6 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  const undo = page.getByRole('button', { name: 'Undo import of alipay-2024-sample.csv' });
  const dialog = page.getByRole('dialog', { name: 'Undo the import of alipay-2024-sample.csv?' });
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveAccessibleDescription('The 6 rows this import added will be removed from this device.');
  // The safe choice has focus; Escape closes the question and gives focus back to Undo.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(undo).toBeFocused();
  await undo.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await transactionCount(page)).toBe(6);

  await openImport(page);
  await undo.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Undo import' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Import of alipay-2024-sample.csv undone: 6 rows removed.')).toBeFocused();
  await expect(undo).toHaveCount(0);
});

test('a refused file is named once, with its line and what was wrong', async ({ page }) => {
  await openImport(page);
  await page.getByLabel('Choose statement files').setInputFiles(REFUSED_FILES);
  await expect(page.getByRole('alert').filter({ hasText: 'empty.csv' })).toHaveText('empty.csv: the file is empty', { timeout: 20_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toHaveText('notes.txt: this is not a statement file Quanzi can read');
  // A quote that never closes is refused as the file is picked, with its line, not after its columns are mapped.
  const broken = 'Date,Description,Amount\n2024-03-01,Coffee,-4.50\n2024-03-02,"Unclosed,-12.00\n2024-03-03,Books,-30.00\n';
  await page.getByLabel('Choose statement files').setInputFiles([{ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) }]);
  await expect(page.getByRole('alert').filter({ hasText: 'broken.csv' }))
    .toHaveText('broken.csv, line 3: a quote (") opens a cell here and is never closed, so the rest of the file would read as one cell', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Save mapping and import' })).toHaveCount(0);

  // A decimal separator that does not fit the amounts: the file, the line and the value, once each.
  await page.getByLabel('Choose statement files').setInputFiles([fixture('generic-eu-bank.csv')]);
  await page.getByLabel('Decimal separator').selectOption('.');
  await page.getByRole('button', { name: 'Save mapping and import' }).click();
  // The form comes back with the person's choices and what went wrong, to change them rather than start over.
  const problem = page.getByRole('alert').filter({ hasText: 'generic-eu-bank.csv' });
  await expect(problem).toHaveText("The file could not be read with these columns. Change them and try again: generic-eu-bank.csv, line 5: amount '-12,50' is not an amount with '.' as the decimal separator", { timeout: 20_000 });
  await expect(page.getByLabel('Decimal separator')).toHaveValue('.');
  await page.getByLabel('Decimal separator').selectOption(',');
  await page.getByRole('button', { name: 'Save mapping and import' }).click();
  await expect(page.getByText('generic-eu-bank.csv: 3 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the CSV download is written in Chinese, and imports back adding nothing that is there', async ({ page }) => {
    await page.goto('/#/import');
    await page.getByLabel('选择账单文件').setInputFiles([fixture('alipay-2024-sample.csv')]);
    await expect(page.getByText('alipay-2024-sample.csv：新增 6 条，已存在 0 条，跳过 0 条')).toBeVisible({ timeout: 20_000 });
    // The history writes its dates as Chinese text does, and names the format rather than showing its id.
    await expect(page.getByText(/^alipay-2024-sample\.csv（支付宝账单 CSV）· 2024年5月\d{1,2}日 – 2024年5月30日 · 新增 6/)).toBeVisible();
    // Undo asks in Chinese too, with the file and the rows it would remove; cancelled, nothing goes.
    await page.getByRole('button', { name: '撤销导入 alipay-2024-sample.csv' }).click();
    await expect(page.getByRole('dialog', { name: '撤销导入 alipay-2024-sample.csv？' })).toHaveAccessibleDescription('这次导入新增的 6 条交易将从本设备删除。');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.goto('/#/transactions');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '将这 6 笔交易下载为 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const [header, first] = csv.split('\r\n');
    expect(header).toBe('\uFEFF日期,金额,币种,交易对方,说明,分类,类型,状态,支付方式,交易号,商家订单号,退款原交易,来源,指纹');
    expect(first).toMatch(/^2024-05-30T08:15:02,-36\.00,CNY,星巴克,星巴克-燕麦拿铁,餐饮美食,支出,已完成,花呗,/);

    await page.goto('/#/import');
    await page.getByLabel('选择账单文件').setInputFiles([{ name: '账单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    await expect(page.getByText('账单.csv：新增 0 条，已存在 6 条，跳过 0 条')).toBeVisible({ timeout: 20_000 });
  });

  test('refusals are in Chinese, naming the file and line once; a new mapping starts in CNY', async ({ page }) => {
    await page.goto('/#/import');
    await page.getByLabel('选择账单文件').setInputFiles(REFUSED_FILES);
    await expect(page.getByRole('alert').filter({ hasText: 'empty.csv' })).toHaveText('empty.csv：文件是空的', { timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toHaveText('notes.txt：这不是圈子能读取的账单文件');

    await page.getByLabel('选择账单文件').setInputFiles([fixture('generic-us-bank.csv')]);
    await expect(page.getByLabel('币种')).toHaveValue('CNY', { timeout: 20_000 });
    await expect(page.getByText('这个文件的每一行都按这个币种导入，请确认与账户的币种一致。')).toBeVisible();
    await expect(page.getByLabel('日期格式')).toHaveValue('MM/DD/YYYY');
    // A format that does not fit the file's dates is refused in Chinese, with the date it could not read.
    await page.getByLabel('日期格式').selectOption('YYYY-MM-DD');
    await page.getByRole('button', { name: '保存对应关系并导入' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'generic-us-bank.csv' })).toHaveText('按这些列读不了这个文件。请修改后再试： generic-us-bank.csv 第 2 行：日期“03/15/2024”不符合日期格式 YYYY-MM-DD', { timeout: 20_000 });
    await expect(page.getByLabel('日期格式')).toHaveValue('YYYY-MM-DD');
    await expect(page.getByRole('region', { name: '前几行预览' }).getByRole('cell', { name: '03/15/2024' })).toContainText('不是 YYYY-MM-DD 格式的日期');
  });
});
