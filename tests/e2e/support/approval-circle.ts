import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { signUpInUi, uniqueName } from './feed-helpers';

/** One person in their own browser context, signed up through the UI (English). */
export async function person(browser: Browser, prefix: string): Promise<{ page: Page; name: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const name = uniqueName(prefix);
  await signUpInUi(page, name);
  return { page, name, close: () => context.close() };
}

/** The operator starts a circle from the Feed screen and lands on its page; returns its id (named `Circle <id>`). */
export async function startCircle(page: Page, policy: 'open' | 'approval'): Promise<string> {
  const id = `e2e-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  await page.goto('/#/feed');
  await page.getByText('Start a circle').click();
  await page.getByLabel('Circle id').fill(id);
  await page.getByLabel('Name (Chinese)').fill('测试圈');
  await page.getByLabel('Name (English)').fill(`Circle ${id}`);
  await page.getByLabel('Description (Chinese)').fill('测试');
  await page.getByLabel('Description (English)').fill('A test circle');
  await page.getByLabel('Who may join').selectOption(policy);
  await page.getByRole('button', { name: 'Create circle' }).click();
  await expect(page).toHaveURL(new RegExp(`#/feed/${id}$`));
  await expect(page.getByRole('heading', { name: `Circle ${id}` })).toBeVisible();
  return id;
}

/** Opens the Operator view on the circle page and returns its join-request queue. */
export async function openJoinRequests(page: Page): Promise<Locator> {
  await page.getByText('Operator view').click();
  await expect(page.getByText('You run this circle.')).toBeVisible();
  return page.getByRole('region', { name: 'Join requests' });
}

/** Waits until the operator's queue shows `user`'s request waiting (it refreshes itself; Refresh as a fallback). */
export async function expectWaiting(requests: Locator, user: string): Promise<void> {
  await expect(async () => {
    if (!(await requests.getByRole('button', { name: `Deny ${user}` }).isVisible())) await requests.getByRole('button', { name: 'Refresh requests' }).click();
    await expect(requests.getByRole('button', { name: `Deny ${user}` })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Waits until the operator's queue no longer lists `user`. */
export async function expectNotWaiting(requests: Locator, user: string): Promise<void> {
  await expect(async () => {
    await requests.getByRole('button', { name: 'Refresh requests' }).click();
    await expect(requests.getByRole('button', { name: `Deny ${user}` })).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** The operator declines `user`'s request with `reason`, confirming in the dialog. */
export async function deny(page: Page, requests: Locator, user: string, reason: string): Promise<void> {
  await requests.getByLabel(`Reason for ${user}, optional (shown to them)`).fill(reason);
  await requests.getByRole('button', { name: `Deny ${user}` }).click();
  await page.getByRole('dialog', { name: `Deny ${user}?` }).getByRole('button', { name: 'Deny request' }).click();
  await expect(requests.getByRole('button', { name: `Deny ${user}` })).toHaveCount(0);
}
