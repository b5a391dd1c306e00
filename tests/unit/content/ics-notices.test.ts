import { describe, expect, it } from 'vitest';
import {
  deriveNotices, escapeIcsText, eventToIcs, foldIcsLine, icsFileName, icsUtcTime, offerJoinId, rsvpId,
  type CircleSnapshot, type ContentDoc, type EventDoc,
} from '../../../src/core/circles/content';

const octets = (s: string) => new TextEncoder().encode(s).length;
const event: EventDoc = {
  _id: 'event:01HX', type: 'event', author: 'op', createdAt: '2026-11-20T10:00:00.000Z', title: 'Cupping; beans, milk\\ and more',
  startsAt: '2026-11-27T11:00:00+08:00', place: '上海市静安区, 南京西路 1号', url: 'https://example.com/e?a=1,b=2', description: 'Line one\nLine two',
};

describe('.ics export', () => {
  it('escapes TEXT values per RFC 5545', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('writes UTC times, CRLF lines, a stable UID and a default one-hour end', () => {
    const ics = eventToIcs(event, { now: Date.parse('2026-11-25T08:00:00Z'), circleName: 'Coffee' });
    expect(icsUtcTime(event.startsAt)).toBe('20261127T030000Z');
    expect(ics).toContain('\r\nDTSTART:20261127T030000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261127T040000Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20261125T080000Z\r\n');
    expect(ics).toContain('\r\nUID:event-01HX@quanzi.local\r\n');
    expect(ics).toContain('SUMMARY:Cupping\\; beans\\, milk\\\\ and more');
    expect(ics).toContain('URL:https://example.com/e?a=1,b=2');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // Unfold and check the description round-trips with its escaped newline and the circle name.
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:Line one\\nLine two\\nQuanzi: Coffee');
    expect(unfolded).toContain('LOCATION:上海市静安区\\, 南京西路 1号');
  });

  it('folds long lines at 75 octets without splitting UTF-8 characters, and unfolding restores the line', () => {
    const line = `SUMMARY:${'咖啡豆品鉴会'.repeat(12)}`;
    const folded = foldIcsLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const part of physical) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldIcsLine('SHORT:x')).toBe('SHORT:x');
    const ics = eventToIcs({ ...event, title: 'x'.repeat(300) }, { now: 0 });
    for (const part of ics.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
  });

  it('drops non-http URLs and gives a safe file name', () => {
    expect(eventToIcs({ ...event, url: 'javascript:alert(1)' }, { now: 0 })).not.toContain('URL:');
    expect(icsFileName({ title: 'a/b: c?', startsAt: '2026-11-27T03:00:00Z' })).toBe('a-b-c-2026-11-27.ics');
  });
});

describe('notification derivation', () => {
  const now = Date.parse('2026-11-25T08:00:00Z');
  const at = (h: number) => new Date(now + h * 3_600_000).toISOString();
  const docs: ContentDoc[] = [
    { _id: 'event:tomorrow', type: 'event', author: 'op', createdAt: at(-48), title: 'Tasting', startsAt: at(20) } as EventDoc,
    { _id: rsvpId('event:tomorrow', 'me'), type: 'rsvp', author: 'me', createdAt: at(-1), event: 'event:tomorrow', answer: 'going' } as ContentDoc,
    { _id: 'event:later', type: 'event', author: 'op', createdAt: at(-48), title: 'Later', startsAt: at(40) } as EventDoc,
    { _id: rsvpId('event:later', 'me'), type: 'rsvp', author: 'me', createdAt: at(-1), event: 'event:later', answer: 'going' } as ContentDoc,
    { _id: 'event:notgoing', type: 'event', author: 'op', createdAt: at(-48), title: 'Skip', startsAt: at(5) } as EventDoc,
    { _id: 'offer:1', type: 'offer', author: 'op', createdAt: at(-10), product: 'Beans', priceMinor: 100, groupPriceMinor: 80, currency: 'CNY', threshold: 2, deadline: at(-1) } as ContentDoc,
    { _id: offerJoinId('offer:1', 'me'), type: 'offerjoin', author: 'me', createdAt: at(-2), offer: 'offer:1', joined: true, deadline: at(-1) } as ContentDoc,
    { _id: offerJoinId('offer:1', 'amy'), type: 'offerjoin', author: 'amy', createdAt: at(-2), offer: 'offer:1', joined: true, deadline: at(-1) } as ContentDoc,
    { _id: 'post:mine', type: 'post', author: 'me', createdAt: at(-5), text: 'hello' } as ContentDoc,
    { _id: 'post:theirs', type: 'post', author: 'amy', createdAt: at(-5), text: 'hi' } as ContentDoc,
    { _id: 'comment:1', type: 'comment', author: 'amy', createdAt: at(-4), parent: 'post:mine', text: 'nice post' } as ContentDoc,
    { _id: 'comment:2', type: 'comment', author: 'me', createdAt: at(-4), parent: 'post:mine', text: 'thanks' } as ContentDoc,
    { _id: 'comment:3', type: 'comment', author: 'ben', createdAt: at(-4), parent: 'post:theirs', text: 'x' } as ContentDoc,
  ];

  it('notifies: request approved, event tomorrow (I go), group-buy formed at its deadline (I joined), reply to my post; nothing else', () => {
    const circles: CircleSnapshot[] = [
      { circleId: 'c1', policy: 'approval', status: 'joined', since: at(-3), docs },
      { circleId: 'c2', policy: 'approval', status: 'requested', docs: [] },
      { circleId: 'c3', policy: 'open', status: 'joined', docs: [] },
    ];
    const keys = deriveNotices(circles, 'me', now).map((n) => n.key).sort();
    expect(keys).toEqual(['approved:c1', 'event-soon:c1:event:tomorrow', 'offer-formed:c1:offer:1', 'reply:c1:comment:1']);
    const reply = deriveNotices(circles, 'me', now).find((n) => n.kind === 'reply')!;
    expect(reply.params).toEqual({ author: 'amy', text: 'nice post' });
  });

  it('is stable: deriving twice gives the same keys (the app stores them once)', () => {
    const circles: CircleSnapshot[] = [{ circleId: 'c1', policy: 'open', status: 'joined', docs }];
    expect(deriveNotices(circles, 'me', now)).toEqual(deriveNotices(circles, 'me', now));
  });

  it('a group-buy that reaches its threshold before the deadline is not announced as formed until the deadline', () => {
    // 2 of 2 joined, 10 hours before the deadline: the card says "forms at the deadline" and Leave is still offered.
    const early = docs.map((d) => (d.type === 'offer' || d.type === 'offerjoin' ? { ...d, deadline: at(10) } : d));
    const formed = (list: ContentDoc[], time: number) => deriveNotices([{ circleId: 'c1', policy: 'open', status: 'joined', docs: list }], 'me', time)
      .filter((n) => n.kind === 'offer-formed').map((n) => n.key);
    expect(formed(early, now)).toEqual([]);
    // The operator who runs it is not told early either.
    expect(deriveNotices([{ circleId: 'c1', policy: 'open', status: 'joined', docs: early }], 'op', now).some((n) => n.kind === 'offer-formed')).toBe(false);
    // amy leaves before the deadline: it never forms, so nothing was ever announced.
    const left = early.map((d) => (d._id === offerJoinId('offer:1', 'amy') ? { ...d, joined: false, createdAt: at(1) } : d));
    expect(formed(left, now + 11 * 3_600_000)).toEqual([]);
    // Nobody leaves: at the deadline it forms, and the notice comes once, with a stable key.
    expect(formed(early, now + 10 * 3_600_000)).toEqual(['offer-formed:c1:offer:1']);
    expect(formed(early, now + 30 * 3_600_000)).toEqual(['offer-formed:c1:offer:1']);
  });

  it('a group-buy short of its threshold at the deadline is not announced as formed: its joiners and its operator hear it did not form', () => {
    const fewer = docs.filter((d) => d._id !== offerJoinId('offer:1', 'amy'));
    const kinds = (who: string, list: ContentDoc[], time = now) => deriveNotices([{ circleId: 'c1', policy: 'open', status: 'joined', docs: list }], who, time)
      .filter((n) => n.kind.startsWith('offer-')).map((n) => n.key);
    expect(kinds('me', fewer)).toEqual(['offer-failed:c1:offer:1']);
    expect(kinds('op', fewer)).toEqual(['offer-failed:c1:offer:1']);
    // Someone who never joined hears nothing; and nothing is said before the deadline.
    expect(kinds('ben', fewer)).toEqual([]);
    const open = fewer.map((d) => (d.type === 'offer' || d.type === 'offerjoin' ? { ...d, deadline: at(10) } : d));
    expect(kinds('me', open)).toEqual([]);
  });

  it('something new to answer since this device held the circle: an event, a poll, a group-buy by someone else, still open', () => {
    const held = at(-6);
    const fresh: ContentDoc[] = [
      { _id: 'event:new', type: 'event', author: 'op', createdAt: at(-2), title: 'Cupping', startsAt: at(30) } as EventDoc,
      { _id: 'event:old', type: 'event', author: 'op', createdAt: at(-30), title: 'Before I joined', startsAt: at(30) } as EventDoc,
      { _id: 'event:past', type: 'event', author: 'op', createdAt: at(-2), title: 'Already started', startsAt: at(-1) } as EventDoc,
      { _id: 'event:mine', type: 'event', author: 'me', createdAt: at(-2), title: 'My own', startsAt: at(30) } as EventDoc,
      { _id: 'poll:new', type: 'poll', author: 'op', createdAt: at(-1), question: 'Which roast?', options: [], multiple: false, anonymous: false, closesAt: at(20) } as ContentDoc,
      { _id: 'poll:closed', type: 'poll', author: 'op', createdAt: at(-1), question: 'Closed', options: [], multiple: false, anonymous: false, closesAt: at(20), closed: true } as ContentDoc,
      { _id: 'offer:new', type: 'offer', author: 'op', createdAt: at(-1), product: 'Beans 1kg', priceMinor: 100, groupPriceMinor: 80, currency: 'CNY', threshold: 2, deadline: at(10) } as ContentDoc,
    ];
    const notices = deriveNotices([{ circleId: 'c1', policy: 'open', status: 'joined', since: held, heldSince: held, docs: fresh }], 'me', now).filter((n) => n.kind.startsWith('new-'));
    expect(notices.map((n) => n.key).sort()).toEqual(['new-event:c1:event:new', 'new-offer:c1:offer:new', 'new-poll:c1:poll:new']);
    expect(notices.find((n) => n.kind === 'new-poll')).toMatchObject({ docId: 'poll:new', at: at(-1), params: { question: 'Which roast?' } });
    // Not for a circle only asked to join.
    expect(deriveNotices([{ circleId: 'c1', policy: 'approval', status: 'requested', docs: fresh }], 'me', now)).toEqual([]);
  });
});
