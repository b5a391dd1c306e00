import { expect, test, type Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseAmountMinor } from '../../src/core/money';
import { hubDocs, signUpInUi, uniqueName, hubMounted } from './support/feed-helpers';

test.use({ locale: 'en-US' });

test.beforeEach(async ({ request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub yet (src/hub/vite-plugin.ts)');
});

const FIXTURE = 'tests/fixtures/alipay-2024-sample.csv';

/** What the statement holds that must never leave the device: merchants, amounts, order ids. */
function secretsOfFixture(): RegExp[] {
  const text = new TextDecoder('gb18030').decode(readFileSync(FIXTURE));
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.startsWith('交易时间,'));
  const rows = lines.slice(header + 1).filter((l) => /^\d{4}-/.test(l)).map((l) => l.split(',').map((c) => c.trim()));
  const secrets = new Set<string>();
  for (const cells of rows) {
    const [, , merchant, account, product, , amount, , , orderId, merchantOrderId] = cells;
    for (const value of [merchant, account, product, orderId, merchantOrderId]) if (value && value !== '/') secrets.add(value);
    if (amount) secrets.add(amount);
  }
  expect(secrets.size).toBeGreaterThan(15);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [...secrets].map((s) => new RegExp(escape(s)));
  // Amounts also as minor units (3600 for 36.00), on number boundaries.
  for (const cells of rows) {
    const minor = cells[6] ? parseAmountMinor(cells[6].replace(/"/g, ''), { currency: 'CNY' }) : null;
    if (minor !== null) patterns.push(new RegExp(`(?<![\\d.])${Math.abs(minor)}(?![\\d.])`));
  }
  return patterns;
}

function decodeAll(value: string): string {
  try {
    return `${value}\n${decodeURIComponent(value)}`;
  } catch {
    return value;
  }
}

test('a whole session sends nothing from the statement and requests only the catalog and joined circles', async ({ page, baseURL }) => {
  const requests: { url: string; body: string }[] = [];
  page.on('request', (request: Request) => requests.push({ url: request.url(), body: request.postData() ?? '' }));

  // Import a statement (Import screen), look at the profile and the suggestions.
  await page.goto('/#/import');
  await page.locator('input[type="file"]').first().setInputFiles(FIXTURE);
  await expect(page.getByText(/6/).first()).toBeVisible();
  await page.goto('/#/profile');
  await page.waitForTimeout(1_000);

  // Account, join a suggested circle, post, browse.
  const name = uniqueName('priv');
  await signUpInUi(page, name);
  await page.goto('/#/circles');
  await page.getByRole('button', { name: /^(Join|加入)/ }).first().click();
  await page.goto('/#/feed');
  // A link in the list, not the empty state's "find circles" link, which shows until the join is stored.
  const circleLink = page.getByRole('region', { name: 'My circles' }).getByRole('list').getByRole('link').first();
  await expect(circleLink).toBeVisible();
  await circleLink.click();
  const circleId = decodeURIComponent(page.url().split('#/feed/')[1]!);
  const text = `Hello circle from ${name}`;
  await page.getByLabel('Write a post').fill(text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.locator('article').filter({ hasText: text }).getByText('Waiting to send')).toHaveCount(0, { timeout: 20_000 });
  await page.goto('/#/feed');
  await page.goto('/#/transactions');
  await page.goto(`/#/feed/${encodeURIComponent(circleId)}`);
  await page.waitForTimeout(1_000);
  expect((await hubDocs(page.request, circleId)).filter((d) => d.text === text)).toHaveLength(1);

  // Every request went to this origin only.
  const origin = new URL(baseURL!).origin;
  for (const { url } of requests) if (!url.startsWith('data:') && !url.startsWith('blob:')) expect(new URL(url).origin).toBe(origin);

  // Nothing from the statement in any URL or body.
  const secrets = secretsOfFixture();
  for (const { url, body } of requests) {
    const haystack = decodeAll(url) + '\n' + body;
    for (const secret of secrets) expect(haystack, `${url} carries ${secret}`).not.toMatch(secret);
  }

  // Hub requests: the catalog, accounts, and the one circle joined; no other circle.
  const hubPaths = requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/hub/'));
  expect(hubPaths.some((p) => p.startsWith('/hub/catalog/'))).toBe(true);
  const databases = new Set(hubPaths.map((p) => decodeURIComponent(p.split('/')[2] ?? '')));
  for (const db of databases) expect(['catalog', '_session', '_users', `circle_${circleId}`, '_quanzi']).toContain(db);
});

// RSVPs, group-buy joins and votes are circle docs carrying the account name, readable by every member; a user
// test found the page listed only posts, comments and reactions.
const REPLIES = {
  'en-US': {
    section: 'What the circle hub sees',
    line: 'Your answers, stored under your account name: event RSVPs (going, maybe, can’t go), the group-buys you join or leave, your poll votes, in polls that hide names too, and your answers to the operator’s questions (each randomized on your device first). Every member and operator of that circle can read them.',
  },
  'zh-CN': {
    section: '圈子服务器能看到的',
    line: '你以账号名留下的回应：活动报名（参加、待定、不去）、参加或退出的拼团，你的投票（包括不显示投票人的投票），以及你对圈主提问的回答（每个回答都先在你的设备上随机化）。该圈子的所有成员和圈主都能读到。',
  },
};

for (const [locale, { section, line }] of Object.entries(REPLIES)) {
  test.describe(locale, () => {
    test.use({ locale });
    test('the privacy page says RSVPs, group-buy joins, poll votes and question answers are readable by the circle, under your name', async ({ page }) => {
      await page.goto('/#/privacy');
      const hub = page.getByRole('region', { name: section });
      await expect(hub.getByRole('listitem')).toHaveCount(4);
      await expect(hub.getByRole('listitem').nth(3)).toHaveText(line);
    });
  });
}
