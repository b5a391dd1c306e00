// Merchant operators run their circles (issue 6): two browser contexts, an operator and members, on the
// embedded hub. Every circle here is created fresh through the app's "Start a circle" form.
import { expect, test } from '@playwright/test';
import { hubMounted, joinFromCirclePage } from './support/feed-helpers';
import { openOperatorView, openTool, person, startCircle } from './support/operator-helpers';

test.use({ locale: 'en-US' });
test.setTimeout(120_000);

test.beforeEach(async ({ request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
});

test('approval: the member requests, the operator approves, the member syncs; pin and removal reach the member', async ({ browser }) => {
  const op = await person(browser, 'op');
  const circleId = await startCircle(op.page, 'approval');
  const member = await person(browser, 'mem');
  await member.page.goto(`/#/feed/${circleId}`);
  await expect(member.page.getByText('A test circle')).toBeVisible();
  await member.page.getByRole('button', { name: 'Ask to join this circle' }).click();
  await expect(member.page.getByText('Request sent, waiting for the operator')).toBeVisible();

  await openOperatorView(op.page);
  const requests = op.page.getByRole('region', { name: 'Join requests' });
  await expect(async () => {
    await requests.getByRole('button', { name: 'Refresh requests' }).click();
    await expect(requests.getByRole('button', { name: `Approve ${member.name}` })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await requests.getByRole('button', { name: `Approve ${member.name}` }).press('Enter');
  await expect(requests.getByText('No requests waiting.')).toBeVisible();
  // The button went with the request: focus goes to the outcome, not to the page.
  await expect(op.page.locator(':focus')).toHaveText(`Approved ${member.name}: they are a member now.`);

  // The member's app notices the approval on its own and starts syncing.
  await expect(member.page.getByLabel('Write a post')).toBeVisible({ timeout: 40_000 });
  await member.page.getByLabel('Write a post').fill('Buy cheap watches at example dot com');
  await member.page.getByRole('button', { name: 'Post', exact: true }).click();
  const written = member.page.locator('article[data-doc-id^="post:"]').filter({ hasText: 'cheap watches' });
  await expect(written.getByText('Waiting to send')).toHaveCount(0, { timeout: 20_000 });
  // Found by id from here on: once removed, the text is gone.
  const postId = await written.getAttribute('data-doc-id');
  const memberPost = member.page.locator(`article[data-doc-id="${postId}"]`);

  // The operator pins an announcement and removes the post with a reason.
  await op.page.getByLabel('Announcement text').fill('Welcome! No advertising please.');
  await op.page.getByRole('button', { name: 'Pin announcement' }).press('Enter');
  await expect(op.page.locator(':focus')).toHaveText('Pinned: members see the announcement at the top of the circle.');
  const opPost = op.page.locator(`article[data-doc-id="${postId}"]`);
  await expect(opPost).toBeVisible({ timeout: 30_000 });
  // The reason field opens on demand, focused, and Escape closes it again without removing anything.
  await opPost.getByRole('button', { name: 'Remove…' }).click();
  await expect(opPost.getByLabel('Reason for removing')).toBeFocused();
  await op.page.keyboard.press('Escape');
  await expect(opPost.getByLabel('Reason for removing')).toHaveCount(0);
  await expect(opPost.getByRole('button', { name: 'Remove…' })).toBeFocused();
  await opPost.getByRole('button', { name: 'Remove…' }).click();
  await opPost.getByLabel('Reason for removing').fill('advertising');
  await opPost.getByRole('button', { name: 'Remove with reason' }).click();
  await expect(opPost.getByText('Removed by the operator: advertising')).toBeVisible();

  await expect(member.page.getByRole('complementary', { name: /Pinned announcement/ })).toContainText('Welcome! No advertising please.', { timeout: 30_000 });
  await expect(memberPost.getByText('Removed by the operator: advertising')).toBeVisible({ timeout: 30_000 });
  await expect(memberPost.getByText('cheap watches')).toHaveCount(0);
  await expect(member.page.getByText('Operator view')).toHaveCount(0);

  // The approval is also an in-app notification on the Feed screen.
  await member.page.goto('/#/feed');
  await expect(member.page.getByRole('region', { name: /Notifications/ })).toContainText(`Your request to join Circle ${circleId} was approved.`);
  await Promise.all([op.close(), member.close()]);
});

test('a denied person reads the operator’s reason', async ({ browser }) => {
  const op = await person(browser, 'op');
  const circleId = await startCircle(op.page, 'approval');
  const member = await person(browser, 'den');
  // The operator's screen is open before the request comes: it shows up by itself (no Refresh, no 15 s poll).
  await openOperatorView(op.page);
  const requests = op.page.getByRole('region', { name: 'Join requests' });
  await expect(requests.getByText('No requests waiting.')).toBeVisible();
  await member.page.goto(`/#/feed/${circleId}`);
  await member.page.getByRole('button', { name: 'Ask to join this circle' }).click();
  await expect(requests.getByLabel(`Reason for ${member.name}, optional (shown to them)`)).toBeVisible({ timeout: 8_000 });
  await requests.getByLabel(`Reason for ${member.name}, optional (shown to them)`).fill('Members of the venue only');
  await requests.getByRole('button', { name: `Deny ${member.name}` }).click();
  await op.page.getByRole('dialog', { name: `Deny ${member.name}?` }).getByRole('button', { name: 'Deny request' }).click();
  await expect(member.page.getByText('The operator declined your request: Members of the venue only')).toBeVisible({ timeout: 40_000 });
  await Promise.all([op.close(), member.close()]);
});

test('RSVP offline reaches the operator once online; two members join a group-buy at once and both count', async ({ browser }) => {
  const op = await person(browser, 'op');
  const circleId = await startCircle(op.page, 'open');
  await openOperatorView(op.page);
  // Folded until opened: the creation forms are not on the page as fields yet.
  await expect(op.page.getByLabel('Event title')).toBeHidden();
  await openTool(op.page, 'New event');
  await openTool(op.page, 'New group-buy');
  await op.page.getByLabel('Event title').fill('Latte art evening');
  await op.page.getByLabel('Place (optional)').fill('Shanghai, Wukang Rd');
  await op.page.getByLabel('Capacity (optional)').fill('1');
  await op.page.getByRole('button', { name: 'Create event' }).click();
  await op.page.getByLabel('Product', { exact: true }).fill('Single-origin beans 1kg');
  await op.page.getByLabel('Price', { exact: true }).fill('128.00');
  await op.page.getByLabel('Group price').fill('99.00');
  await op.page.getByLabel('Participants needed').fill('2');
  await op.page.getByRole('button', { name: 'Create group-buy' }).click();
  const opEvent = op.page.getByRole('article', { name: /Latte art evening/ });
  const opOffer = op.page.getByRole('article', { name: /Single-origin beans/ });
  await expect(opEvent.getByText('Waiting to send')).toHaveCount(0);
  await expect(opEvent).toContainText('0 going');
  await expect(opOffer).toContainText('¥128.00');
  await expect(opOffer).toContainText('0 of 2 joined');
  // The operator selling it is not offered to join their own group-buy.
  await expect(opOffer.getByRole('button', { name: 'Join group-buy' })).toHaveCount(0);

  const a = await person(browser, 'ma');
  const b = await person(browser, 'mb');
  for (const m of [a, b]) {
    await m.page.goto(`/#/feed/${circleId}`);
    await m.page.getByRole('button', { name: 'Join this circle' }).click();
    await expect(m.page.getByRole('article', { name: /Latte art evening/ })).toBeVisible({ timeout: 30_000 });
  }

  // Member A answers offline: shown at once, waiting; delivered when back online.
  const aEvent = a.page.getByRole('article', { name: /Latte art evening/ });
  await a.page.context().setOffline(true);
  await aEvent.getByRole('button', { name: 'Going' }).click();
  await expect(aEvent.getByRole('button', { name: 'Going' })).toHaveAttribute('aria-pressed', 'true');
  await expect(aEvent.getByText('Waiting to send')).toBeVisible();
  await expect(aEvent).toContainText('1 going');
  // Meanwhile member B, online, sees the one place free and takes it too.
  const bEvent = b.page.getByRole('article', { name: /Latte art evening/ });
  await bEvent.getByRole('button', { name: 'Going' }).click();
  await expect(bEvent).toContainText(/1 going · 0 maybe · 0 can’t go\s*· Full/);
  await a.page.context().setOffline(false);
  await expect(aEvent.getByText('Waiting to send')).toHaveCount(0, { timeout: 30_000 });
  // A answered first: A holds the place and B waits for one, on every device alike (no overbooking).
  await expect(opEvent).toContainText(/1 going · 0 maybe · 0 can’t go\s*· Full\s*· 1 waiting for a place/, { timeout: 30_000 });
  // The operator running it sees who: RSVPs are readable by every member anyway (the Privacy page says so).
  await expect(opEvent.getByText(`Going: ${a.name}`)).toBeVisible();
  await expect(opEvent.getByText(`Waiting list, in order: ${b.name}`)).toBeVisible();
  await expect(bEvent.getByText('You are number 1 on the waiting list: the event filled up before your answer.')).toBeVisible({ timeout: 30_000 });
  await expect(aEvent.getByText(/waiting list:/)).toHaveCount(0);
  // B's pressed answer says it waits; a second tap on an answer already given changes nothing (no place given away).
  await expect(bEvent.getByRole('button', { name: 'Going (waiting list)' })).toHaveAttribute('aria-pressed', 'true');
  await aEvent.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(aEvent.getByText('Waiting to send')).toHaveCount(0);
  await expect(opEvent.getByText(`Going: ${a.name}`)).toBeVisible();
  // A place frees up: the first on the waiting list moves up.
  await aEvent.getByRole('button', { name: 'Can’t go' }).click();
  await expect(opEvent.getByText(`Going: ${b.name}`)).toBeVisible({ timeout: 30_000 });
  await expect(bEvent.getByText(/waiting list:/)).toHaveCount(0, { timeout: 30_000 });
  // Full again for A, whose "going" would now wait.
  await expect(aEvent.getByRole('button', { name: 'Going (waiting list)' })).toBeVisible();

  // Both join the group-buy at the same moment.
  await Promise.all([a, b].map((m) => m.page.getByRole('article', { name: /Single-origin beans/ }).getByRole('button', { name: 'Join group-buy' }).click()));
  await expect(opOffer).toContainText('2 of 2 joined', { timeout: 30_000 });
  await expect(opOffer.getByText('Enough people joined')).toBeVisible();
  for (const m of [a, b]) await expect(m.page.getByRole('article', { name: /Single-origin beans/ })).toContainText('2 of 2 joined', { timeout: 30_000 });
  // The button only changes its words: the join is also said.
  await expect(a.page.getByRole('article', { name: /Single-origin beans/ }).getByRole('status').filter({ hasText: 'You are in.' })).toBeVisible();
  await expect(opOffer.getByText(`In: ${[a.name, b.name].sort().join(', ')}`)).toBeVisible();

  // A price typo: the operator takes the group-buy down with a reason; members read it and can no longer join.
  await opOffer.getByRole('button', { name: 'Remove…' }).click();
  await opOffer.getByLabel('Reason for removing').fill('Wrong price, a new one follows');
  await opOffer.getByRole('button', { name: 'Remove with reason' }).click();
  const aOffer = a.page.getByRole('article', { name: /Single-origin beans/ });
  await expect(aOffer.getByText('Removed by the operator: Wrong price, a new one follows')).toBeVisible({ timeout: 30_000 });
  await expect(aOffer.getByRole('button', { name: /group-buy/ })).toHaveCount(0);
  // Restored: the group-buy is back as it was.
  await opOffer.getByRole('button', { name: 'Restore' }).click();
  await expect(aOffer.getByText(/^Removed by the operator/)).toHaveCount(0, { timeout: 30_000 });
  await expect(aOffer.getByRole('button', { name: 'Leave group-buy' })).toBeVisible();
  await Promise.all([op.close(), a.close(), b.close()]);
});

test('a poll is voted and closed; a linked-circle share is read by a non-member of the source circle', async ({ browser }) => {
  const op = await person(browser, 'op');
  const target = await startCircle(op.page, 'open');
  const source = await startCircle(op.page, 'open');
  await openOperatorView(op.page);
  await openTool(op.page, 'New poll');
  await openTool(op.page, 'Linked circles');
  await op.page.getByLabel('Question', { exact: true }).fill('Which flavour should we make next?');
  await op.page.getByLabel('Options, one per line').fill('Osmanthus\nYuzu\nBlack sesame');
  await op.page.getByRole('button', { name: 'Create poll' }).click();
  await op.page.getByLabel('Circle id to link').fill(target);
  await op.page.getByRole('button', { name: 'Link circle' }).click();
  await expect(op.page.getByRole('region', { name: 'Linked circles' }).getByRole('link', { name: `Circle ${target}` })).toBeVisible();

  const author = await person(browser, 'au');
  await author.page.goto(`/#/feed/${source}`);
  await author.page.getByRole('button', { name: 'Join this circle' }).click();
  const poll = author.page.getByRole('article', { name: /Which flavour/ });
  await expect(poll).toBeVisible({ timeout: 30_000 });
  await expect(poll.getByText('Results show once you vote or the poll closes.')).toBeVisible();
  await poll.getByLabel('Yuzu').check();
  await poll.getByRole('button', { name: 'Vote' }).click();
  await expect(poll.getByText('You voted for Yuzu.')).toBeVisible();
  await expect(poll.getByRole('list')).toContainText('Yuzu: 1 (100%)');
  // Opened again, the form shows the vote cast, and asks for a change before it sends another.
  await author.page.reload();
  await expect(poll.getByLabel('Yuzu')).toBeChecked({ timeout: 20_000 });
  await expect(poll.getByRole('button', { name: 'Change vote' })).toBeDisabled();
  await author.page.getByLabel('Write a post').fill('Our new store opens on Friday!');
  await author.page.getByRole('button', { name: 'Post', exact: true }).click();

  // The operator closes the poll and shares the member's post into the linked circle.
  const opPoll = op.page.getByRole('article', { name: /Which flavour/ });
  await expect(opPoll).toContainText('1 voter', { timeout: 30_000 });
  await opPoll.getByRole('button', { name: 'Close poll' }).click();
  // It asks first: a closed poll cannot be opened again.
  const closing = op.page.getByRole('dialog', { name: /^Close “/ });
  await expect(closing).toContainText('the poll cannot be opened again');
  await closing.getByRole('button', { name: 'Close poll' }).click();
  await expect(opPoll).toContainText('Closed');
  await expect(opPoll.getByText(/^Closed/)).toBeFocused();
  await expect(poll).toContainText('Closed', { timeout: 30_000 });
  const opPost = op.page.locator('article[data-doc-id^="post:"]').filter({ hasText: 'Our new store opens on Friday!' });
  await expect(opPost).toBeVisible({ timeout: 30_000 });
  await opPost.getByRole('button', { name: 'Share' }).click();
  await expect(opPost.getByText(`Shared to Circle ${target}.`)).toBeVisible();
  await opPost.getByRole('button', { name: 'Share' }).click(); // twice: still one share

  const reader = await person(browser, 'rd');
  await reader.page.goto(`/#/feed/${target}`);
  await reader.page.getByRole('button', { name: 'Join this circle' }).click();
  const shares = reader.page.getByRole('region', { name: 'Shared from linked circles' }).getByRole('article');
  await expect(shares).toHaveCount(1, { timeout: 30_000 });
  await expect(shares.first()).toContainText(`Shared from Circle ${source} · posted by ${author.name}`);
  await expect(shares.first()).toContainText('Our new store opens on Friday!');
  await reader.page.goto('/#/feed');
  await expect(reader.page.getByRole('region', { name: 'My circles' }).getByRole('link')).toHaveCount(1);
  await Promise.all([op.close(), author.close(), reader.close()]);
});

test('the operator sets audience criteria and statement names with the form; an incomplete condition or a bad name is refused with its reason', async ({ browser }) => {
  const op = await person(browser, 'op');
  await startCircle(op.page, 'open');
  await openOperatorView(op.page);
  await openTool(op.page, 'Description and audience');
  const section = op.page.getByRole('region', { name: 'Description and audience' });
  await expect(section.getByText('No criteria: the circle can be suggested to anyone whose interests match.')).toBeVisible();

  await section.getByRole('button', { name: 'Add a condition' }).click();
  const first = section.getByRole('group', { name: 'Condition 1' });
  await first.getByLabel('Based on').selectOption('merchant');
  await section.getByRole('button', { name: 'Save description' }).click();
  await expect(section.getByRole('alert')).toHaveText('Condition 1: name at least one merchant.');

  await first.getByLabel('Merchant names (separated by commas)').fill('Manner, 瑞幸');
  await first.getByLabel('At least this many purchases').fill('2');
  await section.getByRole('button', { name: 'Add a condition' }).click();
  const second = section.getByRole('group', { name: 'Condition 2' });
  await second.getByLabel('Interest').selectOption({ label: 'Coffee' });
  await second.getByLabel('Within the last … days (empty: any time)').fill('90');
  await section.getByLabel('Suggest to people who meet').selectOption('any');
  const names = section.getByLabel('Names on statements (separated by commas)');
  await names.fill('Manner, M');
  await section.getByRole('button', { name: 'Save description' }).click();
  await expect(section.getByRole('alert')).toHaveText('Names on statements: “M” must have 2 to 60 characters.');
  await names.fill('Manner，曼纳咖啡');
  await section.getByRole('button', { name: 'Save description' }).click();
  await expect(section.getByRole('status')).toHaveText('Done.');

  // The stored criteria fill the form again after a reload.
  await op.page.reload();
  await openOperatorView(op.page);
  await openTool(op.page, 'Description and audience');
  const again = op.page.getByRole('region', { name: 'Description and audience' });
  await expect(again.getByLabel('Suggest to people who meet')).toHaveValue('any');
  await expect(again.getByRole('group', { name: 'Condition 1' }).getByLabel('Merchant names (separated by commas)')).toHaveValue('Manner, 瑞幸');
  await expect(again.getByRole('group', { name: 'Condition 2' }).getByLabel('Interest')).toHaveValue('coffee');
  await expect(again.getByRole('group', { name: 'Condition 2' }).getByLabel('Within the last … days (empty: any time)')).toHaveValue('90');
  await expect(again.getByLabel('Names on statements (separated by commas)')).toHaveValue('Manner, 曼纳咖啡');
  await op.close();
});

test('an event ending before it starts and a poll closing in the past are refused at the field; a same-day event names its day once', async ({ browser }) => {
  const op = await person(browser, 'op');
  await startCircle(op.page, 'open');
  await openOperatorView(op.page);
  await openTool(op.page, 'New event');
  await openTool(op.page, 'New poll');
  const eventForm = op.page.getByRole('region', { name: 'New event' });
  await eventForm.getByLabel('Event title').fill('Cupping night');
  // A start that has passed: members could no longer answer.
  const starts = eventForm.getByLabel('Starts');
  await starts.fill('2020-12-12T19:00');
  await eventForm.getByRole('button', { name: 'Create event' }).click();
  // The problem, then the time in the app's words (the picker writes it the browser's way).
  await expect(starts).toHaveAccessibleDescription(/^This start has already passed: members could no longer answer\. Choose a time in the future\. That is Saturday, December 12, 2020 at 7:00\sPM\.$/);
  await expect(starts).toBeFocused();
  await starts.fill('2030-12-12T19:00');
  await expect(starts).not.toHaveAttribute('aria-invalid', 'true');
  await expect(eventForm.getByText(/^That is Thursday, December 12, 2030 at 7:00\sPM\.$/)).toBeVisible();
  const ends = eventForm.getByLabel('Ends (optional)');
  await ends.fill('2030-12-12T17:00');
  await eventForm.getByRole('button', { name: 'Create event' }).click();
  await expect(ends).toHaveAttribute('aria-invalid', 'true');
  await expect(ends).toHaveAccessibleDescription(/^The end must be after the start\. That is Thursday, December 12, 2030 at 5:00\sPM\.$/);
  await expect(ends).toBeFocused();
  await expect(eventForm.getByText('The end must be after the start.')).toBeVisible();
  await expect(op.page.getByRole('article', { name: /Cupping night/ })).toHaveCount(0);
  await ends.fill('2030-12-12T21:00');
  await expect(ends).not.toHaveAttribute('aria-invalid', 'true');
  // A capacity typo and a script link are refused at their fields, in the app's words rather than the browser's.
  const capacity = eventForm.getByLabel('Capacity (optional)');
  await capacity.fill('99999999999999999');
  await eventForm.getByRole('button', { name: 'Create event' }).click();
  await expect(capacity).toHaveAccessibleDescription('Enter a whole number from 1 to 100,000.');
  await expect(capacity).toBeFocused();
  await capacity.fill('12');
  const link = eventForm.getByLabel('Online link (optional)');
  await link.fill('javascript:alert(1)');
  await eventForm.getByRole('button', { name: 'Create event' }).click();
  await expect(link).toHaveAccessibleDescription('A link must start with http:// or https://.');
  await link.fill('');
  await eventForm.getByRole('button', { name: 'Create event' }).click();
  const event = op.page.getByRole('article', { name: /Cupping night/ });
  await expect(event.getByText(/^When: Dec 12, 2030, 7:00\s–\s9:00\sPM$/)).toBeVisible();

  const pollForm = op.page.getByRole('region', { name: 'New poll' });
  await pollForm.getByLabel('Question', { exact: true }).fill('Which roast next?');
  const pollOptions = pollForm.getByLabel('Options, one per line');
  await pollOptions.fill('Light');
  await pollForm.getByRole('button', { name: 'Create poll' }).click();
  await expect(pollOptions).toHaveAttribute('aria-invalid', 'true');
  await expect(pollOptions).toHaveAccessibleDescription('A poll needs at least two options.');
  await expect(pollOptions).toBeFocused();
  await pollOptions.fill('Light\nDark');
  await expect(pollOptions).not.toHaveAttribute('aria-invalid', 'true');
  const closes = pollForm.getByLabel('Closes');
  await closes.fill('2020-01-01T10:00');
  await pollForm.getByRole('button', { name: 'Create poll' }).click();
  await expect(closes).toHaveAttribute('aria-invalid', 'true');
  await expect(closes).toHaveAccessibleDescription(/^This time has already passed/);
  await expect(closes).toBeFocused();
  await expect(op.page.getByRole('article', { name: /Which roast next/ })).toHaveCount(0);

  // A group-buy's prices: each problem said at its field.
  await openTool(op.page, 'New group-buy');
  const offerForm = op.page.getByRole('region', { name: 'New group-buy' });
  await offerForm.getByLabel('Product', { exact: true }).fill('Beans');
  const price = offerForm.getByLabel('Price', { exact: true });
  const groupPrice = offerForm.getByLabel('Group price');
  await price.fill('10.999');
  await groupPrice.fill('9');
  await offerForm.getByRole('button', { name: 'Create group-buy' }).click();
  await expect(price).toHaveAccessibleDescription('“10.999” is not an amount: write it like 99.00, with at most two decimals.');
  await expect(price).toBeFocused();
  await price.fill('10');
  await groupPrice.fill('12');
  await offerForm.getByRole('button', { name: 'Create group-buy' }).click();
  await expect(groupPrice).toHaveAccessibleDescription('The group price must not be more than the price (10).');
  await expect(groupPrice).toBeFocused();

  // Every form of the operator view, selects included, fits a phone without sideways scrolling.
  await op.page.setViewportSize({ width: 360, height: 800 });
  await openTool(op.page, 'Description and audience');
  await op.page.getByRole('button', { name: 'Add a condition' }).click();
  expect(await op.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await op.close();
});

// ---- Member management on the demo circles: op-luckin runs the open coffee-luckin-sh, op-damai the approval
// concerts-livehouse-sh (op-boqii's pets-boqii-cats is open in the seed). Each test leaves the circle as it found it (the mute lifted, the co-operator removed again).

/** Signs in as a demo operator and opens the Operator view of the circle they run (joined without asking). */
