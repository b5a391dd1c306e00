import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildCircleContent, canAnswer, groupSavingMinor, offerJoinId, offerProgress, orderedShares, rsvpId, rsvpSummary, tallyPoll, voteId,
  type EventDoc, type OfferDoc, type OfferJoinDoc, type PollDoc, type RsvpDoc, type ShareDoc, type VoteDoc,
} from '../../../src/core/circles/content';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

const offer: OfferDoc = {
  _id: 'offer:01A', type: 'offer', author: 'op', createdAt: iso(T0), product: 'Beans', priceMinor: 10000, groupPriceMinor: 7000,
  currency: 'CNY', threshold: 3, deadline: iso(T0 + 48 * HOUR),
};
const join = (user: string, joined = true, at = T0 + HOUR): OfferJoinDoc =>
  ({ _id: offerJoinId(offer._id, user), type: 'offerjoin', author: user, createdAt: iso(at), offer: offer._id, joined, deadline: offer.deadline });

describe('group-buy progress', () => {
  it('counts distinct participants; two joins at the same instant both count once, and a replayed doc does not double', () => {
    const sameInstant = [join('amy', true, T0 + HOUR), join('ben', true, T0 + HOUR)];
    const replayed = [...sameInstant, join('amy', true, T0 + HOUR), join('ben', true, T0 + HOUR)];
    const progress = offerProgress(offer, replayed, 'amy', T0 + 2 * HOUR);
    expect(progress).toMatchObject({ count: 2, threshold: 3, missing: 1, percent: 67, status: 'open', canChange: true, joined: true });
  });

  it('a leave (joined=false) removes the person; joins for another offer or with a forged id are ignored', () => {
    const forged: OfferJoinDoc = { ...join('chen'), _id: offerJoinId(offer._id, 'someone-else') };
    const other: OfferJoinDoc = { ...join('dan'), offer: 'offer:OTHER', _id: offerJoinId('offer:OTHER', 'dan') };
    const progress = offerProgress(offer, [join('amy'), join('ben', false), forged, other], 'ben', T0 + 2 * HOUR);
    expect(progress.count).toBe(1);
    expect(progress.joined).toBe(false);
  });

  it('is formed or not formed at the deadline, and joins made after it do not count', () => {
    const atDeadline = Date.parse(offer.deadline);
    const three = [join('a'), join('b'), join('c')];
    expect(offerProgress(offer, three, undefined, atDeadline)).toMatchObject({ status: 'formed', canChange: false, percent: 100 });
    const late = [join('a'), join('b'), join('c', true, atDeadline + 1)];
    expect(offerProgress(offer, late, undefined, atDeadline + 2)).toMatchObject({ status: 'not-formed', count: 2, missing: 1 });
    expect(offerProgress(offer, three, undefined, atDeadline - 1).status).toBe('open');
  });

  it('caps the bar at 100 % and computes the saving in minor units', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((u) => join(u));
    expect(offerProgress(offer, many, undefined, T0).percent).toBe(100);
    expect(groupSavingMinor(offer)).toBe(3000);
  });

  it('property: the count equals the number of distinct users whose last word is "joined", whatever the order and duplicates', () => {
    fc.assert(fc.property(fc.array(fc.record({ user: fc.constantFrom('a', 'b', 'c', 'd'), joined: fc.boolean() }), { maxLength: 30 }), (ops) => {
      // A device keeps one doc per person; the synced state is the last write of each.
      const last = new Map<string, boolean>();
      for (const op of ops) last.set(op.user, op.joined);
      const docs = [...last].map(([user, joined]) => join(user, joined));
      const duplicated = [...docs, ...docs].reverse();
      expect(offerProgress(offer, duplicated, undefined, T0).count).toBe([...last.values()].filter(Boolean).length);
    }));
  });
});

const poll: PollDoc = {
  _id: 'poll:01P', type: 'poll', author: 'op', createdAt: iso(T0), question: 'Next flavour?',
  options: [{ id: 'a', label: 'Classic' }, { id: 'b', label: 'Seasonal' }, { id: 'c', label: 'Collab' }],
  multiple: false, anonymous: false, closesAt: iso(T0 + 24 * HOUR),
};
const vote = (user: string, choices: string[], at = T0 + HOUR, p: PollDoc = poll): VoteDoc =>
  ({ _id: voteId(p._id, user), type: 'vote', author: user, createdAt: iso(at), poll: p._id, choices });

describe('poll tallies', () => {
  it('hides results until I voted, then shows counts, percentages and voters', () => {
    const votes = [vote('amy', ['a']), vote('ben', ['b']), vote('chen', ['a'])];
    const before = tallyPoll(poll, votes, 'dan', T0 + 2 * HOUR);
    expect(before).toMatchObject({ showResults: false, results: [], canVote: true, voterCount: 3, leaders: [] });
    const after = tallyPoll(poll, [...votes, vote('dan', ['c'])], 'dan', T0 + 2 * HOUR);
    expect(after.showResults).toBe(true);
    expect(after.results.map((r) => [r.id, r.count, r.percent])).toEqual([['a', 2, 50], ['b', 1, 25], ['c', 1, 25]]);
    expect(after.results[0]!.voters).toEqual(['amy', 'chen']);
    expect(after.leaders).toEqual(['a']);
    expect(after.myChoices).toEqual(['c']);
  });

  it('shows results to everyone once closed (by time or by the operator) and ignores votes after the close time', () => {
    const votes = [vote('amy', ['a']), vote('late', ['b'], T0 + 25 * HOUR)];
    const byTime = tallyPoll(poll, votes, 'dan', T0 + 24 * HOUR);
    expect(byTime).toMatchObject({ closed: true, canVote: false, showResults: true, voterCount: 1 });
    const byOperator = tallyPoll({ ...poll, closed: true }, votes, 'dan', T0 + HOUR);
    expect(byOperator.closed).toBe(true);
    expect(byOperator.results.find((r) => r.id === 'a')!.count).toBe(1);
  });

  it('single choice keeps only the first valid choice; multiple keeps all known ones once; unknown ids are dropped', () => {
    const single = tallyPoll(poll, [vote('amy', ['zzz', 'b', 'a'])], 'amy', T0 + HOUR);
    expect(single.myChoices).toEqual(['b']);
    const multi: PollDoc = { ...poll, multiple: true };
    const tally = tallyPoll(multi, [vote('amy', ['a', 'b', 'a', 'x'], T0 + HOUR, multi), vote('ben', ['a'], T0 + HOUR, multi)], 'amy', T0 + HOUR);
    expect(tally.myChoices).toEqual(['a', 'b']);
    expect(tally.results.map((r) => r.percent)).toEqual([100, 50, 0]);
  });

  it('anonymous polls never reveal who voted', () => {
    const anonymous: PollDoc = { ...poll, anonymous: true };
    const tally = tallyPoll(anonymous, [vote('amy', ['a'], T0 + HOUR, anonymous)], 'amy', T0 + HOUR);
    expect(tally.results[0]!.count).toBe(1);
    expect(tally.results.every((r) => r.voters.length === 0)).toBe(true);
  });
});

const event: EventDoc = { _id: 'event:01E', type: 'event', author: 'op', createdAt: iso(T0), title: 'Cupping', startsAt: iso(T0 + 30 * HOUR), capacity: 2 };
const rsvp = (user: string, answer: RsvpDoc['answer']): RsvpDoc =>
  ({ _id: rsvpId(event._id, user), type: 'rsvp', author: user, createdAt: iso(T0 + HOUR), event: event._id, answer });

describe('RSVP counts and capacity', () => {
  it('counts answers once per person and knows mine', () => {
    const summary = rsvpSummary(event, [rsvp('amy', 'going'), rsvp('ben', 'maybe'), rsvp('chen', 'no'), rsvp('amy', 'going')], 'ben', T0);
    expect(summary).toMatchObject({ going: 1, maybe: 1, no: 1, mine: 'maybe', capacity: 2, spotsLeft: 1, full: false, past: false });
  });

  it('when full, a new "going" waits for a place; the first to answer holds it, on every device alike', () => {
    const at = (user: string, answer: RsvpDoc['answer'], hours: number, first = hours): RsvpDoc =>
      ({ ...rsvp(user, answer), createdAt: iso(T0 + first * HOUR), answeredAt: iso(T0 + hours * HOUR) });
    // Both answered "going" for the last place while offline: ben's answer came first, whichever reached the hub first.
    const rsvps = [at('amy', 'going', 1), at('chen', 'going', 3), at('ben', 'going', 2)];
    const forChen = rsvpSummary(event, rsvps, 'chen', T0);
    expect(forChen).toMatchObject({ going: 2, full: true, spotsLeft: 0, goingNames: ['amy', 'ben'], waitingNames: ['chen'], myWaitingPlace: 1, mine: 'going' });
    expect(rsvpSummary(event, [...rsvps].reverse(), 'ben', T0)).toMatchObject({ goingNames: ['amy', 'ben'], waitingNames: ['chen'], myWaitingPlace: undefined });
    // A place frees up: the first on the waiting list moves up.
    const freed = rsvpSummary(event, [...rsvps, at('amy', 'no', 4, 1)], 'chen', T0);
    expect(freed).toMatchObject({ going: 2, goingNames: ['ben', 'chen'], waitingNames: [], myWaitingPlace: undefined, full: true });
    // A change to "going" counts from when it was given, not from the person's first answer (createdAt).
    const late = rsvpSummary(event, [at('dan', 'going', 5, 0), at('amy', 'going', 1), at('ben', 'going', 2)], 'dan', T0);
    expect(late.waitingNames).toEqual(['dan']);
    // An answer from an older build, without answeredAt, counts from its createdAt.
    expect(rsvpSummary(event, [rsvp('eve', 'going'), at('amy', 'going', 0.5), at('ben', 'going', 2)], 'eve', T0).goingNames).toEqual(['amy', 'eve']);
    // Every answer stays possible until the event starts.
    expect(canAnswer(forChen, 'going')).toBe(true);
    expect(canAnswer(rsvpSummary(event, rsvps, 'amy', T0 + 31 * HOUR), 'no')).toBe(false);
  });

  it('without a capacity there is no limit', () => {
    const summary = rsvpSummary({ ...event, capacity: undefined }, [rsvp('amy', 'going')], 'x', T0);
    expect(summary).toMatchObject({ capacity: undefined, spotsLeft: undefined, full: false });
  });
});

describe('shares and the circle content', () => {
  const share = (postId: string, createdAt: string, id = `share:src:${postId}`): ShareDoc => ({
    _id: id, type: 'share', author: 'op', createdAt: iso(T0 + 5 * HOUR),
    origin: { circleId: 'src', postId, author: 'amy', createdAt, text: `text ${postId}` },
  });

  it('keeps the origin order and never shows the same origin twice', () => {
    const shares = [share('post:03', iso(T0 + 3)), share('post:01', iso(T0 + 1)), share('post:01', iso(T0 + 1)), share('post:02', iso(T0 + 2)), share('post:04', iso(T0), 'share:other:post:04')];
    expect(orderedShares(shares).map((s) => s.origin.postId)).toEqual(['post:01', 'post:02', 'post:03']);
  });

  it('assembles events (upcoming first), offers, polls, links and active mutes from one circle', () => {
    const past: EventDoc = { ...event, _id: 'event:00', startsAt: iso(T0 - HOUR) };
    const soon: EventDoc = { ...event, _id: 'event:02', startsAt: iso(T0 + 2 * HOUR) };
    const content = buildCircleContent([
      event, past, soon, rsvp('amy', 'going'), offer, join('amy'), poll, vote('amy', ['a']),
      { _id: 'link:beta', type: 'link', author: 'op', createdAt: iso(T0), circleId: 'beta' } as never,
      { _id: 'mute:ben', type: 'mute', author: 'op', createdAt: iso(T0), user: 'ben', until: iso(T0 + HOUR) } as never,
      { _id: 'mute:old', type: 'mute', author: 'op', createdAt: iso(T0), user: 'old', until: iso(T0 - HOUR) } as never,
    ], 'amy', T0);
    expect(content.events.map((e) => e.doc._id)).toEqual(['event:02', 'event:01E', 'event:00']);
    expect(content.events[1]!.rsvp.going).toBe(1);
    expect(content.offers[0]!.progress.count).toBe(1);
    expect(content.polls[0]!.tally.myChoices).toEqual(['a']);
    expect(content.links).toEqual(['beta']);
    expect(content.mutes).toEqual([{ user: 'ben', until: iso(T0 + HOUR) }]);
  });

  it('names who is going and who is in, and marks an event or group-buy the operator took down, with the reason', () => {
    const content = buildCircleContent([
      event, rsvp('ben', 'going'), rsvp('amy', 'going'), rsvp('cy', 'maybe'), offer, join('cy'), join('amy'), join('ben', false),
      { _id: `removal:${offer._id}`, type: 'removal', author: 'op', createdAt: iso(T0), target: offer._id, reason: 'Price typo, see the new one' } as never,
    ], 'amy', T0);
    expect(content.events[0]!.rsvp.goingNames).toEqual(['amy', 'ben']);
    expect(content.events[0]!.removed).toBeUndefined();
    expect(content.offers[0]!.progress.participants).toEqual(['amy', 'cy']);
    expect(content.offers[0]!.removed).toBe('Price typo, see the new one');
  });
});
