// The operator screen learns of join requests as they arrive: a longpoll on requests_<id>/_changes against the
// real embedded hub, instead of listing the requests every 15 s.
import { describe, expect, it, vi } from 'vitest';
import { joinCircle, leaveCircle } from '../../../src/hub/membership';
import { requestNewCircle } from '../../../src/hub/operator';
import { listJoinRequests, watchJoinRequests } from '../../../src/hub/join-queue';
import { hasHub, newMember } from './hub-fixture';

describe.skipIf(!hasHub)('watchJoinRequests', () => {
  it('calls back when a request arrives and when it is withdrawn, and asks nothing more once stopped', async () => {
    const [op, member] = await Promise.all([newMember('wo'), newMember('wm')]);
    const id = `watch-${Date.now().toString(36)}`;
    await requestNewCircle({ id, policy: 'approval', name: { zh: '门', en: 'Door' }, description: { zh: '门', en: 'Door' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
    const seen: string[][] = [];
    const onChange = vi.fn(async () => void seen.push((await listJoinRequests(id, { client: op.client, db: op.db })).pending.map((r) => r.user)));
    const stop = watchJoinRequests(id, () => void onChange(), { client: op.client, db: op.db, timeoutMs: 2_000 });
    await new Promise((r) => setTimeout(r, 300)); // the longpoll is waiting on the hub
    expect(onChange).not.toHaveBeenCalled();

    await joinCircle(id, 'approval', member.client, member.db);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([member.name]), { timeout: 5_000 });

    await leaveCircle(id, member.client, member.db);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([]), { timeout: 5_000 });

    stop();
    await new Promise((r) => setTimeout(r, 100));
    const asked = op.requests.length;
    await joinCircle(id, 'approval', member.client, member.db);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(op.requests.filter((r) => r.url.includes('_changes')).length).toBe(op.requests.slice(0, asked).filter((r) => r.url.includes('_changes')).length);
  });
});
