// A write the hub refuses must not take away what the hub still holds: the person's earlier, accepted answer
// (RSVP, group-buy join, vote, reaction) keeps counting on their own device, beside the refusal. Real embedded hub
// and a fake-indexeddb Dexie per person, as in tests/unit/sync; each test makes its own circle.
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { HubClient } from '../../../src/hub/client';
import { joinCircle } from '../../../src/hub/membership';
import { createPost, discardRefused, flushOutbox, sendRefusedAgain, toggleReaction } from '../../../src/hub/outbox';
import { pullCircle } from '../../../src/hub/replicator';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { addCoOperator, createEvent, createOffer, createPoll, muteMember, requestNewCircle, unmuteMember } from '../../../src/hub/operator';
import { answerEvent, setOfferJoined, votePoll } from '../../../src/hub/content-actions';
import { loadCircleContent } from '../../../src/db/circle-content';
import { loadCircleFeed } from '../../../src/db/circle-docs';
import { QuanziDB } from '../../../src/db/schema';
import { offerJoinId, rsvpId, voteId, tallyPoll, type PollDoc, type VoteDoc } from '../../../src/core/circles/content';
import { setLocale } from '../../../src/i18n/index.svelte';
import OfferCard from '../../../src/ui/content/OfferCard.svelte';
import PollCard from '../../../src/ui/content/PollCard.svelte';
import EventCard from '../../../src/ui/content/EventCard.svelte';
import { hasHub, hubUrl, newMember } from '../sync/hub-fixture';

type Person = Awaited<ReturnType<typeof newMember>>;
const ctx = (p: Person) => ({ client: p.client, db: p.db });
const flush = (p: Person, client = p.client) => flushOutbox({ client, db: p.db, ignoreBackoff: true });
const pull = (p: Person, circleId: string) => pullCircle(circleId, { client: p.client, db: p.db });
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
let counter = 0;

async function circleOf(op: Person): Promise<string> {
  const id = `rf-t-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  await requestNewCircle({ id, policy: 'open', name: { zh: '测试', en: 'Test' }, description: { zh: '测试', en: 'Test' }, topics: { coffee: 1 } }, ctx(op));
  await joinCircle(id, 'open', op.client, op.db);
  return id;
}

/** Markup of a card as the page renders it, without the Svelte comment markers. */
const html = (body: string) => body.replace(/<!--[^>]*-->/g, '');

afterEach(() => setLocale('zh-CN'));

describe.skipIf(!hasHub)('a refused write keeps the accepted answer in view', () => {
  it('muted after answering: a changed RSVP, vote or reaction is refused and the earlier answer still counts, also after a reload; leaving the group-buy is not refused', async () => {
    const [op, lin] = await Promise.all([newMember('op'), newMember('lin')]);
    const id = await circleOf(op);
    const event = await createEvent(id, { type: 'event', title: 'Cupping', startsAt: inHours(20), capacity: 3 }, ctx(op));
    const offer = await createOffer(id, { type: 'offer', product: 'Beans', priceMinor: 12800, groupPriceMinor: 9900, currency: 'CNY', threshold: 2, deadline: inHours(48) }, ctx(op));
    const poll = await createPoll(id, {
      type: 'poll', question: 'Next?', options: [{ id: 'a', label: 'Osmanthus' }, { id: 'b', label: 'Yuzu' }], multiple: false, anonymous: false, closesAt: inHours(24),
    }, ctx(op));
    const post = await createPost(id, 'Welcome', op.db);
    await flush(op);

    await joinCircle(id, 'open', lin.client, lin.db);
    await pull(lin, id);
    await answerEvent(id, event._id, 'going', lin.name, lin.db);
    await setOfferJoined(id, offer, true, lin.name, lin.db);
    await votePoll(id, poll, ['a'], lin.name, lin.db);
    await toggleReaction(id, post._id, '👍', lin.db);
    expect((await flush(lin)).delivered).toBe(4);

    await muteMember(id, lin.name, new Date(Date.now() + HOUR), ctx(op));
    await flush(op);
    // Her device has not heard of the mute yet: the changes go out and the hub refuses each, but for stepping back
    // from the group-buy (a mute must not hold anyone to a purchase).
    await answerEvent(id, event._id, 'maybe', lin.name, lin.db);
    await setOfferJoined(id, offer, false, lin.name, lin.db);
    await votePoll(id, poll, ['b'], lin.name, lin.db);
    await toggleReaction(id, post._id, '❤️', lin.db);
    expect(await flush(lin)).toMatchObject({ delivered: 1, rejected: 3 });

    const check = async (db: QuanziDB) => {
      const view = await loadCircleContent(id, lin.name, Date.now(), db);
      expect(view.events[0]!.rsvp).toMatchObject({ going: 1, maybe: 0, mine: 'going', spotsLeft: 2 });
      expect(view.offers[0]!.progress).toMatchObject({ count: 0, joined: false });
      expect(view.states[offerJoinId(offer._id, lin.name)]).toBeUndefined();
      expect(view.polls[0]!.tally).toMatchObject({ myChoices: ['a'], voterCount: 1, showResults: true });
      for (const docId of [rsvpId(event._id, lin.name), voteId(poll._id, lin.name)]) {
        expect(view.states[docId]).toMatchObject({ state: 'rejected', reason: expect.stringMatching(/^You are muted in this circle until /) });
      }
      const feed = await loadCircleFeed(id, lin.name, db);
      expect(feed.posts[0]!.reactions).toEqual([{ kind: '👍', count: 1, mine: true }]);
      return view;
    };
    const view = await check(lin.db);
    await pull(lin, id); // the mute doc arrives; the hub's copies of her answers did not change
    await check(lin.db);
    await check(new QuanziDB(lin.db.name)); // reopened, as after a reload

    // The card: her answer pressed, the counts as the hub has them, and why the change did not go.
    setLocale('en');
    const card = html(render(EventCard, { props: { circleId: id, doc: view.events[0]!.doc, rsvp: view.events[0]!.rsvp, me: lin.name, canWrite: true, circleName: 'Test', states: view.states } }).body);
    expect(card).toContain('1 going');
    expect(card).toMatch(/aria-pressed="true"[^>]*>\s*Going/);
    expect(card).toContain('Not accepted by the hub: the circle’s operator has muted you until');
    // Muted, the buttons go (canWrite false) but the answer that counts is still said.
    const muted = html(render(EventCard, { props: { circleId: id, doc: view.events[0]!.doc, rsvp: view.events[0]!.rsvp, me: lin.name, canWrite: false, circleName: 'Test', states: view.states } }).body);
    expect(muted).toContain('Your answer: Going');
    expect(muted).toContain('Not accepted by the hub');

    // Others see the same accepted answers.
    await pull(op, id);
    const opView = await loadCircleContent(id, op.name, Date.now(), op.db);
    expect(opView.events[0]!.rsvp).toMatchObject({ going: 1, maybe: 0 });
    expect(opView.offers[0]!.progress.count).toBe(0);

    // Unmuted, a new change builds on the hub's copy (no conflict) and replaces the refusal.
    await unmuteMember(id, lin.name, ctx(op));
    await answerEvent(id, event._id, 'maybe', lin.name, lin.db);
    expect(await flush(lin)).toMatchObject({ delivered: 1, rejected: 0 });
    const after = await loadCircleContent(id, lin.name, Date.now(), lin.db);
    expect(after.events[0]!.rsvp).toMatchObject({ going: 0, maybe: 1, mine: 'maybe' });
    expect(after.states[rsvpId(event._id, lin.name)]).toBeUndefined();
  });

  // Found in a user test: a post refused while muted kept the mute's reason after the unmute, with nothing to do about
  // it but reply to it, and that reply reached the hub under a post the hub never had.
  it('a post refused while muted is sent again once the mute is over, or discarded', async () => {
    const [op, lin] = await Promise.all([newMember('op'), newMember('lin')]);
    const id = await circleOf(op);
    await joinCircle(id, 'open', lin.client, lin.db);
    await muteMember(id, lin.name, new Date(Date.now() + HOUR), ctx(op));
    await pull(lin, id);
    const kept = await createPost(id, 'Sent again later', lin.db);
    const dropped = await createPost(id, 'Not worth it', lin.db);
    await flush(lin);
    const stateOf = async (docId: string) => (await lin.db.circleDocs.get([id, docId] as never) as { state: string } | undefined)?.state;
    expect([await stateOf(kept._id), await stateOf(dropped._id)]).toEqual(['rejected', 'rejected']);

    await unmuteMember(id, lin.name, ctx(op));
    expect(await sendRefusedAgain(id, kept._id, lin.db)).toBe(true);
    await discardRefused(id, dropped._id, lin.db);
    expect(await stateOf(dropped._id)).toBeUndefined();
    expect(await flush(lin)).toMatchObject({ delivered: 1, rejected: 0 });
    expect(await stateOf(kept._id)).toBe('synced');
    // The refusals are settled: no outbox row of either is left waiting or refused.
    const open = (await lin.db.outbox.toArray()) as unknown as { docId: string; status: string }[];
    expect(open.filter((r) => r.status !== 'delivered').map((r) => r.docId)).toEqual([]);
    await pull(op, id);
    const seen = (await loadCircleFeed(id, op.name, op.db)).posts.map((p) => p.row.doc.text);
    expect(seen).toContain('Sent again later');
    expect(seen).not.toContain('Not worth it');
    // Nothing refused left to send: another tab already did it.
    expect(await sendRefusedAgain(id, kept._id, lin.db)).toBe(false);
  });

  it('a refused removal of a reaction leaves the reaction counted and mine; the next tap removes it', async () => {
    const [op, lin] = await Promise.all([newMember('op'), newMember('rx')]);
    const id = await circleOf(op);
    const post = await createPost(id, 'Hello', op.db);
    await flush(op);
    await joinCircle(id, 'open', lin.client, lin.db);
    await pull(lin, id);
    await toggleReaction(id, post._id, '👍', lin.db);
    expect((await flush(lin)).delivered).toBe(1);

    // A hub that refuses every doc (as its rules would a write they forbid).
    const refusing = new HubClient({
      baseUrl: hubUrl(),
      fetch: async (_input, init) => {
        const docs = (JSON.parse(String(init?.body)) as { docs: { _id: string }[] }).docs;
        return new Response(JSON.stringify(docs.map((d) => ({ id: d._id, error: 'forbidden', reason: 'Not now.' }))), { status: 201, headers: { 'content-type': 'application/json' } });
      },
    });
    await toggleReaction(id, post._id, '👍', lin.db);
    expect((await loadCircleFeed(id, lin.name, lin.db)).posts[0]!.reactions).toEqual([]); // taken back at once while it waits
    expect((await flush(lin, refusing)).rejected).toBe(1);
    const feed = await loadCircleFeed(id, lin.name, lin.db);
    expect(feed.posts[0]!.reactions).toEqual([{ kind: '👍', count: 1, mine: true }]);
    expect(feed.rejected).toBe(1);

    await toggleReaction(id, post._id, '👍', lin.db);
    expect(await flush(lin)).toMatchObject({ delivered: 1, rejected: 0 });
    expect((await loadCircleFeed(id, lin.name, lin.db)).posts[0]!.reactions).toEqual([]);
    await pull(op, id);
    expect((await loadCircleFeed(id, op.name, op.db)).posts[0]!.reactions).toEqual([]);
  });

  it('a join or a vote made offline and sent after the deadline is refused, and the card says so', async () => {
    const [op, amy] = await Promise.all([newMember('op'), newMember('dl')]);
    const id = await circleOf(op);
    const soon = new Date(Date.now() + 2500).toISOString();
    const offer = await createOffer(id, { type: 'offer', product: 'Beans', priceMinor: 12800, groupPriceMinor: 9900, currency: 'CNY', threshold: 2, deadline: soon }, ctx(op));
    const poll = await createPoll(id, { type: 'poll', question: 'Next?', options: [{ id: 'a', label: 'Osmanthus' }], multiple: false, anonymous: false, closesAt: soon }, ctx(op));
    await flush(op);
    await joinCircle(id, 'open', amy.client, amy.db);
    await pull(amy, id);

    // Offline: both wait on the device, and count there.
    await setOfferJoined(id, offer, true, amy.name, amy.db);
    await votePoll(id, poll, ['a'], amy.name, amy.db);
    let view = await loadCircleContent(id, amy.name, Date.now(), amy.db);
    expect(view.offers[0]!.progress).toMatchObject({ count: 1, joined: true });
    expect(view.states[offerJoinId(offer._id, amy.name)]).toMatchObject({ state: 'pending' });

    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) - Date.now() + 100));
    expect((await flush(amy)).rejected).toBe(2);
    view = await loadCircleContent(id, amy.name, Date.now(), amy.db);
    expect(view.offers[0]!.progress).toMatchObject({ count: 0, joined: false, canChange: false, status: 'not-formed' });
    expect(view.polls[0]!.tally).toMatchObject({ canVote: false, myChoices: [] });

    // The join can no longer be changed, and the card still says why it did not count.
    setLocale('en');
    const offerCard = html(render(OfferCard, { props: { circleId: id, doc: view.offers[0]!.doc, progress: view.offers[0]!.progress, me: amy.name, canWrite: true, states: view.states } }).body);
    expect(offerCard).toContain('0 of 2 joined');
    expect(offerCard).not.toContain('Join group-buy');
    expect(offerCard).toContain('Not accepted by the hub: the group-buy’s deadline has passed.');
    const pollCard = html(render(PollCard, { props: { circleId: id, doc: view.polls[0]!.doc, tally: view.polls[0]!.tally, me: amy.name, canWrite: true, operator: false, states: view.states } }).body);
    expect(pollCard).not.toContain('<form');
    expect(pollCard).toContain('Not accepted by the hub: the poll is closed.');
    setLocale('zh-CN');
    const zh = html(render(OfferCard, { props: { circleId: id, doc: view.offers[0]!.doc, progress: view.offers[0]!.progress, me: amy.name, canWrite: false, states: view.states } }).body);
    expect(zh).toContain('拼团已过截止时间');
  });

  it('the operators of the circle, co-operators too, see an open poll’s results without voting; a member does not', async () => {
    const [op, coop, member] = await Promise.all([newMember('op'), newMember('co'), newMember('pm')]);
    const id = await circleOf(op);
    const poll = await createPoll(id, {
      type: 'poll', question: 'Next?', options: [{ id: 'a', label: 'Osmanthus' }, { id: 'b', label: 'Yuzu' }], multiple: false, anonymous: false, closesAt: inHours(24),
    }, ctx(op));
    await flush(op);
    for (const p of [coop, member]) {
      await joinCircle(id, 'open', p.client, p.db);
      await pull(p, id);
    }
    await votePoll(id, poll, ['b'], member.name, member.db);
    await flush(member);
    await addCoOperator(id, coop.name, ctx(op));
    for (const p of [op, coop, member]) {
      await pull(p, id);
      await syncCatalog({ client: p.client, db: p.db });
    }

    for (const p of [op, coop]) {
      const { tally } = (await loadCircleContent(id, p.name, Date.now(), p.db)).polls[0]!;
      expect(tally).toMatchObject({ closed: false, myChoices: [], canVote: true, showResults: true, leaders: ['b'] });
      expect(tally.results.map((r) => [r.id, r.count, r.voters])).toEqual([['a', 0, []], ['b', 1, [member.name]]]);
    }
    // The page's answer from the hub wins over the catalog on this device (a co-operator removed a minute ago).
    expect((await loadCircleContent(id, coop.name, Date.now(), coop.db, false)).polls[0]!.tally.showResults).toBe(false);
    const other = await newMember('po');
    await joinCircle(id, 'open', other.client, other.db);
    await pull(other, id);
    await syncCatalog({ client: other.client, db: other.db });
    expect((await loadCircleContent(id, other.name, Date.now(), other.db)).polls[0]!.tally).toMatchObject({ showResults: false, results: [] });
  });
});

describe('poll results for operators', () => {
  const T0 = Date.parse('2026-11-20T10:00:00Z');
  const poll: PollDoc = {
    _id: 'poll:01P', type: 'poll', author: 'op', createdAt: new Date(T0).toISOString(), question: 'Next?',
    options: [{ id: 'a', label: 'Classic' }, { id: 'b', label: 'Seasonal' }], multiple: false, anonymous: true, closesAt: new Date(T0 + 24 * HOUR).toISOString(),
  };
  const votes: VoteDoc[] = ['amy', 'ben'].map((user) => ({ _id: voteId(poll._id, user), type: 'vote', author: user, createdAt: new Date(T0 + HOUR).toISOString(), poll: poll._id, choices: ['a'] }));

  it('an operator who has not voted sees the tally of an open poll, still without names in an anonymous one', () => {
    expect(tallyPoll(poll, votes, 'op', T0 + 2 * HOUR).showResults).toBe(false);
    const tally = tallyPoll(poll, votes, 'op', T0 + 2 * HOUR, { operator: true });
    expect(tally).toMatchObject({ showResults: true, canVote: true, leaders: ['a'] });
    expect(tally.results.map((r) => [r.count, r.percent, r.voters])).toEqual([[2, 100, []], [0, 0, []]]);
  });

  it('the card shows the operator the results, not “Results show once you vote”', () => {
    setLocale('en');
    const tally = tallyPoll(poll, votes, 'op', T0 + 2 * HOUR, { operator: true });
    const card = html(render(PollCard, { props: { circleId: 'c', doc: poll, tally, me: 'op', canWrite: true, operator: true, states: {} } }).body);
    expect(card).toContain('Classic: 2 (100%)');
    expect(card).not.toContain('Results show once you vote');
    expect(card).toContain('Close poll');
  });

  it('voter names are listed with the language’s separator', () => {
    const named = { ...poll, anonymous: false };
    const tally = tallyPoll(named, votes, 'amy', T0 + 2 * HOUR);
    setLocale('zh-CN');
    expect(html(render(PollCard, { props: { circleId: 'c', doc: named, tally, me: 'amy', canWrite: true, operator: false, states: {} } }).body)).toContain('选择者：amy、ben');
    setLocale('en');
    expect(html(render(PollCard, { props: { circleId: 'c', doc: named, tally, me: 'amy', canWrite: true, operator: false, states: {} } }).body)).toContain('Chosen by amy, ben');
  });
});
