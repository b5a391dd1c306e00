// Accessibility checked by axe-core on every screen, as people use them: light and dark, wide and phone width,
// English and Chinese, with data on the screens (an imported statement, a joined circle with posts, the
// operator's tools). Any rule axe reports, with the elements it names, fails the test.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { hubMounted, joinFromCirclePage, openCircles, signUpInUi, uniqueName } from './support/feed-helpers';

test.setTimeout(120_000);

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${screen}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' ; ')}`);
  expect(found).toEqual([]);
}

async function openScreen(page: Page, hash: string): Promise<void> {
  await page.goto(`/#/${hash}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Screens fill in from the worker and the local database a moment after the heading.
  await page.waitForLoadState('networkidle');
}

const looks = [
  { name: 'English, light, wide', locale: 'en-US', colorScheme: 'light', width: 1100 },
  { name: 'Chinese, dark, phone', locale: 'zh-CN', colorScheme: 'dark', width: 360 },
] as const;

for (const look of looks) {
  test(`every main screen, with an imported statement (${look.name})`, async ({ browser }) => {
    const context = await browser.newContext({ locale: look.locale, colorScheme: look.colorScheme, viewport: { width: look.width, height: 800 } });
    const page = await context.newPage();
    // The first visit, before any import: the Circles screen's welcome.
    await openScreen(page, 'circles');
    await expect(page.getByRole('link', { name: /^(Import a statement|导入账单)$/ })).toBeVisible();
    await expectNoViolations(page, 'circles (first visit)');
    await openScreen(page, 'import');
    // The CAMT file's supermarket is a payment no interest takes: the profile lists it to be placed.
    const files = ['alipay-2024-sample.csv', 'card-ofx2-sample.qfx', 'camt053-v08-sample.xml'];
    await page.locator('input[type=file]').setInputFiles(files.map((file) => join('tests/fixtures', file)));
    await expect(page.getByRole('status').filter({ hasText: /camt053-v08-sample\.xml/ })).toBeVisible({ timeout: 20_000 });
    await expectNoViolations(page, 'import');
    for (const screen of ['transactions', 'profile', 'circles', 'feed', 'settings', 'privacy']) {
      await openScreen(page, screen);
      if (screen === 'profile') await expect(page.getByRole('link', { name: 'Albert Heijn 1234' })).toBeVisible();
      await expectNoViolations(page, screen);
    }
    await context.close();
  });
}

async function signedIn(browser: Browser, prefix: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signUpInUi(page, uniqueName(prefix));
  return page;
}

test('a joined circle with its posts, and the operator view with its forms', async ({ browser, request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
  const member = await signedIn(browser, 'a11y');
  const circle = (await openCircles(request))[0]!;
  await joinFromCirclePage(member, circle._id);
  await expect(member.locator('article[data-doc-id^="post:"]').first()).toBeVisible({ timeout: 30_000 });
  await expectNoViolations(member, 'circle');
  // The leave question is a modal dialog: checked open, then cancelled with the keyboard.
  await member.getByRole('button', { name: 'Leave this circle' }).click();
  await expect(member.getByRole('dialog')).toBeVisible();
  await expectNoViolations(member, 'leave dialog');
  await member.keyboard.press('Escape');
  await expect(member.getByRole('dialog')).toBeHidden();
  await member.goto('/#/feed');
  await expect(member.getByRole('region', { name: 'My circles' }).getByRole('list').getByRole('link')).toHaveCount(1);
  await expectNoViolations(member, 'feed (signed in)');

  const operator = await signedIn(browser, 'a11yop');
  const id = `a11y-${Date.now().toString(36)}`;
  await operator.getByText('Start a circle').click();
  await expectNoViolations(operator, 'start a circle');
  await operator.getByLabel('Circle id').fill(id);
  await operator.getByLabel('Name (Chinese)').fill('无障碍圈');
  await operator.getByLabel('Name (English)').fill(`Circle ${id}`);
  await operator.getByLabel('Description (Chinese)').fill('测试');
  await operator.getByLabel('Description (English)').fill('A test circle');
  await operator.getByRole('button', { name: 'Create circle' }).click();
  await expect(operator.getByRole('heading', { name: `Circle ${id}` })).toBeVisible();
  await operator.getByText('Operator view').click();
  await expect(operator.getByText('You run this circle.')).toBeVisible();
  for (const tool of ['New event', 'New group-buy', 'New poll', 'Co-operators', 'Description and audience', 'Linked circles']) {
    await operator.getByRole('heading', { name: tool, exact: true }).click();
    await expect(operator.getByRole('region', { name: tool })).toBeVisible();
  }
  await operator.getByText('Operator: trust tools').click();
  await expect(operator.getByRole('button', { name: 'Publish customer list' })).toBeVisible();
  await expectNoViolations(operator, 'operator view and trust tools');
  await Promise.all([member.context().close(), operator.context().close()]);
});
