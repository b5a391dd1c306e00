import { getDb, type QuanziDB } from '../db/schema';
import { docRowsOfCircle } from '../db/circle-docs';
import { hubClient, type HubClient } from './client';
import { circleDbName } from './doc-types';
import type { SecurityObject } from './provision';

/**
 * Who is in a circle, as far as its operator can already tell: no new question to the hub, so nothing here can tell
 * anyone whether an account exists. An operator muting someone or making them co-operator picks from these people;
 * a typed name that is none of them is refused before anything is written.
 *
 * A circle's people are:
 *  - its operators: the `_security` admins;
 *  - its members: in approval circles the approved `_security` members; in open circles everyone with a
 *    `member:<name>` doc (written by the person on joining; deleted on leaving);
 *  - for a mute only, also the authors of the circle docs this device has synced: the hub let them write here, and
 *    someone who wrote and left can still be kept from writing when they come back.
 * An operator cannot be muted (the hub lets operators write anyway), and one is not made co-operator twice.
 *
 * Names are compared trimmed and exactly: CouchDB account names are case-sensitive, so `Demo-Lin` is another
 * account than `demo-lin`. A name that differs only in case from exactly one person is refused all the same, and
 * the refusal names that person (a likely typo, never an account outside the circle).
 */
export interface CirclePeopleContext {
  client?: HubClient;
  db?: QuanziDB;
}

/** What a name is picked for: whom the check accepts and the field suggests. */
export type PersonPurpose = 'mute' | 'co-operator';

export interface CirclePeople {
  operators: string[];
  members: string[];
  /** Authors of synced docs who are neither (members who left, or were let in another way). */
  authors: string[];
}

const MEMBER_PREFIX = 'member:';

/** The circle's people (see above), each list sorted. The operator reads these already; anyone else is mostly refused. */
export async function readCirclePeople(circleId: string, options: CirclePeopleContext = {}): Promise<CirclePeople> {
  const client = options.client ?? hubClient();
  const db = options.db ?? getDb();
  const dbPath = encodeURIComponent(circleDbName(circleId));
  const [security, memberDocs, rows] = await Promise.all([
    client.get<Partial<SecurityObject>>(`${dbPath}/_security`),
    // Ids only: `_all_docs` leaves out deleted docs, so someone who left is not listed.
    client.get<{ rows: { id: string }[] }>(`${dbPath}/_all_docs`, {
      query: { startkey: JSON.stringify(MEMBER_PREFIX), endkey: JSON.stringify(`${MEMBER_PREFIX}\ufff0`) },
    }),
    docRowsOfCircle(circleId, db),
  ]);
  const operators = new Set(security.admins?.names ?? []);
  const members = new Set((security.members?.names ?? []).filter((name) => !operators.has(name)));
  for (const row of memberDocs.rows) {
    const name = row.id.startsWith(MEMBER_PREFIX) ? row.id.slice(MEMBER_PREFIX.length) : '';
    if (name && !operators.has(name)) members.add(name);
  }
  const authors = new Set<string>();
  for (const row of rows) {
    const author = (row.doc as { author?: unknown } | undefined)?.author;
    if (typeof author === 'string' && author && !operators.has(author) && !members.has(author)) authors.add(author);
  }
  const sorted = (names: Set<string>) => [...names].sort();
  return { operators: sorted(operators), members: sorted(members), authors: sorted(authors) };
}

/** The names a field offers for `purpose`: never an operator (see above). */
export function candidatesFor(people: CirclePeople, purpose: PersonPurpose): string[] {
  return purpose === 'mute' ? [...people.members, ...people.authors].sort() : people.members;
}

/** A typed name checked against the circle's people: the exact name, or why not (with a near spelling if one). */
export type PersonCheck =
  | { ok: true; name: string }
  | { ok: false; problem: 'empty' }
  | { ok: false; problem: 'not-member'; name: string; suggestion?: string }
  | { ok: false; problem: 'operator'; name: string };

/** Pure: `typed` trimmed, matched exactly (case-sensitive, like the hub) against `people`. */
export function matchCirclePerson(typed: string, people: readonly string[]): PersonCheck {
  const name = typed.trim();
  if (!name) return { ok: false, problem: 'empty' };
  if (people.includes(name)) return { ok: true, name };
  const sameLetters = people.filter((person) => person.toLowerCase() === name.toLowerCase());
  return { ok: false, problem: 'not-member', name, ...(sameLetters.length === 1 ? { suggestion: sameLetters[0] } : {}) };
}

/** Pure: the check for `purpose`; an operator's own name is answered as such, not as a stranger. */
export function checkPersonFor(typed: string, people: CirclePeople, purpose: PersonPurpose): PersonCheck {
  const name = typed.trim();
  if (name && people.operators.includes(name)) return { ok: false, problem: 'operator', name };
  return matchCirclePerson(typed, [...candidatesFor(people, purpose), ...people.operators]);
}

/** Reads the circle's people and checks `typed` for `purpose`. */
export async function checkCirclePerson(circleId: string, typed: string, purpose: PersonPurpose, options: CirclePeopleContext = {}): Promise<PersonCheck> {
  if (!typed.trim()) return { ok: false, problem: 'empty' };
  return checkPersonFor(typed, await readCirclePeople(circleId, options), purpose);
}

/**
 * Thrown by the operator actions that need a person of the circle (mute, add co-operator) before they write:
 * `problem` 'not-member' (with a near spelling, if one) or 'operator' (already runs the circle).
 */
export class PersonRefused extends Error {
  override name = 'PersonRefused';
  constructor(readonly user: string, readonly circleId: string, readonly problem: 'not-member' | 'operator', readonly suggestion?: string) {
    super(problem === 'operator' ? `'${user}' already runs ${circleId}.` : `'${user}' is not a member of ${circleId}.`);
  }
}

/** The person's exact name, or PersonRefused. */
export async function requireCirclePerson(circleId: string, typed: string, purpose: PersonPurpose, options: CirclePeopleContext = {}): Promise<string> {
  const check = await checkCirclePerson(circleId, typed, purpose, options);
  if (check.ok) return check.name;
  if (check.problem === 'empty') throw new PersonRefused('', circleId, 'not-member');
  throw new PersonRefused(check.name, circleId, check.problem, check.problem === 'not-member' ? check.suggestion : undefined);
}
