import type { CatalogEntry } from '../provision.ts';
import { seededRandom } from '../../core/random.ts';
import { REACTION_KINDS } from '../../core/circles/content/types.ts';

/**
 * Lively demo content for the embedded hub, deterministic for a given `now` and circle: posts in zh and en
 * spread over the last six weeks, comments, reactions, a pinned announcement, and in some circles events,
 * group-buy offers (拼团) and polls. Every doc follows src/hub/doc-types.ts and passes `_design/rules`.
 */
const DAY = 86_400_000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** A ULID for a given time with deterministic randomness (same shape as src/hub/ulid.ts). */
function seededUlid(time: number, random: () => number): string {
  let head = '';
  let rest = Math.floor(time);
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[rest % 32] + head;
    rest = Math.floor(rest / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[Math.floor(random() * 32)];
  return head + tail;
}

const POSTS_ZH = [
  '今天在{name}打卡了，新品比想象中好，推荐大家试试！',
  '有没有人周末一起？想找几个同好交流一下。',
  '分享一个小技巧：会员日叠加优惠券更划算。',
  '上周的活动太好玩了，期待下一次！',
  '新人报到，请多关照～大家平时都怎么玩？',
  '求推荐：第一次来应该选哪个？',
  '排队半小时，但是值得。',
  '给运营提个建议：希望多开几场线下活动。',
];
const POSTS_EN = [
  'Tried the new one at {name} today, better than I expected. Recommended!',
  'Anyone up for this weekend? Looking for a few people to swap notes with.',
  'Tip: stacking the member-day discount with a coupon saves a lot.',
  'Last week\u2019s meetup was great fun, can\u2019t wait for the next one!',
  'New here, hi all! How do you usually get started?',
  'First time: what should I pick? Suggestions welcome.',
  'Queued for half an hour, but worth it.',
  'Suggestion for the organisers: more offline events, please.',
];
const COMMENTS_ZH = ['同意！', '我也是这么觉得的', '求带上我', '谢谢分享 👍', '下次一起'];
const COMMENTS_EN = ['Agreed!', 'Same here', 'Count me in', 'Thanks for sharing 👍', 'Next time together'];

export interface SeedPeople {
  /** Members who may write in this circle (approval circles: the approved ones). */
  members: string[];
  operator: string;
}

export function circleContent(entry: CatalogEntry, people: SeedPeople, now: number): object[] {
  const random = seededRandom(hashString(entry._id));
  const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const iso = (time: number) => new Date(Math.floor(time / 60_000) * 60_000).toISOString();
  const docs: object[] = [];
  // In an open circle a person is a member by their `member:<name>` doc (approval circles: `_security`), which is what
  // an operator's app goes by to offer them as co-operator; joined before their first post. Not the operator's: the
  // hub lets operators in without one.
  if (entry.policy === 'open') {
    for (const member of people.members) docs.push({ _id: `member:${member}`, type: 'member', author: member, createdAt: iso(now - 43 * DAY) });
  }
  const writers = [...people.members, people.operator];
  const postCount = 5 + Math.floor(random() * 5);
  for (let p = 0; p < postCount; p++) {
    const at = now - (42 * DAY * (postCount - p)) / postCount - random() * DAY;
    const author = pick(writers);
    const zh = random() < 0.55;
    const text = pick(zh ? POSTS_ZH : POSTS_EN).replace('{name}', zh ? entry.name.zh : entry.name.en);
    const postId = `post:${seededUlid(at, random)}`;
    docs.push({ _id: postId, type: 'post', author, createdAt: iso(at), text });
    const comments = Math.floor(random() * 4);
    for (let c = 0; c < comments; c++) {
      const cAt = at + (c + 1) * random() * DAY * 0.5;
      docs.push({ _id: `comment:${seededUlid(cAt, random)}`, type: 'comment', author: pick(writers), createdAt: iso(cAt), parent: postId, text: pick(zh ? COMMENTS_ZH : COMMENTS_EN) });
    }
    for (const member of writers) {
      if (random() < 0.45) {
        const kind = pick([...REACTION_KINDS]);
        docs.push({ _id: `reaction:${postId}:${member}:${kind}`, type: 'reaction', author: member, createdAt: iso(at + DAY * random()), target: postId, kind });
      }
    }
  }
  docs.push({ _id: 'pin', type: 'pin', author: people.operator, createdAt: iso(now - 40 * DAY), text: `欢迎来到「${entry.name.zh}」！请友善交流。 Welcome to ${entry.name.en}! Be kind.` });
  const index = hashString(entry._id) % 3;
  if (index === 0) docs.push(...eventDocs(entry, people, now, random));
  if (index === 1) docs.push(...offerDocs(entry, people, now, random));
  if (index === 2) docs.push(...pollDocs(entry, people, now, random));
  return docs;
}

function eventDocs(entry: CatalogEntry, people: SeedPeople, now: number, random: () => number): object[] {
  const startsAt = new Date(Math.floor((now + DAY * (1 + Math.floor(random() * 10))) / 3_600_000) * 3_600_000);
  startsAt.setUTCHours(11, 0, 0, 0);
  const createdAt = new Date(now - 5 * DAY).toISOString().replace(/:\d\d\.\d+Z$/, ':00.000Z');
  const id = `event:${seededUlid(now - 5 * DAY, random)}`;
  const docs: object[] = [{
    _id: id, type: 'event', author: people.operator, createdAt, title: `${entry.name.zh} 线下见面会 / ${entry.name.en} meetup`,
    startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(), place: '上海市静安区 / Jing’an, Shanghai', capacity: 30,
    description: '名额有限，先到先得。 Limited places, first come first served.',
  }];
  const answers = ['going', 'maybe', 'no'] as const;
  for (const member of people.members) {
    if (random() < 0.7) docs.push({ _id: `rsvp:${id}:${member}`, type: 'rsvp', author: member, createdAt, event: id, answer: answers[Math.floor(random() * 3)] });
  }
  return docs;
}

function offerDocs(entry: CatalogEntry, people: SeedPeople, now: number, random: () => number): object[] {
  const createdAt = new Date(now - 3 * DAY).toISOString().replace(/\.\d+Z$/, '.000Z');
  const deadline = new Date(now + (2 + Math.floor(random() * 6)) * DAY).toISOString().replace(/\.\d+Z$/, '.000Z');
  const id = `offer:${seededUlid(now - 3 * DAY, random)}`;
  const priceMinor = 1000 * (5 + Math.floor(random() * 20));
  const docs: object[] = [{
    _id: id, type: 'offer', author: people.operator, createdAt, product: `${entry.name.zh} 团购套餐 / group-buy bundle`,
    priceMinor, groupPriceMinor: Math.round(priceMinor * 0.7), currency: 'CNY', threshold: 5, deadline,
    description: '满 5 人成团。 Forms with 5 people.',
  }];
  for (const member of people.members) {
    if (random() < 0.6) docs.push({ _id: `offerjoin:${id}:${member}`, type: 'offerjoin', author: member, createdAt, offer: id, joined: true, deadline });
  }
  return docs;
}

function pollDocs(entry: CatalogEntry, people: SeedPeople, now: number, random: () => number): object[] {
  const createdAt = new Date(now - 4 * DAY).toISOString().replace(/\.\d+Z$/, '.000Z');
  const closesAt = new Date(now + 6 * DAY).toISOString().replace(/\.\d+Z$/, '.000Z');
  const id = `poll:${seededUlid(now - 4 * DAY, random)}`;
  const options = [
    { id: 'a', label: '经典款 / The classic' },
    { id: 'b', label: '季节限定 / Seasonal special' },
    { id: 'c', label: '联名款 / Collaboration edition' },
  ];
  const docs: object[] = [{
    _id: id, type: 'poll', author: people.operator, createdAt, question: `${entry.name.zh}：下一款做什么？ What should we make next?`,
    options, multiple: false, anonymous: false, closesAt,
  }];
  for (const member of people.members) {
    if (random() < 0.7) docs.push({ _id: `vote:${id}:${member}`, type: 'vote', author: member, createdAt, poll: id, choices: [options[Math.floor(random() * 3)]!.id], closesAt });
  }
  return docs;
}

/**
 * Linked circles in the demo: circles run by the same operator (a brand's circles) are linked both ways, and
 * the newest post of each is shared into the other, keeping its origin and author (`share:<from>:<post>`).
 */
export function linkedCircleContent(catalog: CatalogEntry[], content: Record<string, object[]>): Record<string, object[]> {
  const byOperator = new Map<string, CatalogEntry[]>();
  for (const entry of catalog) byOperator.set(entry.operators[0]!, [...(byOperator.get(entry.operators[0]!) ?? []), entry]);
  const extra: Record<string, object[]> = {};
  for (const [operator, circles] of byOperator) {
    for (const from of circles) {
      for (const to of circles) {
        if (from === to) continue;
        const posts = (content[from._id] ?? []) as { _id: string; type: string; author: string; createdAt: string; text: string }[];
        const newest = posts.filter((d) => d.type === 'post').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        const docs = (extra[to._id] ??= []);
        docs.push({ _id: `link:${from._id}`, type: 'link', author: operator, createdAt: newest?.createdAt ?? new Date(0).toISOString(), circleId: from._id });
        if (newest) {
          docs.push({
            _id: `share:${from._id}:${newest._id}`, type: 'share', author: operator, createdAt: newest.createdAt,
            origin: { circleId: from._id, postId: newest._id, author: newest.author, createdAt: newest.createdAt, text: newest.text },
          });
        }
      }
    }
  }
  return extra;
}
