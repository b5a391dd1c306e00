import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlledByServiceWorker } from './support/shell-helpers';

// The preview server serves this directory (vite.config.ts); the update test edits sw.js in it.
const outDir = process.env.QUANZI_OUT_DIR ?? 'dist';


function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}


test.use({ locale: 'en-US' });

test('the manifest is served, valid, and its icons are real PNGs of the stated size', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await request.get(new URL(href!, page.url()).href);
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Quanzi 圈子', short_name: '圈子', start_url: '/', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.file_handlers[0].action).toBe('/#/import');
  expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST', enctype: 'multipart/form-data' });
  // A share sheet matches by type (Android) or by name (desktop): both are listed.
  expect(manifest.share_target.params.files[0].accept).toEqual(expect.arrayContaining(['text/csv', '.csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.xlsx', '.qif']));
  expect(manifest.id).toBe('/');
  expect(manifest.icons.map((icon: { purpose: string }) => icon.purpose)).toEqual(expect.arrayContaining(['any', 'maskable']));
  for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
    const iconResponse = await request.get(new URL(icon.src, page.url()).href);
    expect(iconResponse.ok(), icon.src).toBe(true);
    const bytes = Buffer.from(await iconResponse.body());
    const [width, height] = icon.sizes.split('x').map(Number);
    expect(pngSize(bytes), icon.src).toEqual({ width, height });
    expect(bytes.length, `${icon.src} is not an empty picture`).toBeGreaterThan(2000);
  }
});

test('the shell has landmarks, a skip link and every screen in the navigation', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Import', 'Transactions', 'Profile', 'Circles', 'Feed', 'Settings', 'Privacy']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('Settings · Quanzi');
});

test('the service worker takes control, and the shell loads offline', async ({ page, context }) => {
  await controlledByServiceWorker(page);
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  // The share target is answered by the service worker, not by a missing server route.
  const landed = await page.evaluate(async () => {
    const form = new FormData();
    form.append('statement', new File(['a,b\n1,2\n'], 'shared.csv', { type: 'text/csv' }));
    const response = await fetch('/share-target', { method: 'POST', body: form, redirect: 'manual' });
    return { type: response.type, cached: await caches.has('quanzi-share-target') };
  });
  expect(landed).toEqual({ type: 'opaqueredirect', cached: true });
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
});

test('the language follows the browser, and the switch in Settings changes visible text and persists', async ({ page }) => {
  await page.goto('/#/settings');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByLabel('简体中文').check();
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '导入' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
  await page.getByLabel('English').check();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('dark mode can be forced and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/#/settings');
  await page.getByLabel('Dark', { exact: true }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Dark', { exact: true })).toBeChecked();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(28, 25, 23)');
});

test('a file that is not a Quanzi backup is refused with a clear message', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByLabel('Restore from a backup file').setInputFiles({
    name: 'holiday-photos.json', mimeType: 'application/json', buffer: Buffer.from('{"photos":[1,2]}'),
  });
  await expect(page.getByText('“holiday-photos.json” is not a Quanzi backup.')).toBeVisible();
});

test('export then restore brings the settings back', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByLabel('Dark', { exact: true }).check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export everything' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^quanzi-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = readFileSync(await download.path());
  expect(JSON.parse(backup.toString()).format).toBe('quanzi-backup');
  // The button is disabled while the backup is built; focus comes back to it rather than falling to the page.
  await expect(page.getByRole('button', { name: 'Export everything' })).toBeFocused();
  await page.getByLabel('Light', { exact: true }).check();
  // One Restore control for assistive tech: the button; the file input behind it is hidden from the accessibility tree.
  await expect(page.getByRole('button', { name: 'Restore from a backup file' })).toHaveCount(1);
  await page.getByLabel('Restore from a backup file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
  const dialog = page.getByRole('dialog', { name: 'Replace all data?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace with backup' }).click();
  await expect(page.getByText(/Backup restored: [\d,]+ records/)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});


test('a newer Quanzi upgrading the database in another window asks this one to reload, and so does a start with older code', async ({ page }) => {
  await page.goto('/#/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  const prompt = page.getByRole('status').filter({ hasText: 'A newer version of Quanzi has opened your data on this device' });
  await expect(prompt).toHaveCount(0);
  // What a newer build does when it opens the database: a higher version, whose upgrade must not be blocked here.
  const upgraded = await page.evaluate(() => new Promise<number>((resolve, reject) => {
    const request = indexedDB.open('quanzi', 990);
    request.onsuccess = () => {
      const version = request.result.version;
      request.result.close();
      resolve(version);
    };
    request.onerror = () => reject(request.error);
  }));
  expect(upgraded).toBe(990);
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(prompt.getByRole('button', { name: 'Later' })).toHaveCount(0);
  // Started again on this (older) code, which opens the newer database: the same prompt.
  await page.reload();
  await expect(prompt).toBeVisible();
});

test('a waiting service worker shows the update prompt; the reload happens only on click', async ({ page }) => {
  await controlledByServiceWorker(page);
  const firstScript = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.active!.scriptURL);
  const swPath = join(outDir, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  try {
    // A new deploy: the worker script changes on the server while the page is open.
    writeFileSync(swPath, `${original}\n// next version ${Date.now()}\n`);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null)).toBe('installed');
    const prompt = page.getByRole('status').filter({ hasText: 'A new version is ready.' });
    await expect(prompt).toBeVisible();
    // Nothing reloads by itself: a mark left on the page survives while the worker waits.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
    await expect(page.getByText('A new version is ready.')).toBeHidden();
    const state = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: registration.waiting, controller: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(state).toEqual({ waiting: null, controller: firstScript });
  } finally {
    writeFileSync(swPath, original);
  }
});

test('a window left open while another one installs an update is asked to reload too', async ({ page, context }) => {
  await controlledByServiceWorker(page);
  const other = await context.newPage();
  await other.goto('/#/import');
  await expect.poll(() => other.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(/\/sw\.js$/);
  const swPath = join(outDir, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  try {
    writeFileSync(swPath, `${original}\n// next version ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const ready = page.getByRole('status').filter({ hasText: 'A new version is ready.' });
    await expect(ready).toBeVisible();
    await Promise.all([page.waitForEvent('load'), ready.getByRole('button', { name: 'Reload' }).click()]);
    // The other window's version is gone from the server and the cache: code it loads on first use would fail.
    const replaced = other.getByRole('status').filter({ hasText: 'Quanzi was updated in another window.' });
    await expect(replaced).toBeVisible();
    await expect(replaced.getByRole('button', { name: 'Later' })).toHaveCount(0);
    await Promise.all([other.waitForEvent('load'), replaced.getByRole('button', { name: 'Reload' }).click()]);
    await expect(other.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
    await expect(other.getByText('Quanzi was updated in another window.')).toHaveCount(0);
  } finally {
    writeFileSync(swPath, original);
    await other.close();
  }
});

test.describe('the statement reader cannot be loaded', () => {
  // So that the route sees the worker's request for the reader (a service worker would answer it from its cache).
  test.use({ serviceWorkers: 'block' });
  test('an import says the window must reload, and the update prompt offers it', async ({ page, context }) => {
    // What the server answers for a file of an older version it no longer has.
    await context.route('**/assets/import-*.js', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: 'gone' }));
    await page.goto('/#/import');
    await page.getByLabel('Choose statement files').setInputFiles([join('tests/fixtures', 'alipay-2024-sample.csv')]);
    await expect(page.getByText('alipay-2024-sample.csv: Quanzi was updated in another window, and this window can no longer load its statement reader. Reload this window, then import the file again. Nothing was stored.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Quanzi was updated in another window.' }).getByRole('button', { name: 'Reload' })).toBeVisible();
  });
});

test('a browser that refuses to store anything is told why the app cannot work there', async ({ page }) => {
  // As a browser set to block site data answers: IndexedDB refuses to open.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
    };
  });
  await page.goto('/#/circles');
  await expect(page.getByRole('alert').filter({ hasText: 'This browser does not let Quanzi store anything on this device' })).toBeVisible();
});

test('persistent storage is requested with a reason, and the answer is shown', async ({ page }) => {
  await page.goto('/#/settings');
  const section = page.getByRole('region', { name: 'Keep data on this device' });
  await expect(section.getByText(/asking for persistent storage keeps your imported statements/)).toBeVisible();
  const ask = section.getByRole('button', { name: 'Ask the browser to keep my data' });
  const granted = section.getByText('Persistent storage is on');
  await expect(ask.or(granted)).toBeVisible();
  if (await ask.isVisible()) {
    await ask.click();
    await expect(granted.or(section.getByText('The browser said no for now.'))).toBeVisible();
  }
});

test.describe('in a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('the shell starts in Chinese', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const name of ['导入', '账单', '画像', '圈子', '动态', '设置', '隐私']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
  });
});

test.describe('on a 320 px phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('the tab bar fits and nothing scrolls sideways', async ({ page }) => {
    for (const screen of ['circles', 'settings', 'privacy']) {
      await page.goto(`/#/${screen}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), screen).toBeLessThanOrEqual(320);
    }
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Import', 'Transactions', 'Profile', 'Circles', 'Feed', 'Settings']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    await expect(page.getByRole('banner').getByRole('link', { name: 'Privacy' })).toBeVisible();
  });
});

// On a wide screen the navigation is a sidebar that stays under the header while a long screen scrolls.
test('the desktop sidebar stays in view under the header when a long screen scrolls', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/#/privacy');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.mouse.wheel(0, 5000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  const header = (await page.getByRole('banner').boundingBox())!;
  const circles = (await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Circles' }).boundingBox())!;
  expect(circles.y).toBeGreaterThanOrEqual(header.y + header.height);
  expect(circles.y + circles.height).toBeLessThanOrEqual(800);
});

// The promise names exactly the topics the Profile keeps out (the taxonomy's sensitive ones), in each language.
test('the privacy page lists every sensitive topic the profile keeps out', async ({ page }) => {
  await page.goto('/#/privacy');
  await expect(page.getByRole('listitem').filter({ hasText: 'Sensitive kinds of spending' }))
    .toHaveText('Sensitive kinds of spending (Medical, Pharmacy, Health insurance claims, Debt & loans, Gambling, Religion, Politics, Adult) are left out of the profile unless you turn them on, one by one.');
});
