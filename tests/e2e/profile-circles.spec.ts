import { expect, test } from '@playwright/test';

// Until the Import screen lands, rows are seeded straight into the app's IndexedDB store (the same chunk shape
// the importer writes), then the page reloads so the analysis worker builds the profile from them.
test('profile shows evidence, suggestions carry reasons, Not interested removes one', async ({ page }) => {
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

  await page.goto('/#/circles');
  const firstSuggestion = page.getByRole('article').first();
  await expect(firstSuggestion.getByText(/60/).first()).toBeVisible({ timeout: 20_000 });
  const title = await firstSuggestion.getByRole('heading').innerText();
  await firstSuggestion.getByRole('button', { name: new RegExp(`(不感兴趣|Not interested).*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(1); // still listed once, in the catalog below

  // Joining asks the hub, which needs an account: without one the screen says so instead of failing silently.
  const next = page.getByRole('article').first();
  await next.getByRole('button', { name: /^(加入|申请加入|Join|Ask to join)/ }).click();
  await expect(page.getByRole('alert')).toHaveText(/登录|Sign in/);
});
