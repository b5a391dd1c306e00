// The operator's app (src/hub/operator.ts) and the member's answers (src/hub/content-actions.ts) against the
// real embedded hub: every action goes through the protocol the hub enforces, so a member trying the same is
// refused. Each test creates its own circles, so the seed stays intact.
import { describe, expect, it } from 'vitest';
import { HubError } from '../../../src/hub/client';
import { checkApproval, joinCircle, listMemberships } from '../../../src/hub/membership';
import { createPost, flushOutbox } from '../../../src/hub/outbox';
import { pullCircle } from '../../../src/hub/replicator';
import { addCoOperator, closePoll, createEvent, createOffer, createPoll, editCircleDescription, amIOperator, linkCircles, listOperators, muteMember, pinAnnouncement, removeCoOperator, removeWithReason, requestNewCircle, sharePost, unmuteMember, unpinAnnouncement } from '../../../src/hub/operator';
import { approveRequest, denyRequest, listJoinRequests } from '../../../src/hub/join-queue';
import { answerEvent, setOfferJoined, votePoll } from '../../../src/hub/content-actions';
import { docRowsOfCircle, loadCircleFeed } from '../../../src/db/circle-docs';
import { buildCircleContent, type ContentDoc } from '../../../src/core/circles/content';
import { hasHub, newMember } from './hub-fixture';

type Person = Awaited<ReturnType<typeof newMember>>;
const ctx = (p: Person) => ({ client: p.client, db: p.db });
const flush = (p: Person) => flushOutbox({ client: p.client, db: p.db, ignoreBackoff: true });
const pull = (p: Person, circleId: string) => pullCircle(circleId, { client: p.client, db: p.db });
let counter = 0;

async function circleOf(op: Person, policy: 'open' | 'approval' = 'open'): Promise<string> {
  const id = `op-t-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  await requestNewCircle({ id, policy, name: { zh: '测试', en: 'Test' }, description: { zh: '测试', en: 'Test' }, topics: { coffee: 1 } }, ctx(op));
  await joinCircle(id, policy, op.client, op.db);
  return id;
}

async function contentOf(p: Person, circleId: string) {
  const rows = await docRowsOfCircle(circleId, p.db);
  return buildCircleContent(rows.map((r) => r.doc as ContentDoc), p.name, Date.now());
}

describe.skipIf(!hasHub)('operator actions through the hub', () => {
  it('approval circle: the member requests, the operator approves, the app notices; a denied person reads the reason', async () => {
    const [op, member, other] = await Promise.all([newMember('op'), newMember('am'), newMember('dn')]);
    const id = await circleOf(op, 'approval');
    expect((await listMemberships(op.db))[0]!.status).toBe('joined'); // the operator is let in without a request
    expect(await amIOperator(id, ctx(op))).toBe(true);
    expect(await amIOperator(id, ctx(member))).toBe(false);

    expect((await joinCircle(id, 'approval', member.client, member.db)).status).toBe('requested');
    expect((await joinCircle(id, 'approval', other.client, other.db)).status).toBe('requested');
    expect(await checkApproval(id, member.client, member.db)).toBe(false);
    await expect(listJoinRequests(id, ctx(member))).rejects.toMatchObject({ status: 403 });
    expect((await listJoinRequests(id, ctx(op))).pending.map((r) => r.user).sort()).toEqual([member.name, other.name].sort());

    // A member cannot approve itself through the same calls.
    await expect(approveRequest(id, member.name, ctx(member))).rejects.toBeInstanceOf(HubError);
    await approveRequest(id, member.name, ctx(op));
    expect(await checkApproval(id, member.client, member.db)).toBe(true);
    const [approved] = await listMemberships(member.db);
    expect(approved).toMatchObject({ status: 'joined' });
    expect(approved!.approvedAt).toBeTruthy();
    expect((await pull(member, id)).denied).toBeFalsy();

    await denyRequest(id, other.name, 'Members of the Shanghai venue only', ctx(op));
    expect(await checkApproval(id, other.client, other.db)).toBe(false);
    expect((await listMemberships(other.db))[0]).toMatchObject({ status: 'denied', reason: 'Members of the Shanghai venue only', deniedByOperator: true });
    const requests = await listJoinRequests(id, ctx(op));
    expect(requests.pending).toEqual([]);
    expect(requests.decided.map((r) => [r.user, r.decision]).sort()).toEqual([[member.name, 'approved'], [other.name, 'denied']].sort());

    // A co-operator of an approval circle decides requests too; removed, no longer.
    await addCoOperator(id, member.name, ctx(op));
    expect((await listJoinRequests(id, ctx(member))).decided).toHaveLength(2);
    await removeCoOperator(id, member.name, ctx(op));
    await expect(listJoinRequests(id, ctx(member))).rejects.toMatchObject({ status: 403 });
  });

  it('pin, unpin and remove with a reason reach the member; a member pinning is refused by the hub', async () => {
    const [op, member] = await Promise.all([newMember('op'), newMember('pm')]);
    const id = await circleOf(op);
    await joinCircle(id, 'open', member.client, member.db);
    const post = await createPost(id, 'buy cheap watches', member.db);
    await flush(member);
    await pull(op, id);
    await pinAnnouncement(id, 'Be kind. No ads.', ctx(op));
    await removeWithReason(id, post._id, 'advertising', ctx(op));
    expect((await flush(op)).delivered).toBe(2);

    await pull(member, id);
    const feed = await loadCircleFeed(id, member.name, member.db);
    expect(feed.pin?.text).toBe('Be kind. No ads.');
    expect(feed.posts.find((p) => p.row.docId === post._id)?.removal?.reason).toBe('advertising');

    await pinAnnouncement(id, 'I am the boss now', ctx(member));
    expect((await flush(member)).rejected).toBe(1);

    await pull(op, id);
    await unpinAnnouncement(id, ctx(op));
    await flush(op);
    await pull(member, id);
    expect((await loadCircleFeed(id, member.name, member.db)).pin).toBeUndefined();
  });

  it('mute for a time: the hub refuses the member until unmuted; the member cannot mute others', async () => {
    const [op, member, other] = await Promise.all([newMember('op'), newMember('mm'), newMember('mo')]);
    const id = await circleOf(op);
    await joinCircle(id, 'open', member.client, member.db);
    await joinCircle(id, 'open', other.client, other.db);
    await muteMember(id, member.name, new Date(Date.now() + 3_600_000), ctx(op));
    await flush(op);
    await createPost(id, 'hello?', member.db);
    expect((await flush(member)).rejected).toBe(1);
    // Someone of the circle passes the name check; the hub refuses a non-operator's mute.
    await expect(muteMember(id, other.name, new Date(Date.now() + 60_000), ctx(member))).rejects.toBeInstanceOf(HubError);
    await pull(member, id);
    expect((await contentOf(member, id)).mutes.map((m) => m.user)).toEqual([member.name]);

    await pull(op, id);
    await unmuteMember(id, member.name, ctx(op));
    await flush(op);
    await createPost(id, 'back again', member.db);
    expect((await flush(member)).delivered).toBe(1);
  });

  it('a muted member may still step back: leave a group-buy, say they cannot go; not join or say going', async () => {
    const [op, member] = await Promise.all([newMember('op'), newMember('ms')]);
    const id = await circleOf(op);
    const hour = 3_600_000;
    const event = await createEvent(id, { type: 'event', title: 'Tasting', startsAt: new Date(Date.now() + 20 * hour).toISOString() }, ctx(op));
    const offer = await createOffer(id, {
      type: 'offer', product: 'Beans', priceMinor: 12800, groupPriceMinor: 9900, currency: 'CNY', threshold: 2, deadline: new Date(Date.now() + 48 * hour).toISOString(),
    }, ctx(op));
    await flush(op);
    await joinCircle(id, 'open', member.client, member.db);
    await pull(member, id);
    await answerEvent(id, event._id, 'going', member.name, member.db);
    await setOfferJoined(id, offer, true, member.name, member.db);
    expect((await flush(member)).delivered).toBe(2);
    await muteMember(id, member.name, new Date(Date.now() + hour), ctx(op));
    await flush(op);

    await answerEvent(id, event._id, 'no', member.name, member.db);
    await setOfferJoined(id, offer, false, member.name, member.db);
    expect(await flush(member)).toMatchObject({ delivered: 2, rejected: 0 });
    await answerEvent(id, event._id, 'going', member.name, member.db);
    await setOfferJoined(id, offer, true, member.name, member.db);
    expect((await flush(member)).rejected).toBe(2);
    await pull(op, id);
    const seen = await contentOf(op, id);
    expect(seen.events[0]!.rsvp.going).toBe(0);
    expect(seen.offers[0]!.progress.count).toBe(0);
  });

  it('co-operators gain and lose operator rights; description and audience edits reach the catalog', async () => {
    const [op, coop, member] = await Promise.all([newMember('op'), newMember('co'), newMember('em')]);
    const id = await circleOf(op);
    await joinCircle(id, 'open', coop.client, coop.db);
    // A non-operator naming someone of the circle passes the name check and is refused by the hub.
    await expect(addCoOperator(id, coop.name, ctx(member))).rejects.toBeInstanceOf(HubError);
    await addCoOperator(id, coop.name, ctx(op));
    expect(await amIOperator(id, ctx(coop))).toBe(true);
    await createEvent(id, { type: 'event', title: 'Co-run cupping', startsAt: new Date(Date.now() + 86_400_000).toISOString() }, ctx(coop));
    expect((await flush(coop)).delivered).toBe(1);

    await removeCoOperator(id, coop.name, ctx(op));
    expect(await amIOperator(id, ctx(coop))).toBe(false);
    await createEvent(id, { type: 'event', title: 'Not any more', startsAt: new Date().toISOString() }, ctx(coop));
    expect((await flush(coop)).rejected).toBe(1);

    await expect(editCircleDescription(id, { description: { zh: '我改的', en: 'Mine now' } }, ctx(member))).rejects.toBeInstanceOf(HubError);
    const edited = await editCircleDescription(id, { description: { zh: '新描述', en: 'New description' }, audience: { topic: 'coffee', minCount: 2 } }, ctx(op));
    expect(edited.description.en).toBe('New description');
    const local = (await op.db.catalog.get(id)) as unknown as { description: { en: string }; audience: unknown; operators: string[] };
    expect(local).toMatchObject({ description: { en: 'New description' }, audience: { topic: 'coffee', minCount: 2 }, operators: [op.name] });
  });

  it('an operator removing themselves from an approval circle loses every right there, and is told it is done', async () => {
    const [op, coop] = await Promise.all([newMember('so'), newMember('sc')]);
    const id = await circleOf(op, 'approval');
    await joinCircle(id, 'approval', coop.client, coop.db);
    await approveRequest(id, coop.name, ctx(op));
    await addCoOperator(id, coop.name, ctx(op));
    // The hub refuses the former operator's read-back of `_security`: that is the removal having held, not a failure.
    await removeCoOperator(id, op.name, ctx(op));
    expect(await amIOperator(id, ctx(op))).toBe(false);
    expect(await listOperators(id, ctx(coop))).toEqual([coop.name]);
    await expect(listJoinRequests(id, ctx(op))).rejects.toMatchObject({ status: 403 });
    // The last operator is still kept.
    await expect(removeCoOperator(id, coop.name, ctx(coop))).rejects.toBeInstanceOf(HubError);
    expect(await listOperators(id, ctx(coop))).toEqual([coop.name]);
  });

  it('events, group-buys and polls: RSVPs, two simultaneous joins and votes count exactly once each', async () => {
    const [op, a, b] = await Promise.all([newMember('op'), newMember('ga'), newMember('gb')]);
    const id = await circleOf(op);
    const hour = 3_600_000;
    const event = await createEvent(id, { type: 'event', title: 'Latte art', startsAt: new Date(Date.now() + 20 * hour).toISOString(), capacity: 10 }, ctx(op));
    const offer = await createOffer(id, {
      type: 'offer', product: 'Beans 1kg', priceMinor: 12800, groupPriceMinor: 9900, currency: 'CNY', threshold: 2, deadline: new Date(Date.now() + 48 * hour).toISOString(),
    }, ctx(op));
    const poll = await createPoll(id, {
      type: 'poll', question: 'Next flavour?', options: [{ id: 'a', label: 'Osmanthus' }, { id: 'b', label: 'Yuzu' }], multiple: false, anonymous: true,
      closesAt: new Date(Date.now() + 24 * hour).toISOString(),
    }, ctx(op));
    await flush(op);
    for (const p of [a, b]) {
      await joinCircle(id, 'open', p.client, p.db);
      await pull(p, id);
      await answerEvent(id, event._id, 'going', p.name, p.db);
      await setOfferJoined(id, offer, true, p.name, p.db);
      await votePoll(id, poll, ['b'], p.name, p.db);
    }
    // Both deliver at the same time; then a replays its flush and changes its RSVP.
    await Promise.all([flush(a), flush(b)]);
    await answerEvent(id, event._id, 'maybe', a.name, a.db);
    expect((await flush(a)).delivered).toBe(1);

    await pull(op, id);
    let content = await contentOf(op, id);
    expect(content.events[0]!.rsvp).toMatchObject({ going: 1, maybe: 1 });
    expect(content.offers[0]!.progress).toMatchObject({ count: 2, missing: 0 });
    expect(content.polls[0]!.tally.voterCount).toBe(2);
    expect(content.polls[0]!.tally.showResults).toBe(false); // the operator has not voted and the poll is open

    await closePoll(id, poll._id, ctx(op));
    await flush(op);
    await pull(op, id);
    content = await contentOf(op, id);
    expect(content.polls[0]!.tally).toMatchObject({ closed: true, showResults: true, leaders: ['b'] });
    expect(content.polls[0]!.tally.results.every((r) => r.voters.length === 0)).toBe(true); // anonymous

    // A member leaving the group-buy is counted out.
    await pull(b, id);
    await setOfferJoined(id, offer, false, b.name, b.db);
    await flush(b);
    await pull(op, id);
    expect((await contentOf(op, id)).offers[0]!.progress.count).toBe(1);
  });

  it('linked circles: a share keeps origin and author, is never duplicated, and is read without joining the source', async () => {
    const [op, author, reader] = await Promise.all([newMember('op'), newMember('sa'), newMember('sr')]);
    const source = await circleOf(op);
    const target = `op-t-${Date.now().toString(36)}-${(counter++).toString(36)}`;
    await requestNewCircle({ id: target, policy: 'open', name: { zh: '目标', en: 'Target' }, description: { zh: '目标', en: 'Target' } }, ctx(op));
    await linkCircles(source, target, ctx(op)); // the operator syncs only the source here: the target link goes straight to the hub
    await joinCircle(source, 'open', author.client, author.db);
    const post = await createPost(source, 'Our new store opens Friday', author.db);
    await flush(author);
    await pull(op, source);
    await flush(op);

    await sharePost(source, post._id, target, ctx(op));
    await sharePost(source, post._id, target, ctx(op)); // twice: still one doc
    await joinCircle(target, 'open', reader.client, reader.db);
    await pull(reader, target);
    const content = await contentOf(reader, target);
    expect(content.links).toEqual([source]);
    expect(content.shares).toHaveLength(1);
    expect(content.shares[0]!.origin).toMatchObject({ circleId: source, postId: post._id, author: author.name, text: 'Our new store opens Friday' });
    expect((await listMemberships(reader.db)).map((m) => m.circleId)).toEqual([target]);
    await pull(op, source);
    expect((await contentOf(op, source)).links).toEqual([target]);
  });

  it('refuses a link to a circle that does not exist or that the operator does not run, leaving no half link', async () => {
    const op = await newMember('ol');
    const source = await circleOf(op);
    await expect(linkCircles(source, 'no-such-circle-zz', ctx(op))).rejects.toMatchObject({ name: 'LinkRefused', code: 'no-circle' });
    await expect(linkCircles(source, 'coffee-luckin-sh', ctx(op))).rejects.toMatchObject({ name: 'LinkRefused', code: 'not-operator' });
    await flush(op);
    await pull(op, source);
    expect((await contentOf(op, source)).links).toEqual([]);
  });

  it('the demo seed links a brand\'s circles and shares a post across them', async () => {
    const reader = await newMember('sd');
    await joinCircle('pets-dog-walkers', 'open', reader.client, reader.db);
    await pull(reader, 'pets-dog-walkers');
    const content = await contentOf(reader, 'pets-dog-walkers');
    expect(content.links).toEqual(['pets-boqii-cats']);
    expect(content.shares).toHaveLength(1);
    expect(content.shares[0]!.origin.circleId).toBe('pets-boqii-cats');
  });
});
