// A muted member is told where they write, and the write controls go until the mute ends, instead of each write
// being refused by the hub afterwards. Demo operator op-luckin on the seeded open circle coffee-luckin-sh.
import { expect, test, type Page } from '@playwright/test';
import { hubMounted, joinFromCirclePage } from './support/feed-helpers';
import { demoOperator, person } from './support/operator-helpers';
import { importRecentCoffee } from './support/import-helpers';

test.use({ locale: 'en-US' });
test.setTimeout(120_000);

test.beforeEach(async ({ request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
});

/** The write controls the page offers a member: composer, replies, reactions, RSVP, group-buy and vote. */
function writeControls(page: Page) {
  return {
    composer: page.getByLabel('Write a post'),
    post: page.getByRole('button', { name: 'Post', exact: true }),
    reply: page.locator('summary', { hasText: 'Reply' }),
    reactions: page.getByRole('button', { name: /^React / }),
    rsvp: page.getByRole('group', { name: 'Your answer' }),
    groupBuy: page.getByRole('button', { name: /^(Join group-buy|Leave group-buy)$/ }),
    vote: page.getByRole('button', { name: /^(Vote|Change vote)$/ }),
  };
}

test('muted: the composer says until when and every write control goes; unmuted, writing comes back without a reload', async ({ browser }) => {
  const circleId = 'coffee-luckin-sh';
  const member = await person(browser, 'mm');
  // Statements reaching into the demand question's days, so the device has an answer to send below.
  await importRecentCoffee(member.page);
  await joinFromCirclePage(member.page, circleId);
  const controls = writeControls(member.page);
  await expect(controls.reply.first()).toBeVisible({ timeout: 30_000 });
  await expect(controls.reactions.first()).toBeEnabled();
  await expect(member.page.getByRole('heading', { name: 'Polls' })).toBeVisible();
  // In a group-buy before the mute: leaving it stays possible, a mute must not hold anyone to a purchase.
  const joinable = member.page.getByRole('button', { name: 'Join group-buy' });
  const joinedOne = (await joinable.count()) > 0;
  if (joinedOne) {
    await joinable.first().click();
    await expect(member.page.getByRole('button', { name: 'Leave group-buy' })).toHaveCount(1);
  }
  const before = { rsvp: await controls.rsvp.count(), groupBuy: await controls.groupBuy.count(), vote: await controls.vote.count() };
  expect(before.rsvp + before.groupBuy + before.vote).toBeGreaterThan(0);

  const op = await demoOperator(browser, 'op-luckin', circleId);
  // A demand question, so the member has an answer to send: the hub refuses a muted member's answers too.
  const tag = Date.now().toString(36);
  await op.page.getByText('Operator: trust tools').click();
  const tools = op.page.getByRole('region', { name: 'Operator: trust tools' });
  await tools.getByLabel('Note for members (English, optional)').fill(`Muted test ${tag}`);
  await tools.getByLabel('Note for members (Chinese, optional)').fill(`禁言测试 ${tag}`);
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  await expect(tools.getByRole('status').filter({ hasText: 'Asked the circle' })).toBeVisible();
  const question = member.page.getByRole('region', { name: 'Trust' }).getByRole('article').filter({ hasText: tag });
  await expect(question.getByRole('button', { name: 'Prepare my answer' })).toBeVisible({ timeout: 30_000 });

  const section = op.page.getByRole('region', { name: 'Mute a member' });
  await section.getByLabel('Member name').fill(member.name);
  await section.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(section.getByText(`${member.name} is muted until`)).toBeVisible();

  // Where the composer was: the explanation with the end time, and nothing to write with.
  const notice = member.page.getByRole('status').filter({ hasText: 'The operator muted you in this circle until' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText('you can read but not write');
  await expect(controls.composer).toHaveCount(0);
  await expect(controls.post).toHaveCount(0);
  await expect(controls.reply).toHaveCount(0);
  for (const reaction of await controls.reactions.all()) await expect(reaction).toBeDisabled();
  await expect(controls.rsvp).toHaveCount(0);
  await expect(member.page.getByRole('button', { name: 'Join group-buy' })).toHaveCount(0);
  await expect(member.page.getByRole('button', { name: 'Leave group-buy' })).toHaveCount(joinedOne ? 1 : 0);
  await expect(controls.vote).toHaveCount(0);
  await expect(question.getByText('You can answer when the mute ends: until then the circle refuses what you send.')).toBeVisible();
  await expect(question.getByRole('button', { name: 'Prepare my answer' })).toHaveCount(0);
  await expect(question.getByRole('button', { name: 'Decline' })).toBeVisible();
  // A poll they have not voted in waits for its close, not for a vote they cannot cast now.
  if (before.vote > 0) {
    await expect(member.page.getByText('Results show when the poll closes.').first()).toBeVisible();
    await expect(member.page.getByText('Results show once you vote or the poll closes.')).toHaveCount(0);
  }
  // The explanation sits right above the Trust section, not after it.
  const noticeBox = (await notice.boundingBox())!;
  const trustBox = (await member.page.getByRole('heading', { name: 'Questions from the operator' }).first().boundingBox());
  if (trustBox) expect(noticeBox.y).toBeLessThan(trustBox.y);

  await section.getByRole('button', { name: `Unmute ${member.name}` }).click();
  await expect(section.getByText(`${member.name} is muted until`)).toHaveCount(0);
  await expect(controls.composer).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveCount(0);
  await expect(controls.reply.first()).toBeVisible();
  await expect(controls.reactions.first()).toBeEnabled();
  await expect(controls.rsvp).toHaveCount(before.rsvp);
  await expect(controls.groupBuy).toHaveCount(before.groupBuy);
  await expect(controls.vote).toHaveCount(before.vote);
  await expect(question.getByRole('button', { name: 'Prepare my answer' })).toBeVisible();
  await Promise.all([member.close(), op.close()]);
});
