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

export async function openOperatorView(page: Page): Promise<void> {
  await page.getByText('Operator view').click();
  await expect(page.getByText('You run this circle.')).toBeVisible();
}

/** The less frequent tools are folded under their heading (src/ui/operator/FoldedSection.svelte). */
export async function openTool(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name, exact: true }).click();
  await expect(page.getByRole('region', { name })).toBeVisible();
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
