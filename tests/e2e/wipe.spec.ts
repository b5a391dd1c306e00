// Delete everything, and signing out: nothing of this device's person is left behind, not even the hub session,
// including when the hub is out of reach.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { hubMounted, signUpInUi, uniqueName } from './support/feed-helpers';
import { controlledByServiceWorker, countAllRows } from './support/shell-helpers';

test.use({ locale: 'en-US' });

test('delete everything leaves zero rows, zero caches and no service worker', async ({ page }) => {
  await controlledByServiceWorker(page);
  await page.goto('/#/settings');
  await page.getByLabel('Dark', { exact: true }).check();
  await page.evaluate(async () => (await caches.open('quanzi-extra')).put('/extra', new Response('x')));
  expect(await countAllRows(page)).toBeGreaterThan(0);
  expect(await page.evaluate(() => caches.keys().then((keys) => keys.length))).toBeGreaterThan(0);

  // The fresh start after the wipe registers the worker again and re-fills its cache; page.route cannot
  // see the worker script fetch, so the reloaded page gets a register() that never settles. That way the
  // checks below measure what the wipe left behind.
  await page.addInitScript(() => {
    ServiceWorkerContainer.prototype.register = () => new Promise<ServiceWorkerRegistration>(() => {});
  });
  await page.getByRole('button', { name: 'Delete everything on this device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete everything?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await countAllRows(page)).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Delete everything on this device' }).click();
  await Promise.all([page.waitForURL((url) => url.hash === ''), dialog.getByRole('button', { name: 'Delete everything' }).click()]);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // The fresh first screen says why it is fresh, once.
  const done = page.getByRole('status').filter({ hasText: 'Everything Quanzi kept on this device was deleted.' });
  await expect(done).toBeVisible();
  // Focus lands on the notice, not on <body>, so a screen reader reads it and Tab goes on from there.
  await expect(done).toBeFocused();
  await done.getByRole('button', { name: 'OK' }).click();
  await expect(done).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
  // Opening the Profile screen makes the worker recompute the profile from zero rows: it must not save one.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByText('No interests yet. Import a statement to see what your spending says about you.')).toBeVisible();
  // The fresh start may at once fetch the public catalog (the same for everyone) and note its checkpoint and
  // source; everything personal must be gone. The theme check above proves the old settings row went too.
  expect(await countAllRows(page, ['catalog', 'checkpoints', 'settings'])).toBe(0);
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((list) => list.length))).toBe(0);
});

test('delete everything while offline keeps the app’s own files, so the fresh start opens offline', async ({ page, context }) => {
  await controlledByServiceWorker(page);
  await page.goto('/#/settings');
  await page.getByLabel('Dark', { exact: true }).check();
  await page.evaluate(async () => (await caches.open('quanzi-share-target')).put('/share-target/file/0', new Response('shared statement')));
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Delete everything on this device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete everything?' });
  await Promise.all([page.waitForURL((url) => url.hash === ''), dialog.getByRole('button', { name: 'Delete everything' }).click()]);
  // The app, not the browser's offline page, with its notice and none of the old settings.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Everything Quanzi kept on this device was deleted.' })).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
  const left = await page.evaluate(() => caches.keys());
  expect(left.length).toBeGreaterThan(0);
  for (const name of left) expect(name).toMatch(/^workbox-precache/);
  expect(await countAllRows(page, ['catalog', 'checkpoints', 'settings'])).toBe(0);
});

test('delete everything in one window empties the other open windows too', async ({ page, context }) => {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([join('tests/fixtures', 'alipay-2024-sample.csv')]);
  await expect(page.getByText('alipay-2024-sample.csv: 6 new, 0 already there, 0 skipped')).toBeVisible({ timeout: 20_000 });
  const other = await context.newPage();
  await other.goto('/#/transactions');
  await expect(other.getByText('6 transactions', { exact: true })).toBeVisible({ timeout: 20_000 });

  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Delete everything on this device' }).click();
  await Promise.all([page.waitForURL((url) => url.hash === ''), page.getByRole('dialog', { name: 'Delete everything?' }).getByRole('button', { name: 'Delete everything' }).click()]);
  // The other window held the rows in its worker's memory; it starts again from the (empty) database.
  await expect(other.getByText('0 transactions', { exact: true })).toBeVisible({ timeout: 20_000 });
  await other.close();
});

/** Who the hub thinks this browser is: its AuthSession cookie, shared by page.request with the page. */
async function hubSessionName(page: Page): Promise<string | null> {
  return ((await (await page.request.get('/hub/_session')).json()) as { userCtx: { name: string | null } }).userCtx.name;
}

/**
 * The app's pending sign-out went through, and the hub agrees. Not by polling the hub meanwhile: page.request
 * shares the page's cookie, and the hub renews the cookie with every answer, so a poll answered after the
 * sign-out would sign the browser in again (the race the app itself guards against, src/hub/client.ts `alone`).
 */
async function signOutFinished(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => localStorage.getItem('quanzi.hubSignOutPending')), { timeout: 20_000 }).toBeNull();
  expect(await hubSessionName(page)).toBeNull();
}

const wipeAll = (page: Page) => Promise.all([
  page.waitForURL((url) => url.hash === '').catch(() => undefined),
  page.getByRole('dialog', { name: 'Delete everything?' }).getByRole('button', { name: 'Delete everything' }).click(),
]);

// On a shared device the next person must not act as the account the wipe was meant to forget.
test('delete everything signs this browser out of the circle hub', async ({ page }) => {
  test.skip(!(await hubMounted(page.request)), 'the embedded hub is not mounted at /hub');
  const name = uniqueName('wipe');
  await signUpInUi(page, name);
  expect(await hubSessionName(page)).toBe(name);
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Delete everything on this device' }).click();
  await wipeAll(page);
  await expect(page.getByRole('status').filter({ hasText: 'Everything Quanzi kept on this device was deleted.' })).toBeFocused();
  expect(await hubSessionName(page)).toBeNull();
  await expect(page.getByText('still signed in to it')).toHaveCount(0);
});

test.describe('hub out of reach', () => {
  // So that page.route sees the page's fetches (a service worker would make them itself).
  test.use({ serviceWorkers: 'block' });
  test('delete everything says when the hub session could not be ended, and ends it once the hub is back', async ({ page }) => {
    test.skip(!(await hubMounted(page.request)), 'the embedded hub is not mounted at /hub');
    const name = uniqueName('wipeoff');
    await signUpInUi(page, name);
    await page.goto('/#/settings');
    // The hub cannot be reached for the sign-out (the cookie is HttpOnly: only the hub can end it).
    const unreachable = '**/hub/_session';
    await page.route(unreachable, (route) => (route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.fallback()));
    await page.getByRole('button', { name: 'Delete everything on this device' }).click();
    await wipeAll(page);
    const done = page.getByRole('status').filter({ hasText: 'Everything Quanzi kept on this device was deleted.' });
    await expect(done).toContainText('Quanzi could not reach the circle hub, so this browser is still signed in to it.');
    await expect(done).toBeFocused();
    expect(await hubSessionName(page)).toBe(name);
    // The wipe's notice is said once; the warning stays at every start until the hub has ended the session.
    const warning = page.getByRole('status').filter({ hasText: 'Quanzi could not reach the circle hub, so this browser is still signed in to it.' });
    await page.reload();
    await expect(warning).toBeVisible();
    await expect(page.getByText('Everything Quanzi kept on this device was deleted.')).toHaveCount(0);
    // Once the hub can be reached, the person need not wait for the next start: the warning offers to do it now.
    await page.unroute(unreachable);
    await warning.getByRole('button', { name: 'Sign out of the hub now' }).click();
    await signOutFinished(page);
    await expect(warning).toHaveCount(0);
  });

  test('sign out with the hub out of reach says the session ends there once back online, and it does', async ({ page }) => {
    test.skip(!(await hubMounted(page.request)), 'the embedded hub is not mounted at /hub');
    const name = uniqueName('outoff');
    await signUpInUi(page, name);
    const unreachable = '**/hub/_session';
    await page.route(unreachable, (route) => (route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.fallback()));
    const account = page.getByRole('region', { name: 'Account' });
    await account.getByRole('button', { name: 'Sign out' }).click();
    const said = account.getByRole('status').filter({ hasText: 'Signed out on this device. The circle hub could not be reached' });
    await expect(said).toBeFocused();
    await expect(account.getByLabel('Pseudonym')).toBeVisible();
    expect(await hubSessionName(page)).toBe(name);
    await page.unroute(unreachable);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await signOutFinished(page);
  });
});
