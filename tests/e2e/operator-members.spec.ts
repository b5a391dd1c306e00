// Operators manage the people of their circles: mutes and co-operators only for people of the circle, and the
// steps that cannot be taken back (deny, removing an operator) asked first. Demo operators on seeded circles.
import { expect, test } from '@playwright/test';
import { hubMounted, joinFromCirclePage, uniqueName } from './support/feed-helpers';
import { askToJoinDemoApproval, demoOperator, openTool, person } from './support/operator-helpers';

test.use({ locale: 'en-US' });
test.setTimeout(120_000);

test.beforeEach(async ({ request }) => {
  test.skip(!(await hubMounted(request)), 'the embedded hub is not mounted at /hub');
});

test('mute: someone outside the circle is refused at the field and nothing is muted; a member, suggested in the list, is muted', async ({ browser }) => {
  const circleId = 'coffee-luckin-sh';
  const [member, outsider] = await Promise.all([person(browser, 'mu'), person(browser, 'out')]);
  await joinFromCirclePage(member.page, circleId);
  const op = await demoOperator(browser, 'op-luckin', circleId);
  const section = op.page.getByRole('region', { name: 'Mute a member' });
  const field = section.getByLabel('Member name');

  // A real account, but not of this circle: refused before anything is written.
  await field.fill(`  ${outsider.name} `);
  await section.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(`‘${outsider.name}’ is not a member of this circle.`);
  await expect(field).toBeFocused();
  await expect(section.getByText(/is muted until/)).toHaveCount(0);
  const hub = op.page.context().request;
  const security = (await (await hub.get(`/hub/circle_${circleId}/_security`)).json()) as { mutes?: Record<string, string> };
  expect(Object.keys(security.mutes ?? {})).not.toContain(outsider.name);
  expect((await hub.get(`/hub/circle_${circleId}/${encodeURIComponent(`mute:${outsider.name}`)}`)).status()).toBe(404);

  // The circle's people are offered as suggestions; a different letter case is another name, and said so.
  const listId = await field.getAttribute('list');
  await expect(op.page.locator(`datalist[id="${listId}"] option[value="${member.name}"]`)).toHaveCount(1);
  await expect(op.page.locator(`datalist[id="${listId}"] option[value="${outsider.name}"]`)).toHaveCount(0);
  await field.fill(member.name.toUpperCase());
  await expect(field).not.toHaveAttribute('aria-invalid', 'true'); // typing clears the refusal
  await section.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(field).toHaveAccessibleDescription(`‘${member.name.toUpperCase()}’ is not a member of this circle. Did you mean ‘${member.name}’? Names are case-sensitive.`);

  await field.fill(member.name);
  await section.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(section.getByRole('status')).toHaveText(`Muted ${member.name}: they can read but not write until the time shown for them in the list of muted members.`);
  await expect(section.getByText(`${member.name} is muted until`)).toBeVisible();
  await expect(field).toHaveValue('');
  const muted = (await (await hub.get(`/hub/circle_${circleId}/_security`)).json()) as { mutes?: Record<string, string> };
  expect(Object.keys(muted.mutes ?? {})).toContain(member.name);
  await section.getByRole('button', { name: `Unmute ${member.name}` }).click();
  await expect(section.getByText(`${member.name} is muted until`)).toHaveCount(0);
  // The row and its button went with the mute: focus is on the outcome, not back at the top of the page.
  await expect(op.page.locator(':focus')).toHaveText(`${member.name} can write again.`);

  // An operator, the one signed in included, is not muted: the hub lets operators write anyway.
  await expect(op.page.locator(`datalist[id="${listId}"] option[value="op-luckin"]`)).toHaveCount(0);
  await field.fill('op-luckin');
  await section.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(field).toHaveAccessibleDescription('‘op-luckin’ runs this circle: operators cannot be muted.');
  await expect(section.getByText('op-luckin is muted until')).toHaveCount(0);
  await Promise.all([op.close(), member.close(), outsider.close()]);
});

test('co-operators: a name outside the circle is refused; removing yourself asks first and says you lose operator rights', async ({ browser }) => {
  const circleId = 'coffee-luckin-sh';
  const member = await person(browser, 'co');
  await joinFromCirclePage(member.page, circleId);
  const op = await demoOperator(browser, 'op-luckin', circleId);
  await openTool(op.page, 'Co-operators');
  const section = op.page.getByRole('region', { name: 'Co-operators' });
  await section.getByRole('button', { name: 'Show co-operators' }).click();
  const operators = section.getByRole('listitem');
  /** The operators listed, by name (each but the last has its Remove button beside it). */
  const listed = (names: string[]) => names.sort().map((name) => new RegExp(`^${name}(\\s|$)`));
  await expect(operators).toHaveText(listed(['op-luckin']));
  const field = section.getByLabel('Name of the new co-operator');

  const nobody = uniqueName('nobody');
  await field.fill(nobody);
  await section.getByRole('button', { name: 'Add co-operator' }).click();
  await expect(field).toHaveAccessibleDescription(`‘${nobody}’ is not a member of this circle.`);
  await expect(field).toBeFocused();
  await expect(operators).toHaveText(listed(['op-luckin']));
  const hub = op.page.context().request;
  const entry = (await (await hub.get(`/hub/catalog/${circleId}`)).json()) as { operators: string[] };
  expect(entry.operators).toEqual(['op-luckin']);

  // Someone who runs the circle already is said to, rather than "Done." with nothing changed.
  await field.fill('op-luckin');
  await section.getByRole('button', { name: 'Add co-operator' }).click();
  await expect(field).toHaveAccessibleDescription('‘op-luckin’ already runs this circle.');

  // A member of the circle becomes co-operator; then removing oneself is asked first, in plain words.
  await field.fill(member.name);
  await section.getByRole('button', { name: 'Add co-operator' }).click();
  await expect(operators).toHaveText(listed([member.name, 'op-luckin']));
  await section.getByRole('button', { name: 'Remove op-luckin' }).click();
  const selfDialog = op.page.getByRole('dialog', { name: 'Remove yourself as operator?' });
  await expect(selfDialog).toBeVisible();
  await expect(selfDialog).toHaveAccessibleDescription(/^You lose your operator rights to this circle/);
  await selfDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(selfDialog).toBeHidden();
  await expect(operators).toHaveText(listed([member.name, 'op-luckin']));
  expect(((await (await hub.get(`/hub/catalog/${circleId}`)).json()) as { operators: string[] }).operators).toContain('op-luckin');

  // Removing the other co-operator asks too, naming them; confirmed, they are gone.
  await section.getByRole('button', { name: `Remove ${member.name}` }).click();
  const dialog = op.page.getByRole('dialog', { name: `Remove ${member.name} as co-operator?` });
  await expect(dialog).toHaveAccessibleDescription(`${member.name} loses operator rights to this circle: they can no longer moderate it, decide join requests or change its description.`);
  await dialog.getByRole('button', { name: 'Remove co-operator' }).click();
  await expect(operators).toHaveText(listed(['op-luckin']));
  await Promise.all([op.close(), member.close()]);
});

test('deny asks first: Cancel keeps the request waiting; confirmed without a reason, it is declined, stores none, and the person reads a whole sentence', async ({ browser }) => {
  const { circleId, asker, op, requests, button: deny } = await askToJoinDemoApproval(browser, 'ask', 'Deny');

  await deny.click();
  const dialog = op.page.getByRole('dialog', { name: `Deny ${asker.name}?` });
  await expect(dialog).toHaveAccessibleDescription(`${asker.name} will read: “The operator declined your request.”`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(deny).toBeVisible();
  const hub = op.page.context().request;
  const path = `/hub/requests_${circleId}/${encodeURIComponent(`request:${asker.name}`)}`;
  expect(((await (await hub.get(path)).json()) as { decision?: string }).decision).toBeUndefined();

  await deny.click();
  await dialog.getByRole('button', { name: 'Deny request' }).click();
  await expect(deny).toHaveCount(0);
  await expect(requests.getByRole('status')).toHaveText(`Denied ${asker.name}’s request.`);
  const decided = (await (await hub.get(path)).json()) as { decision?: string; reason?: string };
  expect(decided.decision).toBe('denied');
  expect(decided.reason).toBeUndefined();
  // The person reads a whole sentence, with no empty reason after a colon.
  await expect(asker.page.getByText('The operator declined your request.', { exact: true })).toBeVisible({ timeout: 40_000 });
  await expect(asker.page.getByText(/declined your request:/)).toHaveCount(0);
  await Promise.all([op.close(), asker.close()]);
});

// Found in a user test: a wrong approval could not be undone.
test('an approved member can be taken out: asked first, with a reason they read; their circle page says so', async ({ browser }) => {
  const { asker, op, requests, button: approve } = await askToJoinDemoApproval(browser, 'oops', 'Approve', 'Ticket A12 for Friday');
  // The operator reads the message with the request.
  await expect(requests.getByRole('listitem').filter({ hasText: asker.name })).toContainText('Ticket A12 for Friday');
  await approve.click();
  await expect(asker.page.getByLabel('Write a post')).toBeVisible({ timeout: 40_000 });

  const members = op.page.getByRole('region', { name: 'Members' });
  const member = members.getByRole('listitem').filter({ hasText: asker.name });
  await member.getByRole('button', { name: `Take ${asker.name} out…` }).click();
  const reason = member.getByLabel(`Reason for ${asker.name}, optional (shown to them)`);
  await expect(reason).toBeFocused();
  await reason.fill('Approved by mistake, sorry');
  await member.getByRole('button', { name: `Remove ${asker.name}` }).click();
  const dialog = op.page.getByRole('dialog', { name: `Remove ${asker.name} from the circle?` });
  await expect(dialog).toHaveAccessibleDescription(`${asker.name} can no longer read or write here, and will read: “The operator declined your request: Approved by mistake, sorry”`);
  await dialog.getByRole('button', { name: 'Remove member' }).click();
  await expect(members.getByRole('status')).toHaveText(`Removed ${asker.name}: they can no longer read the circle.`);
  await expect(member).toHaveCount(0);

  await expect(asker.page.getByRole('alert')).toHaveText('The operator declined your request: Approved by mistake, sorry', { timeout: 40_000 });
  await expect(asker.page.getByLabel('Write a post')).toHaveCount(0);
  await Promise.all([op.close(), asker.close()]);
});

test('a co-operator who removes themselves loses the Operator view at once and is told so; they stay a member', async ({ browser }) => {
  const circleId = 'coffee-luckin-sh';
  const helper = await person(browser, 'helper');
  await joinFromCirclePage(helper.page, circleId);
  const op = await demoOperator(browser, 'op-luckin', circleId);
  await openTool(op.page, 'Co-operators');
  const section = op.page.getByRole('region', { name: 'Co-operators' });
  await section.getByRole('button', { name: 'Show co-operators' }).click();
  await section.getByLabel('Name of the new co-operator').fill(helper.name);
  await section.getByRole('button', { name: 'Add co-operator' }).click();
  await expect(section.getByRole('listitem').filter({ hasText: helper.name })).toHaveCount(1);

  // The new co-operator's circle page asks the hub and offers the tools.
  await helper.page.reload();
  await helper.page.getByText('Operator view').click();
  await openTool(helper.page, 'Co-operators');
  const own = helper.page.getByRole('region', { name: 'Co-operators' });
  await own.getByRole('button', { name: 'Show co-operators' }).click();
  await own.getByRole('button', { name: `Remove ${helper.name}` }).click();
  await helper.page.getByRole('dialog', { name: 'Remove yourself as operator?' }).getByRole('button', { name: 'Remove me' }).click();
  const said = helper.page.getByRole('status').filter({ hasText: 'You are no longer an operator of this circle. You stay a member.' });
  await expect(said).toBeFocused();
  await expect(helper.page.getByText('Operator view')).toHaveCount(0);
  await expect(helper.page.getByLabel('Write a post')).toBeVisible();
  const entry = (await (await op.page.context().request.get(`/hub/catalog/${circleId}`)).json()) as { operators: string[] };
  expect(entry.operators).toEqual(['op-luckin']);
  await Promise.all([op.close(), helper.close()]);
});
