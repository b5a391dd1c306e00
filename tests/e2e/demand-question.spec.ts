// A demand question's wording and what the device checks cannot disagree: the operator typed a tea question with
// the topic left on Coffee; members read the coffee question their device answers, the tea text only as a note.
// The operator does not answer their own question, and reads what the estimate from one answer means.
import { expect, test } from '@playwright/test';
import { hubMounted, joinFromCirclePage, signInInUi } from './support/feed-helpers';
import { person } from './support/operator-helpers';
import { importRecentCoffee } from './support/import-helpers';

test.use({ locale: 'en-US' });
test.setTimeout(120_000);

test.beforeEach(async ({ request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
});

test('the question members read is the one their device checks; the operator’s words are a note; one answer is “too few”', async ({ browser }) => {
  const circleId = 'coffee-luckin-sh';
  const tag = Date.now().toString(36);
  const opContext = await browser.newContext({ locale: 'en-US' });
  const op = await opContext.newPage();
  await signInInUi(op, 'op-luckin', 'quanzi-operator');
  await expect(op.getByRole('region', { name: 'Account' }).getByRole('status')).toContainText('back in My circles', { timeout: 30_000 });
  await op.goto(`/#/feed/${circleId}`);
  await op.getByText('Operator: trust tools').click();
  const tools = op.getByRole('region', { name: 'Operator: trust tools' });

  // Topic left on its default: the form shows, in both languages, exactly what devices will check.
  await expect(tools.getByLabel(/^Topic/)).toHaveValue('coffee');
  await expect(tools.getByText('Members will be asked, and their devices will check:')).toBeVisible();
  await expect(tools.getByText('English: Did you spend on Coffee in the last 30 days?')).toBeVisible();
  await expect(tools.getByText('Chinese: 最近 30 天你在咖啡上有消费吗？')).toBeVisible();
  await tools.getByLabel('Note for members (English, optional)').fill(`Did you buy tea recently? ${tag}`);
  await tools.getByLabel('Note for members (Chinese, optional)').fill(`最近你买过茶吗？${tag}`);
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  await expect(tools.getByRole('status').filter({ hasText: 'Asked the circle: “Did you spend on Coffee in the last 30 days?”' })).toBeVisible();

  // The operator's own question: no answer offered to them.
  const opQuestion = op.getByRole('region', { name: 'Trust' }).getByRole('article').filter({ hasText: `Did you buy tea recently? ${tag}` });
  await expect(opQuestion).toBeVisible({ timeout: 30_000 });
  await expect(opQuestion.getByText('You run this circle, so you do not answer its questions', { exact: false })).toBeVisible();
  await expect(opQuestion.getByRole('button', { name: 'Prepare my answer' })).toHaveCount(0);
  await expect(opQuestion.getByRole('button', { name: 'Decline' })).toHaveCount(0);
  await expect(opQuestion.getByText(/^No answers yet/)).toBeVisible();

  // A member reads the coffee question as the heading, and the tea text only as the operator's note.
  const member = await person(browser, 'tea');
  await joinFromCirclePage(member.page, circleId);
  const question = member.page.getByRole('region', { name: 'Trust' }).getByRole('article').filter({ hasText: tag });
  await expect(question).toBeVisible({ timeout: 30_000 });
  await expect(question.locator('strong')).toHaveText('Did you spend on Coffee in the last 30 days?');
  await expect(question).toHaveAccessibleName('Did you spend on Coffee in the last 30 days?');
  await expect(question.getByText(`The operator’s note: Did you buy tea recently? ${tag}`)).toBeVisible();
  await expect(question.getByText('Your device answers the question above from your own payments (ε = 1); the note does not change what it checks.')).toBeVisible();
  // No statements on this device: it could only say "no", so it offers importing instead of an answer.
  await expect(question.getByText('This device holds no statements: it could only answer “no”, whatever you spent.', { exact: false })).toBeVisible();
  await expect(question.getByRole('button', { name: 'Prepare my answer' })).toHaveCount(0);
  await expect(question.getByRole('link', { name: 'Import statements' })).toHaveAttribute('href', '#/import');
  await importRecentCoffee(member.page);
  await member.page.goto(`/#/feed/${circleId}`);
  await question.getByRole('button', { name: 'Prepare my answer' }).click();
  await question.getByRole('button', { name: 'Send this answer' }).click();
  await expect(question.getByText(/^Sent: a randomized/)).toBeVisible({ timeout: 20_000 });

  // One answer: the figures, what they mean, that one is far too few, and the clipping when the noise went below 0%.
  await expect(opQuestion.getByText(/^Estimated share: \d+% \(95% CI \d+%–\d+%\) · n = 1 · ε = 1$/)).toBeVisible({ timeout: 30_000 });
  await expect(opQuestion.getByText(/^From 1 answer\. The true share is probably \(95% sure\) between \d+% and \d+%/)).toBeVisible();
  await expect(opQuestion.getByText('Too few answers to tell yet: with 1 answer the estimate means nothing; wait for at least 30.')).toBeVisible();
  await expect(opQuestion.getByText(/^The noise put the raw estimate at -?\d+%; .* so it is shown as (0|100)%\.$/)).toBeVisible();
  await Promise.all([member.close(), opContext.close()]);
});
