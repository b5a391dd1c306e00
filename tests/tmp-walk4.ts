import { chromium, devices } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ ...devices['Pixel 7'], baseURL: 'http://127.0.0.1:4300', locale: 'zh-CN' });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
await page.goto('/#/import');
await page.waitForTimeout(1000);
await page.locator('input[type=file]').first().setInputFiles(['tests/fixtures/alipay-2024-sample.csv', 'tests/fixtures/wechat-2024-sample.xlsx']);
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/m-1-import.png', fullPage: true });
for (const [name, hash] of [['profile', '#/profile'], ['circles', '#/circles'], ['tx', '#/transactions'], ['settings', '#/settings']]) {
  await page.goto('/' + hash);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/m-2-${name}.png`, fullPage: false });
}
await browser.close();
