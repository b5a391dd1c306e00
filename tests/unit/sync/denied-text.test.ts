// What a person reads when an operator declines their join request (src/ui/operator/denied-text.ts): a whole
// sentence without a reason, the reason after a colon with one; and a deny without a reason stores none.
import { afterAll, describe, expect, it } from 'vitest';
import { setLocale } from '../../../src/i18n/index.svelte';
import { checkApproval, joinCircle, listMemberships } from '../../../src/hub/membership';
import { requestNewCircle } from '../../../src/hub/operator';
import { denyRequest, listJoinRequests } from '../../../src/hub/join-queue';
import { deniedReason, deniedText } from '../../../src/ui/operator/denied-text';
import { hasHub, newMember } from './hub-fixture';

afterAll(() => setLocale('zh-CN'));

describe('deniedText', () => {
  it('says the reason after a colon, and a whole sentence without one (empty, blank, or the old “—”)', () => {
    setLocale('en');
    expect(deniedText('Members of the venue only')).toBe('The operator declined your request: Members of the venue only');
    expect(deniedText('  Customers only \n')).toBe('The operator declined your request: Customers only');
    for (const none of [undefined, '', '   ', '—']) expect(deniedText(none)).toBe('The operator declined your request.');
    setLocale('zh-CN');
    expect(deniedText('')).toBe('圈主拒绝了你的申请。');
    expect(deniedText('仅限会员')).toBe('圈主拒绝了你的申请：仅限会员');
  });

  it('keeps a reason that merely contains a dash', () => {
    expect(deniedReason('— full for now —')).toBe('— full for now —');
    expect(deniedReason('—')).toBeUndefined();
  });
});

describe.skipIf(!hasHub)('denying without a reason', () => {
  it('stores no reason, and the person reads the whole sentence', async () => {
    const [op, person] = await Promise.all([newMember('dno'), newMember('dnp')]);
    const id = `dn-t-${Date.now().toString(36)}`;
    await requestNewCircle({ id, policy: 'approval', name: { zh: '测试', en: 'Test' }, description: { zh: '测试', en: 'Test' } }, { client: op.client, db: op.db });
    await joinCircle(id, 'approval', person.client, person.db);
    await denyRequest(id, person.name, '   ', { client: op.client, db: op.db });
    const [decided] = (await listJoinRequests(id, { client: op.client, db: op.db })).decided;
    expect(decided).toMatchObject({ user: person.name, decision: 'denied' });
    expect(decided!.reason).toBeUndefined();

    expect(await checkApproval(id, person.client, person.db)).toBe(false);
    const [membership] = await listMemberships(person.db);
    expect(membership).toMatchObject({ status: 'denied', deniedByOperator: true });
    setLocale('en');
    expect(deniedText(membership!.reason)).toBe('The operator declined your request.');
  });
});
