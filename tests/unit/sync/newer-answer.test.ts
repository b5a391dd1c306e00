// Found in a user test: the phone voted offline, the desktop (same account) voted differently afterwards, and when the
// phone came back its older vote replaced the desktop's newer one, silently. The newer answer stands now.
import { describe, expect, it } from 'vitest';
import { votePoll } from '../../../src/hub/content-actions';
import { joinCircle } from '../../../src/hub/membership';
import { createPost, deleteCircleDoc, editOwnText, flushOutbox } from '../../../src/hub/outbox';
import { getDocRow, type OutboxRow } from '../../../src/db/circle-docs';
import { circleDbName, type PostDoc, type VoteDoc } from '../../../src/hub/doc-types';
import { pullCircle } from '../../../src/hub/replicator';
import { hasHub, hubCatalog, twoDevicesOfOneAccount } from './hub-fixture';

const poll = { _id: `poll:newer-${Date.now()}`, options: [{ id: 'classic', label: 'Classic' }, { id: 'seasonal', label: 'Seasonal' }], multiple: false, closesAt: new Date(Date.now() + 86_400_000).toISOString() };

describe.skipIf(!hasHub)('two answers of one person from two devices', () => {
  it('the newer stands, whichever reaches the hub last; the older device then shows it', async () => {
    const { phone, desktop } = await twoDevicesOfOneAccount('na');
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

  it("an older offline edit does not overwrite a newer one, and does not bring back a post deleted on another device", async () => {
    const { phone, desktop } = await twoDevicesOfOneAccount('ne');
    const circleId = (await hubCatalog()).find((c) => c.policy === 'open')!._id;
    for (const device of [phone, desktop]) await joinCircle(circleId, 'open', device.client, device.db);
    const onHub = async (id: string) => {
      try {
        return (await desktop.client.get<PostDoc>(`${encodeURIComponent(circleDbName(circleId))}/${encodeURIComponent(id)}`)).text;
      } catch {
        return undefined;
      }
    };
    const post = await createPost(circleId, 'first words', desktop.db);
    await flushOutbox({ client: desktop.client, db: desktop.db });
    await pullCircle(circleId, { client: phone.client, db: phone.db });

    // The phone edits offline; the desktop edits a moment later, online; the phone comes back.
    await editOwnText(circleId, post._id, 'older edit', phone.db);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await editOwnText(circleId, post._id, 'newer edit', desktop.db);
    await flushOutbox({ client: desktop.client, db: desktop.db });
    await flushOutbox({ client: phone.client, db: phone.db });
    expect(await onHub(post._id)).toBe('newer edit');
    expect((await getDocRow(circleId, post._id, phone.db))?.doc).toMatchObject({ text: 'newer edit' });

    // The phone edits offline again; the desktop deletes the post; the phone comes back: the deletion stands.
    await pullCircle(circleId, { client: phone.client, db: phone.db });
    await editOwnText(circleId, post._id, 'edit of a deleted post', phone.db);
    await deleteCircleDoc(circleId, post._id, desktop.db);
    await flushOutbox({ client: desktop.client, db: desktop.db });
    await flushOutbox({ client: phone.client, db: phone.db });
    expect(await onHub(post._id)).toBeUndefined();
    expect(await getDocRow(circleId, post._id, phone.db)).toBeUndefined();
  });
});
