// One browser, two people (found in a user test): after the first signs out, the second must not see the first's
// circles, their cached content or the draft in the composer. Sign out asks first when it would lose a draft.
import { expect, test } from '@playwright/test';
import { hubMounted, joinFromCirclePage, signInInUi, signUpInUi, uniqueName, signUpAndJoin } from './support/feed-helpers';

test.use({ locale: 'en-US' });

test.beforeEach(async ({ request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
});

test('sign out asks before losing a draft, then the next account finds none of the first one’s circles or drafts', async ({ page }) => {
  const first = uniqueName('lin');
  const circleId = await signUpAndJoin(page, first);
  const circleName = await page.getByRole('heading', { level: 1 }).innerText();
  await page.getByLabel('Write a post').fill('A private draft of the first account');

  await page.goto('/#/feed');
  const myCircles = page.getByRole('region', { name: 'My circles' });
  await expect(myCircles.getByRole('link', { name: circleName })).toBeVisible();
  const account = page.getByRole('region', { name: 'Account' });
  const signOut = account.getByRole('button', { name: 'Sign out' });
  await signOut.click();
  const dialog = page.getByRole('dialog', { name: `Sign out of ${first}?` });
  await expect(dialog).toHaveAccessibleDescription('Signing out takes this account’s circles off this device, and with them 1 unsent draft. Your statements and profile stay.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(signOut).toBeFocused();
  await expect(page.getByText(`Signed in as ${first}`)).toBeVisible();

  await signOut.click();
  await dialog.getByRole('button', { name: 'Sign out anyway' }).click();
  await expect(account.getByRole('status')).toContainText('Signed out. This account’s circles left this device');
  await expect(myCircles.getByText('You have not joined any circle yet.')).toBeVisible();

  await signUpInUi(page, uniqueName('chen'));
  await expect(myCircles.getByText('You have not joined any circle yet.')).toBeVisible();
  // The circle's page offers to join, with an empty composer once joined: the first account's draft is gone.
  await joinFromCirclePage(page, circleId);
  await expect(page.getByLabel('Write a post')).toHaveValue('');

  // The first account's circles come back when it signs in again.
  await page.goto('/#/feed');
  await account.getByRole('button', { name: 'Sign out' }).click();
  await signInInUi(page, first);
  await expect(account.getByRole('status')).toHaveText('1 circle of this account (joined, or asked to join) is back in My circles.', { timeout: 30_000 });
  await expect(myCircles.getByRole('link', { name: circleName })).toBeVisible();
});
