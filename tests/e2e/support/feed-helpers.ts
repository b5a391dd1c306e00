import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'correct-horse-1';

export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Signs up through the Account panel of the Feed screen (UI in English). */
export async function signUpInUi(page: Page, name: string): Promise<void> {
  await page.goto('/#/feed');
  await page.getByLabel('Pseudonym').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
}

/** Signs in through the Account panel of the Feed screen (an existing account: a demo one, or another device's). */
export async function signInInUi(page: Page, name: string, password = PASSWORD): Promise<void> {
  await page.goto('/#/feed');
  await page.getByLabel('Pseudonym').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
}

export interface CatalogEntry {
  _id: string;
  policy?: string;
}

export async function openCircles(request: APIRequestContext): Promise<CatalogEntry[]> {
  const response = await request.get('/hub/catalog/_all_docs?include_docs=true');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { rows: { doc: CatalogEntry }[] };
  return body.rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_design/') && d.policy === 'open');
}

/** Joins from the circle page's own "Join this circle" button (deep link to a circle one is not in yet). */
export async function joinFromCirclePage(page: Page, circleId: string): Promise<void> {
  await page.goto(`/#/feed/${encodeURIComponent(circleId)}`);
  await page.getByRole('button', { name: 'Join this circle' }).click();
  await expect(page.getByLabel('Write a post')).toBeVisible();
}

/** A new account, signed up in the UI, that joins the `nth` open circle of the catalog; returns that circle's id. */
export async function signUpAndJoin(page: Page, name: string, nth = 0): Promise<string> {
  await signUpInUi(page, name);
  const circleId = (await openCircles(page.request))[nth]!._id;
  await joinFromCirclePage(page, circleId);
  return circleId;
}

/** Every doc of a circle as the hub holds it, read with the cookie of `request`'s context. */
export async function hubDocs(request: APIRequestContext, circleId: string): Promise<{ _id: string; type: string; text?: string; author?: string }[]> {
  const response = await request.get(`/hub/circle_${encodeURIComponent(circleId)}/_all_docs?include_docs=true`);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { rows: { doc: { _id: string; type: string; text?: string } }[] };
  return body.rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_design/'));
}

/** The service worker is installed and active (it may not control this page yet: shell-helpers has that). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

/** True once the embedded hub is mounted at /hub (src/hub/vite-plugin.ts); the sync e2e tests need it. */
export async function hubMounted(request: APIRequestContext): Promise<boolean> {
  const response = await request.get('/hub/');
  if (!response.ok()) return false;
  try {
    const welcome = (await response.json()) as object;
    return 'couchdb' in welcome || 'express-pouchdb' in welcome;
  } catch {
    return false;
  }
}
