// Found in a user test: the phone voted offline, the desktop (same account) voted differently afterwards, and when the
// phone came back its older vote replaced the desktop's newer one, silently. The newer answer stands now.
import { describe, expect, it } from 'vitest';
import { votePoll } from '../../../src/hub/content-actions';
import { joinCircle } from '../../../src/hub/membership';
import { flushOutbox } from '../../../src/hub/outbox';
import { signIn } from '../../../src/hub/session';
import { getDocRow, type OutboxRow } from '../../../src/db/circle-docs';
import { circleDbName, type VoteDoc } from '../../../src/hub/doc-types';
import { freshDb, hasHub, hubCatalog, newMember, recordingClient } from './hub-fixture';

const poll = { _id: `poll:newer-${Date.now()}`, options: [{ id: 'classic', label: 'Classic' }, { id: 'seasonal', label: 'Seasonal' }], multiple: false, closesAt: new Date(Date.now() + 86_400_000).toISOString() };

describe.skipIf(!hasHub)('two answers of one person from two devices', () => {
  it('the newer stands, whichever reaches the hub last; the older device then shows it', async () => {
    const phone = await newMember('na');
    const desktop = Object.assign(recordingClient(), { db: freshDb() });
    await signIn(phone.name, 'correct-horse-1', desktop.client, desktop.db);
    const circleId = (await hubCatalog()).find((c) => c.policy === 'open')!._id;
    for (const device of [phone, desktop]) await joinCircle(circleId, 'open', device.client, device.db);
    const voteId = `vote:${poll._id}:${phone.name}`;
    const onHub = async () => (await desktop.client.get<VoteDoc>(`${encodeURIComponent(circleDbName(circleId))}/${encodeURIComponent(voteId)}`)).choices;

    // The phone votes offline first; the desktop votes the other way a moment later, online.
    await votePoll(circleId, poll, ['classic'], phone.name, phone.db);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await votePoll(circleId, poll, ['seasonal'], phone.name, desktop.db);
    await flushOutbox({ client: desktop.client, db: desktop.db });
    expect(await onHub()).toEqual(['seasonal']);

    // The phone comes back: its older vote does not overwrite the newer one.
    await flushOutbox({ client: phone.client, db: phone.db });
    expect(await onHub()).toEqual(['seasonal']);
    const row = await getDocRow(circleId, voteId, phone.db);
    expect(row?.state).toBe('synced');
    expect((row?.doc as VoteDoc).choices).toEqual(['seasonal']);
    expect(((await phone.db.outbox.toArray()) as unknown as OutboxRow[]).map((r) => r.status)).toEqual(['superseded']);

    // A newer answer from the phone still goes through over the older one on the hub.
    await votePoll(circleId, poll, ['classic'], phone.name, phone.db);
    await flushOutbox({ client: phone.client, db: phone.db });
    expect(await onHub()).toEqual(['classic']);
  });
});
