import { expect, type Locator, type Page } from '@playwright/test';

// People and circles come from the operator specs' helpers; re-exported for the specs that import them from here.
export { person, startCircle } from './operator-helpers';

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
