import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4300';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [locale, width] of [['en-US', 360], ['zh-CN', 1280]] as const) {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
  await context.grantPermissions(['notifications'], { origin: base });
  const page = await context.newPage();
  await page.goto(base + '/#/feed');
  const en = locale === 'en-US';
  await page.getByLabel(en ? 'Pseudonym' : '化名').fill('op-luckin');
  await page.getByLabel(en ? 'Password' : '密码').fill('quanzi-operator');
  await page.getByRole('button', { name: en ? 'Sign in' : '登录' }).click();
  await page.waitForTimeout(1500);
  await page.goto(base + '/#/feed/coffee-luckin-sh');
  await page.waitForTimeout(2500);
  const join = page.getByRole('button', { name: en ? 'Join this circle' : '加入这个圈子' });
  if (await join.count()) { await join.click(); await page.waitForTimeout(2000); }
  await page.goto(base + '/#/feed');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots2/feed-${locale}-${width}.png`, fullPage: false });
  await page.goto(base + '/#/feed/coffee-luckin-sh');
  await page.waitForTimeout(2500);
  const keys = page.getByRole('heading', { name: en ? 'Claim keys on your other devices' : '在你的其他设备上使用申领密钥' });
  await keys.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots2/keys-${locale}-${width}.png` });
  await context.close();
}
await browser.close();
