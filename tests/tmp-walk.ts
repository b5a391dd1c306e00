import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ baseURL: 'http://127.0.0.1:4300', viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await page.goto('/');
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/w-1-home.png', fullPage: true });
await page.goto('/#/import');
await page.waitForTimeout(800);
await page.locator('input[type=file]').first().setInputFiles(['tests/fixtures/alipay-2024-sample.csv', 'tests/fixtures/wechat-2024-sample.csv', 'tests/fixtures/card-ofx2-sample.qfx']);
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/w-2-import.png', fullPage: true });
for (const [name, hash] of [['profile', '#/profile'], ['circles', '#/circles'], ['tx', '#/transactions'], ['feed', '#/feed'], ['privacy', '#/privacy'], ['settings', '#/settings']]) {
  await page.goto('/' + hash);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/w-3-${name}.png`, fullPage: true });
}
await browser.close();
