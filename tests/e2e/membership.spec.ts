// The member's side of an approval circle (two browser contexts on the embedded hub): withdrawing a waiting request,
// a refusal read as a notice with the operator's reason, asking again, removing the circle; and keyboard focus on the
// Circles screen's "Not interested" and its Undo.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { hubMounted } from './support/feed-helpers';
import { deny, expectNotWaiting, expectWaiting, openJoinRequests, person, startCircle } from './support/approval-circle';

test.use({ locale: 'en-US' });

test.describe('join requests', () => {
  test.setTimeout(180_000);
  test.beforeEach(async ({ request }) => {
    test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
  });

  test('a waiting request is withdrawn from the circle page and from the Circles card; the operator’s queue lets it go', async ({ browser }) => {
    const op = await person(browser, 'op');
    const circleId = await startCircle(op.page, 'approval');
    const requests = await openJoinRequests(op.page);
    const member = await person(browser, 'wd');
    const page = member.page;

    await page.goto(`/#/feed/${circleId}`);
    await page.getByRole('button', { name: 'Ask to join this circle' }).click();
    await expect(page.getByText('Request sent, waiting for the operator')).toBeFocused();
    await expectWaiting(requests, member.name);

    // Offline, withdrawing says it needs the hub and changes nothing.
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Withdraw request' }).press('Enter');
    const offline = page.getByRole('alert').filter({ hasText: 'Withdrawing a request needs the circle hub' });
    await expect(offline).toHaveText(/^You are offline\./);
    await expect(offline).toBeFocused();
    await expect(page.getByText('Request sent, waiting for the operator')).toBeVisible();
    await page.context().setOffline(false);
    await expectWaiting(requests, member.name);

    await page.getByRole('button', { name: 'Withdraw request' }).press('Enter');
    await expect(page.getByText('Request withdrawn. You can ask again at any time.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ask to join this circle' })).toBeFocused();
    await expectNotWaiting(requests, member.name);
    await page.goto('/#/feed');
    await expect(page.getByRole('region', { name: 'My circles' }).getByRole('link', { name: `Circle ${circleId}` })).toHaveCount(0);

    // The same from the card on the Circles screen.
    await page.goto('/#/circles');
    await page.getByLabel('Search circles').fill(circleId);
    const card = page.getByRole('article', { name: `Circle ${circleId}` });
    await card.getByRole('button', { name: `Ask to join Circle ${circleId}` }).click();
    await expect(card.getByText('Request sent')).toBeFocused();
    await expectWaiting(requests, member.name);
    await card.getByRole('button', { name: `Withdraw request to join Circle ${circleId}` }).press('Enter');
    await expect(card.getByRole('button', { name: `Ask to join Circle ${circleId}` })).toBeFocused();
    await expect(card.getByRole('status')).toHaveText('Request withdrawn. You can ask again at any time.');
    await expectNotWaiting(requests, member.name);
    await Promise.all([op.close(), member.close()]);
  });

  test('declined: the notice and the reason, Ask again reaches the operator as waiting, Remove clears it from My circles', async ({ browser }) => {
    const op = await person(browser, 'op');
    const circleId = await startCircle(op.page, 'approval');
    const requests = await openJoinRequests(op.page);
    const member = await person(browser, 'dn');
    const page = member.page;
    await page.goto(`/#/feed/${circleId}`);
    await page.getByRole('button', { name: 'Ask to join this circle' }).click();
    await expectWaiting(requests, member.name);
    await deny(op.page, requests, member.name, 'Members of the venue only');

    // The member's app notices the refusal on its own: a notice on the Feed screen, leading to the circle.
    await page.goto('/#/feed');
    const notice = page.getByRole('region', { name: /Notifications/ }).getByRole('link', { name: `Your request to join Circle ${circleId} was declined: Members of the venue only` });
    await expect(notice).toBeVisible({ timeout: 45_000 });
    await notice.click();
    await expect(page).toHaveURL(new RegExp(`#/feed/${circleId}$`));
    await expect(page.getByText('The operator declined your request: Members of the venue only')).toBeVisible();

    await page.getByRole('button', { name: 'Ask again' }).press('Enter');
    await expect(page.getByText('Request sent, waiting for the operator')).toBeFocused();
    await expectWaiting(requests, member.name);
    // A new request: the reason field starts empty, not with what the person was told last time.
    await expect(requests.getByLabel(`Reason for ${member.name}, optional (shown to them)`)).toHaveValue('');
    await deny(op.page, requests, member.name, 'Still the venue only');
    await expect(page.getByText('The operator declined your request: Still the venue only')).toBeVisible({ timeout: 45_000 });

    // Removed from My circles: gone from the list, and focus on the line that says so.
    await page.goto('/#/feed');
    const mine = page.getByRole('region', { name: 'My circles' });
    await expect(mine.getByText('The operator declined your request: Still the venue only')).toBeVisible();
    await mine.getByRole('button', { name: `Remove Circle ${circleId} from my circles` }).press('Enter');
    await expect(mine.getByRole('status')).toHaveText(`Circle ${circleId} was removed from your circles.`);
    await expect(mine.getByRole('status')).toBeFocused();
    await expect(mine.getByRole('link', { name: `Circle ${circleId}` })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('region', { name: 'My circles' }).getByText('You have not joined any circle yet.')).toBeVisible();
    await Promise.all([op.close(), member.close()]);
  });
});

test('Not interested hands focus to Undo, and Undo to the card that came back', async ({ page }) => {
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles(join('tests/fixtures', 'alipay-2024-sample.csv'));
  await expect(page.getByRole('status').filter({ hasText: /^alipay-2024-sample\.csv: \d+ new/ })).toBeVisible({ timeout: 20_000 });
  await page.goto('/#/circles');
  const first = page.getByRole('article').filter({ hasText: 'Why this circle' }).first();
  await expect(first).toBeVisible({ timeout: 20_000 });
  const title = await first.getByRole('heading').innerText();

  await first.getByRole('button', { name: `Not interested in ${title}` }).press('Enter');
  const undo = page.getByRole('button', { name: `Undo: suggest ${title} again` });
  await expect(undo).toBeFocused();
  await expect(page.getByText(`${title} will not be suggested again.`)).toBeVisible();

  await undo.press('Enter');
  await expect(undo).toHaveCount(0);
  // The suggestions come first on the screen, then the whole catalog, where the circle is listed too.
  const back = page.getByRole('article').filter({ hasText: 'Why this circle' }).getByRole('heading', { name: title, exact: true });
  await expect(back).toBeFocused();
});
