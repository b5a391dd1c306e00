import { expect, type Browser, type Page } from '@playwright/test';
import { signInInUi, signUpInUi, uniqueName } from './feed-helpers';

/** People and operators of the operator e2e specs, each in its own browser context (English UI). */
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

export async function openOperatorView(page: Page): Promise<void> {
  await page.getByText('Operator view').click();
  await expect(page.getByText('You run this circle.')).toBeVisible();
}

/** The less frequent tools are folded under their heading (src/ui/operator/FoldedSection.svelte). */
export async function openTool(page: Page, name: string): Promise<void> {
  const heading = page.getByRole('heading', { name, exact: true });
  await heading.click();
  await expect(page.getByRole('region', { name })).toBeVisible();
  // The disclosure pattern: a real heading (heading navigation finds it) holding a button that says it is open.
  await expect(heading.getByRole('button', { name, exact: true })).toHaveAttribute('aria-expanded', 'true');
}

/** A demo operator (src/hub/seed/accounts.json) signed in, on their circle's page with the Operator view open. */
export async function demoOperator(browser: Browser, name: string, circleId: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInInUi(page, name, 'quanzi-operator');
  await expect(page.getByRole('region', { name: 'Account' }).getByRole('status')).toContainText('back in My circles', { timeout: 30_000 });
  await page.goto(`/#/feed/${encodeURIComponent(circleId)}`);
  await openOperatorView(page);
  return { page, close: () => context.close() };
}

/**
 * A new person asks to join op-damai's approval circle (with `message` for the operator, if given), and op-damai's
 * join queue shows the request: `decide` is its button for that person (Approve or Deny).
 */
export async function askToJoinDemoApproval(browser: Browser, prefix: string, decide: 'Approve' | 'Deny', message?: string) {
  const circleId = 'concerts-livehouse-sh';
  const asker = await person(browser, prefix);
  const op = await demoOperator(browser, 'op-damai', circleId);
  const requests = op.page.getByRole('region', { name: 'Join requests' });
  await asker.page.goto(`/#/feed/${circleId}`);
  if (message) await asker.page.getByLabel('Message to the operator (optional)').fill(message);
  await asker.page.getByRole('button', { name: 'Ask to join this circle' }).click();
  await expect(asker.page.getByText('Request sent, waiting for the operator')).toBeVisible();
  const button = requests.getByRole('button', { name: `${decide} ${asker.name}` });
  // The queue watches for requests; Refresh is the person's own look, used here until the request shows.
  await expect(async () => {
    await requests.getByRole('button', { name: 'Refresh requests' }).click();
    await expect(button).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return { circleId, asker, op, requests, button };
}
