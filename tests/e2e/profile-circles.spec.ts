import { expect, test } from '@playwright/test';
import { join } from 'node:path';

const fixtures = 'tests/fixtures';

// The whole path a person takes: real statement files through the Import screen, the profile and its "why",
// hiding a topic, and suggestions that follow the profile.
test('imported statements become topics with their merchants; hiding a topic changes the suggestions', async ({ page }) => {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([join(fixtures, 'alipay-2024-sample.csv'), join(fixtures, 'wechat-2024-sample.csv')]);
  await expect(page.getByRole('status').filter({ hasText: /^alipay-2024-sample\.csv: \d+ new/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: /^wechat-2024-sample\.csv: \d+ new/ })).toBeVisible({ timeout: 20_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  const topic = (name: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
  // Each topic explains itself with the merchants behind it: Alipay's 星巴克 and 乐刻, WeChat Pay's 拼多多.
  for (const [name, merchant] of [['Coffee', '星巴克'], ['Fitness', '乐刻运动'], ['Group-buying', '拼多多'], ['Film', '猫眼']] as const) {
    const card = topic(name);
    await expect(card).toBeVisible({ timeout: 20_000 });
    // Closed, the line already names the merchants most behind the interest.
    await card.getByText(new RegExp(`^Why ${name}: mostly \\S`)).click();
    await expect(card.getByRole('listitem').filter({ hasText: merchant }).first()).toBeVisible();
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Circles' }).click();
  const suggested = page.getByRole('article').filter({ hasText: 'Why this circle' });
  await expect(suggested.first()).toBeVisible({ timeout: 20_000 });
  await expect(suggested.filter({ hasText: /purchases? (in|at) .*(Coffee|星巴克)/ })).toHaveCount(1);
  await expect(suggested.filter({ hasText: /purchases? (in|at) .*(Fitness|乐刻运动)/ })).toHaveCount(1);
  // The circles of the shops on the statements say first that the person paid there (the catalog names them).
  const maoyan = suggested.filter({ has: page.getByRole('heading', { name: 'Maoyan Cinephiles' }) });
  await expect(maoyan.getByRole('listitem').first()).toHaveText('You paid at 猫眼 once, last on 2024-05-26');
  // The evidence is one click away, on this device's Transactions screen.
  await maoyan.getByRole('link', { name: 'See your payments at 猫眼' }).click();
  await expect(page.getByLabel('Search payee, description, category or interest')).toHaveValue('猫眼');
  const listed = page.getByRole('list', { name: 'Transactions' }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText('猫眼');
  await page.goBack();
  await expect(suggested.first()).toBeVisible({ timeout: 20_000 });
  const before = await suggested.getByRole('heading').allInnerTexts();

  // One payment at 星巴克, and its circle asks for two: the catalog card says so when asked, worked out on this device.
  await page.getByLabel('Search circles').fill('Starbucks');
  const stars = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Starbucks Rewards Circle' }) }).last();
  await stars.getByText('Why is this not suggested to me?').click();
  await expect(stars.getByRole('listitem').filter({ hasText: 'at least 2 payments at 星巴克, starbucks: your statements show 1.' })).toBeVisible();
  await page.getByLabel('Search circles').fill('');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await topic('Coffee').getByRole('button', { name: 'Hide Coffee' }).click();
  await expect(topic('Coffee')).toHaveCount(0);
  // The button went with the card: focus moves to the line that says what happened, not to the page.
  await expect(page.getByRole('status').filter({ hasText: 'Coffee is hidden' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Show Coffee again' })).toBeVisible();
  await expect(topic('Fitness')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Circles' }).click();
  await expect(suggested.first()).toBeVisible({ timeout: 20_000 });
  await expect(suggested.filter({ hasText: /Coffee|星巴克/ })).toHaveCount(0);
  await expect(suggested.filter({ hasText: /purchases? (in|at) .*(Fitness|乐刻运动)/ })).toHaveCount(1);
  expect(await suggested.getByRole('heading').allInnerTexts()).not.toEqual(before);
});

// Rows seeded straight into the app's IndexedDB store (the same chunk shape the importer writes) give recent,
// repeated purchases that the 2024 fixtures cannot: the "last 60 days" reason, Not interested and Join.
test('profile shows evidence, suggestions carry reasons, Not interested removes one and can be taken back', async ({ page }) => {
  await page.goto('/#/profile');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('quanzi');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows: Record<string, unknown>[] = [];
    const today = new Date();
    for (let i = 0; i < 30; i++) {
      const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i * 2);
      const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const shop: [string, string, number] = i % 2 ? ['瑞幸咖啡', '生椰拿铁', -1500] : ['星巴克', '燕麦拿铁', -3800];
      rows.push({ occurredAt: `${date}T09:15:00`, amountMinor: shop[2], currency: 'CNY', counterparty: shop[0], description: shop[1], kind: 'expense',
        status: 'completed', source: 'alipay', fingerprint: `e2e-${i}`, importId: 'e2e' });
      rows.push({ occurredAt: `${date}T08:00:00`, amountMinor: -400, currency: 'CNY', counterparty: '上海地铁', description: '地铁出行', kind: 'expense',
        status: 'completed', source: 'alipay', fingerprint: `e2e-m-${i}`, importId: 'e2e' });
    }
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('txChunks', 'readwrite');
      tx.objectStore('txChunks').add({ importId: 'e2e', rows });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await page.reload();
  const coffee = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /咖啡|Coffee/ }) }).first();
  await expect(coffee).toBeVisible({ timeout: 20_000 });
  await coffee.locator('summary').click();
  await expect(coffee.getByText(/星巴克/).first()).toBeVisible();
  // Each merchant behind an interest opens its payments.
  await coffee.getByRole('link', { name: '星巴克' }).click();
  await expect(page.getByLabel(/搜索|Search payee/)).toHaveValue('星巴克');
  await expect(page.getByRole('list', { name: /交易|Transactions/ }).getByRole('listitem')).toHaveCount(15);
  await page.goBack();

  await page.goto('/#/circles');
  const firstSuggestion = page.getByRole('article').first();
  await expect(firstSuggestion.getByText(/60/).first()).toBeVisible({ timeout: 20_000 });
  const title = await firstSuggestion.getByRole('heading').innerText();
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await firstSuggestion.getByRole('button', { name: new RegExp(`(不感兴趣|Not interested).*${escaped}`) }).click();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(1); // still listed once, in the catalog below
  // A mistake is one click from undone; later, every "not interested" can be taken back at once.
  await expect(page.getByText(new RegExp(`^(不会再向你推荐${escaped}|${escaped} will not be suggested again)`))).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`(撤销|Undo).*${escaped}`) }).click();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(2);
  await firstSuggestion.getByRole('button', { name: new RegExp(`(不感兴趣|Not interested).*${escaped}`) }).click();
  await page.reload();
  await expect(page.getByText(/(你对 1 个圈子选择了“不感兴趣”|You said “not interested” to 1 circle)/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: title })).toHaveCount(1);
  await page.getByRole('button', { name: /重新推荐它们|Suggest them again/ }).click();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(2);
  await firstSuggestion.getByRole('button', { name: new RegExp(`(不感兴趣|Not interested).*${escaped}`) }).click();

  // Joining asks the hub, which needs an account: without one the screen says so instead of failing silently.
  const next = page.getByRole('article').first();
  await next.getByRole('button', { name: /^(加入|申请加入|Join|Ask to join)/ }).click();
  await expect(page.getByRole('alert')).toHaveText(/登录|Sign in/);
});

test('the catalog opens a page at a time; Show more moves focus to the next circle; search finds statement names', async ({ page }) => {
  await page.goto('/#/circles');
  // The hub's catalog: the seed's 72 circles, plus any that other tests started on the same hub.
  const count = page.getByText(/^Showing \d+ of \d+$/);
  await expect(count).toHaveText(/^Showing 12 of \d+$/, { timeout: 20_000 });
  const total = Number((await count.innerText()).split(' of ')[1]);
  expect(total).toBeGreaterThanOrEqual(72);
  const more = page.getByRole('button', { name: 'Show 12 more circles' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Showing 24 of ${total}`)).toBeVisible();
  // Focus lands on the first circle just shown (the 13th of the catalog list).
  const catalogHeadings = page.getByRole('article').filter({ hasNotText: 'Why this circle' }).getByRole('heading', { level: 3 });
  await expect(catalogHeadings.nth(12)).toBeFocused();

  // 汉庭 is in none of the circle's names or text, only in how its business shows on statements.
  await page.getByLabel('Search circles').fill('汉庭');
  await expect(page.getByText('Showing 1 of 1')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Huazhu Members' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);
  // An approval circle says so, spaced like the rest of the line.
  await page.getByLabel('Search circles').fill('Livehouse');
  await expect(page.getByRole('article').getByText(/^by .+ · 3,200 members · Operator approval needed$/)).toBeVisible();
});

test('a topic hidden in one window is hidden in the other, without a reload', async ({ page, context }) => {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([join(fixtures, 'alipay-2024-sample.csv')]);
  await expect(page.getByRole('status').filter({ hasText: /^alipay-2024-sample\.csv: 6 new/ })).toBeVisible({ timeout: 20_000 });
  const coffee = (p: typeof page) => p.getByRole('article').filter({ has: p.getByRole('heading', { name: /^Coffee/ }) });
  await page.goto('/#/profile');
  await expect(coffee(page)).toBeVisible({ timeout: 20_000 });

  const other = await context.newPage();
  await other.goto('/#/profile');
  await coffee(other).getByRole('button', { name: 'Hide Coffee' }).click();
  await expect(coffee(other)).toHaveCount(0);
  await expect(coffee(page)).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Show Coffee again' })).toBeVisible();
  await other.close();
});

// Spending the categoriser could not place is shown, and the person places it; every correction can be taken back.
test('a payment no interest took is placed by the person, and the correction can be undone', async ({ page }) => {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles(join(fixtures, 'camt053-v08-sample.xml'));
  await expect(page.getByRole('status').filter({ hasText: /^camt053-v08-sample\.xml: 3 new/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();

  const unplaced = page.getByRole('region', { name: 'Not placed in any interest' });
  await expect(unplaced).toContainText('Quanzi could not tell what 1 payment was for.', { timeout: 20_000 });
  const groceries = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /^Groceries/ }) });
  await expect(groceries).toHaveCount(0);
  const place = unplaced.getByRole('button', { name: 'Place Albert Heijn 1234' });
  await expect(place).toBeDisabled();
  await unplaced.getByLabel('Interest for Albert Heijn 1234').selectOption({ label: 'Groceries' });
  await place.click();

  await expect(page.getByRole('status').filter({ hasText: 'Albert Heijn 1234 is now Groceries, for all past and future payments.' })).toBeVisible();
  await expect(unplaced).toHaveCount(0);
  await expect(groceries).toBeVisible();
  const corrections = page.getByRole('region', { name: 'Your corrections' });
  await expect(corrections.getByRole('listitem')).toHaveText([/Albert Heijn 1234 → Groceries/]);
  // Stored, not only shown: a reload keeps it.
  await page.reload();
  await expect(corrections.getByRole('listitem')).toHaveText([/Albert Heijn 1234 → Groceries/], { timeout: 20_000 });
  await expect(groceries).toBeVisible();

  // A payment left out of the profile can be counted again from the same place.
  await page.getByText(/^Why Flights: mostly \S/).click();
  await page.getByRole('button', { name: 'Exclude this payment' }).click();
  await expect(corrections).toContainText('1 payment is left out of your profile.');
  await expect(page.getByRole('heading', { name: /^Flights/ })).toHaveCount(0);
  const leftOut = corrections.getByRole('list', { name: 'Payments left out of your profile' }).getByRole('listitem');
  await expect(leftOut).toHaveText([/^2024-05-04 · KLM Royal Dutch Airlines · €1,234\.56/]);
  await leftOut.getByRole('button', { name: 'Count the payment at KLM Royal Dutch Airlines again' }).click();
  await expect(page.getByRole('heading', { name: /^Flights/ })).toBeVisible();
  // Several left out are counted again at once; one has only its own button ("all" would read as more than one).
  await page.getByText(/^Why Flights: mostly \S/).click();
  await page.getByRole('button', { name: 'Exclude this payment' }).click();
  await expect(corrections).toContainText('1 payment is left out of your profile.');
  await expect(corrections.getByRole('button', { name: 'Count them all again' })).toHaveCount(0);
  await page.getByText(/^Why \S+: mostly /).first().click();
  await page.getByRole('button', { name: 'Exclude this payment' }).first().click();
  await expect(corrections).toContainText('2 payments are left out of your profile.');
  await corrections.getByRole('button', { name: 'Count them all again' }).click();
  await expect(page.getByRole('heading', { name: /^Flights/ })).toBeVisible();
  await expect(corrections.getByText(/left out of your profile/)).toHaveCount(0);

  await corrections.getByRole('button', { name: 'Undo the correction for Albert Heijn 1234' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The correction for Albert Heijn 1234 is undone' })).toBeVisible();
  await expect(groceries).toHaveCount(0);
  await expect(unplaced.getByRole('listitem')).toContainText(['Albert Heijn 1234']);
  await expect(corrections).toHaveCount(0);
  await page.reload();
  await expect(unplaced.getByRole('link', { name: 'Albert Heijn 1234' })).toBeVisible({ timeout: 20_000 });
  await expect(groceries).toHaveCount(0);
});

// Statements in several currencies: the monthly chart adds up one currency at a time, and every number is readable
// as a table too (the canvas alone says nothing to a screen reader).
test('monthly spending is shown per currency, with its numbers as a table', async ({ page }) => {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([join(fixtures, 'card-ofx2-sample.qfx'), join(fixtures, 'camt053-v08-sample.xml')]);
  await expect(page.getByRole('status').filter({ hasText: /^camt053-v08-sample\.xml: 3 new/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();

  const currency = page.getByLabel('Currency');
  await expect(currency).toHaveValue('CAD', { timeout: 20_000 });
  await page.getByText('Show the numbers: Spending by interest per month, in CAD').click();
  const cad = page.getByRole('region', { name: 'Spending by interest per month, in CAD' });
  await expect(cad.getByRole('columnheader')).toHaveText(['Interest', '2024-05']);
  await expect(cad.getByRole('row', { name: /Digital gadgets/ }).getByRole('cell')).toHaveText(['CA$1,299.00']);
  await expect(cad.getByRole('row', { name: /Coffee/ }).getByRole('cell')).toHaveText(['CA$42.17']);
  await expect(cad.getByRole('row', { name: /Flights/ })).toHaveCount(0);

  await currency.selectOption('EUR');
  await page.getByText('Show the numbers: Spending by interest per month, in EUR').click();
  const eur = page.getByRole('region', { name: 'Spending by interest per month, in EUR' });
  await expect(eur.getByRole('row', { name: /Flights/ }).getByRole('cell')).toHaveText(['€1,234.56']);
  await expect(eur.getByRole('row', { name: /Coffee/ })).toHaveCount(0);

  await page.getByText('Show the numbers: Interest scores').click();
  await expect(page.getByRole('region', { name: 'Interest scores' }).getByRole('row', { name: /Coffee/ }).getByRole('cell')).toHaveText(['1.00']);
});

// A first visit has nothing imported: the Circles screen says how suggestions come about and where to start.
test('a first visit explains how circles are suggested and leads to the import; a paused profile says so', async ({ page }) => {
  await page.goto('/#/circles');
  await expect(page.getByText('Quanzi suggests circles from where you really spend, worked out on this device:')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('listitem').filter({ hasText: 'Nothing from the statement is uploaded.' })).toBeVisible();
  await page.getByRole('link', { name: 'Import a statement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await page.getByLabel('Choose statement files').setInputFiles(join(fixtures, 'alipay-2024-sample.csv'));
  await expect(page.getByRole('status').filter({ hasText: /^alipay-2024-sample\.csv: 6 new/ })).toBeVisible({ timeout: 20_000 });
  await page.goto('/#/circles');
  await expect(page.getByRole('article').filter({ hasText: 'Why this circle' }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('link', { name: 'Import a statement' })).toHaveCount(0);

  await page.goto('/#/profile');
  await page.getByLabel('Pause profiling').check();
  await expect(page.getByText('Profiling is paused: no interests are used and no circles are suggested.')).toBeVisible();
  await page.goto('/#/circles');
  await expect(page.getByText('Profiling is paused, so no circles are suggested.')).toBeVisible();
  await page.getByRole('link', { name: 'Turn it back on in Profile' }).click();
  await expect(page.getByLabel('Pause profiling')).toBeChecked();
});

// The Transactions screen shows where each payment is placed, and filters by it: the profile's "why" per row.
test('transactions show their interest and filter by it, following a correction made on the Profile screen', async ({ page }) => {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([join(fixtures, 'camt053-v08-sample.xml'), join(fixtures, 'alipay-2024-sample.csv')]);
  await expect(page.getByRole('status').filter({ hasText: /^alipay-2024-sample\.csv: 6 new/ })).toBeVisible({ timeout: 20_000 });
  await page.goto('/#/transactions');
  const rows = page.getByRole('list', { name: 'Transactions' }).getByRole('listitem');
  await expect(rows.filter({ hasText: '星巴克' })).toContainText('Coffee');
  const interest = page.getByRole('combobox', { name: 'Interest', exact: true });
  await interest.selectOption({ label: 'Not placed in any interest' });
  await expect(page.getByText('1 transaction', { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Albert Heijn 1234');
  // The Profile links here with that filter set (`#/transactions/interest:<id>`).
  await page.goto('/#/circles');
  await page.goto(`/#/transactions/${encodeURIComponent('interest:(unplaced)')}`);
  await expect(interest).toHaveValue('(unplaced)');
  await expect(rows).toHaveCount(1);

  await page.goto('/#/profile');
  const unplaced = page.getByRole('region', { name: 'Not placed in any interest' });
  await unplaced.getByLabel('Interest for Albert Heijn 1234').selectOption({ label: 'Groceries' });
  await unplaced.getByRole('button', { name: 'Place Albert Heijn 1234' }).click();
  await expect(unplaced).toHaveCount(0);

  await page.goto('/#/transactions');
  await expect(interest.locator('option', { hasText: 'Not placed in any interest' })).toHaveCount(0);
  await interest.selectOption({ label: 'Groceries' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Albert Heijn 1234');
  await expect(rows.first()).toContainText('Groceries');
});

// The charts take the theme's text and grid colours; the bars keep their own colours, on either theme.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the interest chart draws coloured bars on the ${colorScheme} theme`, async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US', colorScheme });
    const page = await context.newPage();
    await page.goto('/#/import');
    await page.getByLabel('Choose statement files').setInputFiles([join(fixtures, 'alipay-2024-sample.csv')]);
    await expect(page.getByRole('status').filter({ hasText: /^alipay-2024-sample\.csv: 6 new/ })).toBeVisible({ timeout: 20_000 });
    await page.goto('/#/profile');
    // The pixels themselves: the picture is named on the canvas's wrapper.
    const chart = page.getByRole('img', { name: 'Interest scores' }).locator('canvas');
    await expect(chart).toBeVisible({ timeout: 20_000 });
    // A pixel whose channels differ clearly is colour, not the greys of text, grid and background.
    const coloured = () => chart.evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 60) count++;
      return count;
    });
    await expect.poll(coloured, { timeout: 10_000 }).toBeGreaterThan(500);
    await context.close();
  });
}
