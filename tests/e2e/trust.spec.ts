import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hubDocs, hubMounted, joinFromCirclePage, signInInUi, signUpInUi, uniqueName } from './support/feed-helpers';
import { importRecentCoffee } from './support/import-helpers';

test.use({ locale: 'en-US' });

test.beforeEach(async ({ request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
});

const CIRCLE = 'coffee-starbucks-stars';
const CLAIMED = 'SBX20240530001'; // the Starbucks order in tests/fixtures/alipay-2024-sample.csv
// The member's other orders, their Alipay trade number and amount: none of it may leave the device.
const NEVER_SENT = ['MY20240526002', 'TM20240520003', 'LK20240512005', '2024053022001400000000000001', '36.00', '89.80'];

/** Every request the context makes (page, workers, service worker): method, URL and body. */
function recordRequests(context: BrowserContext): string[] {
  const log: string[] = [];
  context.on('request', (request) => log.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`));
  return log;
}

/** An operator's sign-in brings back the circles they run: theirs is joined without asking. */
async function openOwnCircle(page: Page, circleId: string): Promise<void> {
  await expect(page.getByRole('region', { name: 'Account' }).getByRole('status')).toContainText('back in My circles', { timeout: 30_000 });
  await page.goto(`/#/feed/${encodeURIComponent(circleId)}`);
  await expect(page.getByLabel('Write a post')).toBeVisible();
}

test('verified customer from one order id, and a noised demand answer; only the claimed id (sealed) and one bit leave the device', async ({ browser }) => {
  test.setTimeout(120_000);
  // The operator publishes a customer list: the order ids are hashed in the browser.
  const opContext = await browser.newContext({ locale: 'en-US' });
  const opLog = recordRequests(opContext);
  const op = await opContext.newPage();
  await signInInUi(op, 'op-starbucks', 'quanzi-operator');
  await openOwnCircle(op, CIRCLE);
  await op.getByText('Operator: trust tools').click();
  const tools = op.getByRole('region', { name: 'Operator: trust tools' });
  await tools.getByLabel('Order ids (one per line, or CSV)').fill(`order id\n${CLAIMED}\nSBX20240601777\n`);
  await tools.getByRole('button', { name: 'Publish customer list' }).click();
  await expect(tools.getByText('Published 2 salted hashes. The order ids stayed on this device.')).toBeVisible();
  // A count of one list reads as one (a retry of this test publishes a second).
  await expect(tools.getByText(/customer lists? published/)).toHaveText(/^(One customer list published, with|([2-9]|\d\d+) customer lists published; the newest holds) 2 hashes\.$/);
  // The operator's own device has no matching order: no badge to claim.
  await expect(op.getByRole('region', { name: 'Trust' }).getByText(/No order on this device matches/)).toBeVisible();
  await expect(op.getByRole('button', { name: 'Claim verified customer badge' })).toHaveCount(0);
  // A spending question is worded from its topic and days: the form shows what members' devices will check.
  await tools.getByLabel(/^Topic/).selectOption('coffee');
  await tools.getByLabel('Within the last (days)').fill('30');
  await expect(tools.getByText('English: Did you spend on Coffee in the last 30 days?')).toBeVisible();
  await tools.getByLabel('Privacy budget ε (at most 2)').fill('1');
  await expect(tools.getByLabel('Kind of question')).toHaveAccessibleDescription(/answers from its own payments/);
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  // The question joins the list above the form, off a phone's screen: the form itself says it was asked.
  await expect(tools.getByRole('status').filter({ hasText: 'Asked the circle: “Did you spend on Coffee in the last 30 days?”' })).toBeVisible();
  await expect(tools.getByLabel('Note for members (English, optional)')).toBeFocused();
  await tools.getByLabel('Kind of question').selectOption('choice');
  await expect(tools.getByLabel('Kind of question')).toHaveAccessibleDescription(/Each member answers it themselves/);
  await tools.getByLabel('Question (English)').fill('Would you join a group-buy of beans at ¥68?');
  await tools.getByLabel('Privacy budget ε (at most 2)').fill('2');
  // English only: members reading Chinese would see English. The form asks for the Chinese at its field.
  const zhQuestion = tools.getByLabel('Question (Chinese)');
  await expect(zhQuestion).toHaveValue('');
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  await expect(zhQuestion).toBeFocused();
  await expect(zhQuestion).toHaveAttribute('aria-invalid', 'true');
  await expect(zhQuestion).toHaveAccessibleDescription('Write the question in Chinese too: members reading Chinese see that one.');
  await expect(tools.getByRole('status').filter({ hasText: 'group-buy' })).toHaveCount(0);
  await zhQuestion.fill('你愿意以 68 元参加咖啡豆拼团吗？');
  await expect(tools.getByText(/Write the question in Chinese too/)).toHaveCount(0);
  await expect(zhQuestion).not.toHaveAttribute('aria-invalid', 'true');
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  await expect(tools.getByRole('status').filter({ hasText: 'Asked the circle: “Would you join a group-buy of beans at ¥68?”' })).toBeVisible();
  await expect.poll(() => opLog.filter((l) => l.includes('_bulk_docs') && l.includes('"hashes"')).length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(opLog.join('\n')).not.toContain('SBX20240601777');

  // A member imports a statement, joins, and the device finds the matching order by itself.
  const memberContext = await browser.newContext({ locale: 'en-US' });
  const log = recordRequests(memberContext);
  const page = await memberContext.newPage();
  const name = uniqueName('cust');
  await signUpInUi(page, name);
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([
    { name: 'alipay-2024-sample.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/alipay-2024-sample.csv') },
  ]);
  await expect(page.getByText(/alipay-2024-sample\.csv: 6 new/)).toBeVisible({ timeout: 30_000 });
  await importRecentCoffee(page);
  await joinFromCirclePage(page, CIRCLE);
  await page.getByLabel('Write a post').fill(`Hello from ${name}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const trust = page.getByRole('region', { name: 'Trust' });
  await expect(trust.getByText(`Claiming sends only this order id, nothing else (no amount, no date, no other order): ${CLAIMED}`)).toBeVisible({ timeout: 30_000 });
  await trust.getByRole('button', { name: 'Claim verified customer badge' }).click();
  await expect(trust.getByText(`Claim sent with order id ${CLAIMED}. Waiting for the operator to verify it.`)).toBeVisible({ timeout: 20_000 });
  // A claim waiting for the operator is not a refused one: no refusal line beside it, now or after a reload.
  await expect(page.getByText(/The hub refused the claim/)).toHaveCount(0);
  await page.reload();
  await expect(trust.getByText(`Claim sent with order id ${CLAIMED}. Waiting for the operator to verify it.`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/The hub refused the claim/)).toHaveCount(0);

  // The operator verifies the claim against the list; the badge shows next to the member's post.
  await expect(tools.getByRole('list', { name: 'Badge claims' }).getByText(new RegExp(`${name} · ${CLAIMED}`))).toBeVisible({ timeout: 30_000 });
  await tools.getByRole('button', { name: 'Verify claims' }).click();
  await expect(tools.getByText(/Verified: 1\. Refused: 0\./)).toBeVisible();
  await expect(trust.getByText('You are a verified customer in this circle.')).toBeVisible({ timeout: 30_000 });
  const myPost = page.locator('article[data-doc-id^="post:"]').filter({ hasText: `Hello from ${name}` });
  await expect(myPost.getByText('Verified customer')).toBeVisible();

  // The demand question: the person sees exactly what will be sent, under their name, then sends it once.
  const question = trust.getByRole('article').filter({ hasText: 'Did you spend on Coffee in the last 30 days?' });
  await expect(question).toBeVisible({ timeout: 30_000 });
  await question.getByRole('button', { name: 'Prepare my answer' }).click();
  const exact = question.getByLabel('What will be sent');
  await expect(exact).toContainText('"epsilon": 1');
  await expect(question).toContainText('Every member and the operator of this circle can read it, with your account name');
  const prepared = (await exact.textContent())!;
  const body = JSON.parse(prepared) as { question: string; bit: 0 | 1; epsilon: number; author: string };
  expect(Object.keys(body)).toEqual(['_id', 'type', 'question', 'bit', 'epsilon', 'author']);
  expect(body.author).toBe(name);
  const answer = body.bit === 1 ? 'yes' : 'no';
  await expect(question.getByText(`In words: a randomized “${answer}” (“bit”: ${body.bit}).`)).toBeVisible();
  // On a phone the whole doc wraps inside its box: the bit and ε are read without scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await exact.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 720 });
  // The coin is kept: preparing again after a reload shows the same bit, so nobody can redraw until it is true.
  await page.reload();
  await question.getByRole('button', { name: 'Prepare my answer' }).click();
  await expect(exact).toHaveText(prepared);
  await question.getByRole('button', { name: 'Send this answer' }).click();
  await expect(question.getByText(`Sent: a randomized “${answer}”. Your device may have flipped your true answer before sending it, so it says little about you (privacy budget ε = 1).`)).toBeVisible({ timeout: 20_000 });
  // The hub holds what the preview showed, and only the time and the delivery id besides.
  const stored = (await hubDocs(page.request, CIRCLE)).find((doc) => doc._id === (body as { _id?: string })._id) as Record<string, unknown> | undefined;
  const { _rev, createdAt, opId, ...shown } = stored ?? {};
  expect([typeof _rev, typeof createdAt, typeof opId]).toEqual(['string', 'string', 'string']);
  expect(shown).toEqual(body);
  const opQuestion = op.getByRole('article').filter({ hasText: 'Did you spend on Coffee in the last 30 days?' });
  await expect(opQuestion.getByText(/Estimated share: \d+% \(95% CI \d+%–\d+%\) · n = 1 · ε = 1/)).toBeVisible({ timeout: 30_000 });
  await expect(opQuestion.getByText(/^Too few answers to tell yet: with 1 answer the estimate means nothing/)).toBeVisible();

  // A yes/no the person answers: the choice is noised too, and declining sends nothing.
  const choice = trust.getByRole('article').filter({ hasText: 'Would you join a group-buy of beans at ¥68?' });
  await choice.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(choice.getByLabel('What will be sent')).toContainText('"epsilon": 2');
  await choice.getByRole('button', { name: 'Decline' }).click();
  await expect(choice.getByText('You declined this question.')).toBeVisible();

  // The privacy page lists what left the device.
  await page.goto('/#/privacy');
  const sent = page.getByRole('region', { name: 'Sent from this device' });
  await expect(sent.getByText(`order id ${CLAIMED}`)).toBeVisible();
  await expect(sent.getByText(new RegExp(`Randomized answer in .*: “${body.bit === 1 ? 'yes' : 'no'}” \\(ε = 1\\) to “Did you spend on Coffee in the last 30 days\\?”`))).toBeVisible();

  // The request log: nothing from the statement left the device in the clear, not even the claimed order id:
  // it went sealed for the operator, whose device read it above.
  const all = log.join('\n');
  expect(all).not.toContain(CLAIMED);
  expect(log.filter((l) => l.includes('_bulk_docs') && l.includes('"claim"') && l.includes('"sealed"'))).toHaveLength(1);
  for (const secret of NEVER_SENT) expect(all).not.toContain(secret);
  const answers = log.filter((l) => l.includes('_bulk_docs') && l.includes('"answer"'));
  expect(answers).toHaveLength(1);
  await opContext.close();
  await memberContext.close();
});

test('the operator carries the claim keys to a second device in a passphrase-locked file', async ({ browser }) => {
  test.setTimeout(90_000);
  const circle = 'coffee-luckin-sh';
  const first = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const phone = await first.newPage();
  await signInInUi(phone, 'op-luckin', 'quanzi-operator');
  await openOwnCircle(phone, circle);
  await phone.getByText('Operator: trust tools').click();
  const tools = phone.getByRole('region', { name: 'Operator: trust tools' });
  await tools.getByLabel('Order ids (one per line, or CSV)').fill('LK2026110001\nLK2026110002\n');
  await tools.getByRole('button', { name: 'Publish customer list' }).click();
  await expect(tools.getByText('Published 2 salted hashes. The order ids stayed on this device.')).toBeVisible();
  await tools.getByLabel(/^Passphrase for the key file/).fill('lantern by the gate');
  const download = phone.waitForEvent('download');
  await tools.getByRole('button', { name: 'Save key file' }).click();
  const keyFile = await (await download).path();
  await expect(tools.getByText(/Saved a key file with \d+ keys?/)).toBeVisible();
  expect(readFileSync(keyFile, 'utf8')).not.toContain('"d"');

  // The second device is a phone-sized window: the operator's tools must fit it without sideways scrolling.
  const second = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 800 } });
  const laptop = await second.newPage();
  await signInInUi(laptop, 'op-luckin', 'quanzi-operator');
  await openOwnCircle(laptop, circle);
  await laptop.getByText('Operator: trust tools').click();
  const laptopTools = laptop.getByRole('region', { name: 'Operator: trust tools' });
  // This device published nothing: it has no keys to pass on.
  await laptopTools.getByLabel(/^Passphrase for the key file/).fill('another passphrase');
  await laptopTools.getByRole('button', { name: 'Save key file' }).click();
  await expect(laptopTools.getByRole('alert')).toHaveText('This device holds no claim keys for this circle: its customer lists were published from another device.');
  await laptopTools.getByLabel('Key file from your other device').setInputFiles(keyFile);
  await laptopTools.getByLabel('Passphrase of the key file').fill('lantern by the door');
  await laptopTools.getByRole('button', { name: 'Load keys' }).click();
  await expect(laptopTools.getByRole('alert')).toHaveText('The passphrase does not open this key file (or the file was changed). Nothing was loaded.');
  await laptopTools.getByLabel('Passphrase of the key file').fill('lantern by the gate');
  await laptopTools.getByRole('button', { name: 'Load keys' }).click();
  await expect(laptopTools.getByText(/Loaded \d+ keys?: claims sealed for (it|them) can be verified here\./)).toBeVisible();
  await expect(laptopTools.getByRole('alert')).toHaveCount(0);
  expect(await laptop.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Now the laptop can pass the keys on too.
  await laptopTools.getByLabel(/^Passphrase for the key file/).fill('another passphrase');
  await laptopTools.getByRole('button', { name: 'Save key file' }).click();
  await expect(laptopTools.getByText(/Saved a key file with \d+ keys?/)).toBeVisible();
  await first.close();
  await second.close();
});

test('a pet circle\'s operator asks about pets; the question follows topic and days, and typed text is only a note', async ({ page }) => {
  test.setTimeout(60_000);
  await signInInUi(page, 'op-boqii', 'quanzi-operator');
  await openOwnCircle(page, 'pets-boqii-cats');
  await page.getByText('Operator: trust tools').click();
  const tools = page.getByRole('region', { name: 'Operator: trust tools' });
  const topic = tools.getByLabel(/^Topic/);
  const en = tools.getByLabel('Note for members (English, optional)');
  const zh = tools.getByLabel('Note for members (Chinese, optional)');
  // The circle's own topic, not coffee; it leads the list.
  await expect(topic).toHaveValue('pets');
  await expect(topic.locator('optgroup').first()).toHaveAttribute('label', 'This circle’s topics');
  await expect(tools.getByText('English: Did you spend on Pets in the last 30 days?')).toBeVisible();
  await expect(en).toHaveValue('');
  // The question members read is what their devices check: it follows the topic and the days, in both languages.
  await topic.selectOption('fitness');
  // Days the hub would refuse are refused at the field, and the preview keeps to a question that can be asked.
  const days = tools.getByLabel('Within the last (days)');
  await days.fill('100000');
  await expect(tools.getByText('English: Did you spend on Fitness in the last 30 days?')).toBeVisible();
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  await expect(days).toBeFocused();
  await expect(days).toHaveAccessibleDescription('Enter a whole number of days from 1 to 366.');
  await tools.getByLabel('Within the last (days)').fill('7');
  await expect(tools.getByText('English: Did you spend on Fitness in the last 7 days?')).toBeVisible();
  await expect(tools.getByText(/^Chinese: 最近 7 天你在.+上有消费吗？$/)).toBeVisible();
  // Typed text is a note under it and cannot change it; once written, the note is asked for in both languages.
  await en.fill('Would you come to a cat café night?');
  await expect(tools.getByText('English: Did you spend on Fitness in the last 7 days?')).toBeVisible();
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  await expect(zh).toBeFocused();
  await expect(zh).toHaveAccessibleDescription(/^Write the note in Chinese too/);
  await expect(tools.getByRole('status').filter({ hasText: 'Asked the circle' })).toHaveCount(0);

  // A circle with several topics lists them first, main one first, and starts from the main one.
  await page.goto('/#/feed/pets-dog-walkers');
  await expect(page.getByLabel('Write a post')).toBeVisible();
  await page.getByText('Operator: trust tools').click();
  await expect(topic).toHaveValue('pets');
  await expect(topic.locator('optgroup').first().locator('option')).toHaveText(['Pets', 'Outdoor']);
});

test('after verifying, the claims state agrees with the counts and badge holders are counted; focus follows Claim and Send to their status', async ({ browser }) => {
  test.setTimeout(120_000);
  const circle = 'coffee-luckin-sh';
  const order = 'LK20240512005'; // the Luckin order in tests/fixtures/alipay-2024-sample.csv
  const opContext = await browser.newContext({ locale: 'en-US' });
  const op = await opContext.newPage();
  await signInInUi(op, 'op-luckin', 'quanzi-operator');
  await openOwnCircle(op, circle);
  await op.getByText('Operator: trust tools').click();
  const tools = op.getByRole('region', { name: 'Operator: trust tools' });
  const holders = tools.getByText(/holds? the verified-customer badge in this circle\.$/);
  const before = Number((await holders.textContent())!.match(/\d+/)![0]);
  await tools.getByLabel('Order ids (one per line, or CSV)').fill(`${order}\nLK20991231999\n`);
  await tools.getByRole('button', { name: 'Publish customer list' }).click();
  await expect(tools.getByText('Published 2 salted hashes. The order ids stayed on this device.')).toBeVisible();
  await tools.getByLabel('Kind of question').selectOption('choice');
  await tools.getByLabel('Question (English)').fill('Would you try a coconut latte at ¥15?');
  await tools.getByLabel('Question (Chinese)').fill('你愿意以 15 元尝试生椰拿铁吗？');
  await tools.getByRole('button', { name: 'Ask the circle' }).click();
  await expect(tools.getByRole('status').filter({ hasText: 'Asked the circle' })).toBeVisible();

  const memberContext = await browser.newContext({ locale: 'en-US' });
  const page = await memberContext.newPage();
  await signUpInUi(page, uniqueName('latte'));
  await page.goto('/#/import');
  await page.getByLabel('Choose statement files').setInputFiles([
    { name: 'alipay-2024-sample.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/alipay-2024-sample.csv') },
  ]);
  await expect(page.getByText(/alipay-2024-sample\.csv: 6 new/)).toBeVisible({ timeout: 30_000 });
  await joinFromCirclePage(page, circle);
  const trust = page.getByRole('region', { name: 'Trust' });
  const claim = trust.getByRole('button', { name: 'Claim verified customer badge' });
  await expect(claim).toBeVisible({ timeout: 30_000 });
  await claim.click();
  // The button went with the offer: focus is on what happened, not on the page.
  await expect(claim).toHaveCount(0);
  await expect(trust.getByRole('status').filter({ hasText: `order id ${order}` })).toBeFocused();

  // The operator verifies: the state agrees with "Verified: 1" and the badge is counted.
  await expect(tools.getByRole('list', { name: 'Badge claims' })).toBeVisible({ timeout: 30_000 });
  await expect(tools.getByText('1 claim waiting to be verified.')).toBeVisible();
  await tools.getByRole('button', { name: 'Verify claims' }).click();
  await expect(tools.getByText('Verified: 1. Refused: 0.')).toBeVisible();
  // The button went disabled, then away with the claim: focus is on the counts, not on the page.
  await expect(tools.getByRole('status').filter({ hasText: 'Verified: 1. Refused: 0.' })).toBeFocused();
  await expect(tools.getByText('No claims left to verify.')).toBeVisible();
  await expect(tools.getByText('No claims yet.')).toHaveCount(0);
  await expect(tools.getByText(/claims? waiting to be verified/)).toHaveCount(0);
  await expect(holders).toHaveText(`${before + 1} ${before + 1 === 1 ? 'member holds' : 'members hold'} the verified-customer badge in this circle.`);

  // The member answers the yes/no question: after Send, focus is on the answer's status.
  const question = trust.getByRole('article').filter({ hasText: 'Would you try a coconut latte at ¥15?' });
  await question.getByRole('button', { name: 'Yes', exact: true }).click();
  // Yes went with the preview's arrival: focus is on what will be sent, the next Tab reaches Send.
  await expect(question.getByLabel('What will be sent')).toBeFocused();
  const send = question.getByRole('button', { name: 'Send this answer' });
  await send.click();
  await expect(send).toHaveCount(0);
  await expect(question.getByRole('status').filter({ hasText: /randomized “(yes|no)”/ })).toBeFocused();
  await expect(question.getByText(/^Sent: a randomized/)).toBeVisible({ timeout: 20_000 });
  await expect(question.getByRole('status').filter({ hasText: /^Sent: a randomized/ })).toBeFocused();
  await opContext.close();
  await memberContext.close();
});
