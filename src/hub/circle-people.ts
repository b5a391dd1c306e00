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
 * The people of a circle are:
 *  - its `_security` names: the operators (admins) and, in approval circles, the approved members;
 *  - open circles: everyone with a `member:<name>` doc (written by the person on joining; deleted on leaving);
 *  - the authors of the circle docs this device has synced: the hub let them write here (the demo seed's posters
 *    have no member doc, and someone who left an open circle can still be muted for what they wrote).
 *
 * Names are compared trimmed and exactly: CouchDB account names are case-sensitive, so `Demo-Lin` is another
 * account than `demo-lin`. A name that differs only in case from exactly one person is refused all the same, and
 * the refusal names that person (a likely typo, never an account outside the circle).
 */
export interface CirclePeopleContext {
  client?: HubClient;
  db?: QuanziDB;
}

const MEMBER_PREFIX = 'member:';

/** The circle's people (see above), sorted. The operator reads these already; anyone else is mostly refused. */
export async function circlePeople(circleId: string, options: CirclePeopleContext = {}): Promise<string[]> {
  const client = options.client ?? hubClient();
  const db = options.db ?? getDb();
  const dbPath = encodeURIComponent(circleDbName(circleId));
  const [security, members, rows] = await Promise.all([
    client.get<Partial<SecurityObject>>(`${dbPath}/_security`),
    // Ids only: `_all_docs` leaves out deleted docs, so someone who left is not listed.
    client.get<{ rows: { id: string }[] }>(`${dbPath}/_all_docs`, {
      query: { startkey: JSON.stringify(MEMBER_PREFIX), endkey: JSON.stringify(`${MEMBER_PREFIX}\ufff0`) },
    }),
    docRowsOfCircle(circleId, db),
  ]);
  const people = new Set<string>([...(security.admins?.names ?? []), ...(security.members?.names ?? [])]);
  for (const row of members.rows) if (row.id.startsWith(MEMBER_PREFIX)) people.add(row.id.slice(MEMBER_PREFIX.length));
  for (const row of rows) {
    const author = (row.doc as { author?: unknown } | undefined)?.author;
    if (typeof author === 'string' && author) people.add(author);
  }
  return [...people].sort();
}

/** A typed name checked against the circle's people: the exact name, or why not (with a near spelling if one). */
export type PersonCheck =
  | { ok: true; name: string }
  | { ok: false; problem: 'empty' }
  | { ok: false; problem: 'not-member'; name: string; suggestion?: string };

/** Pure: `typed` trimmed, matched exactly (case-sensitive, like the hub) against `people`. */
export function matchCirclePerson(typed: string, people: readonly string[]): PersonCheck {
  const name = typed.trim();
  if (!name) return { ok: false, problem: 'empty' };
  if (people.includes(name)) return { ok: true, name };
  const sameLetters = people.filter((person) => person.toLowerCase() === name.toLowerCase());
  return { ok: false, problem: 'not-member', name, ...(sameLetters.length === 1 ? { suggestion: sameLetters[0] } : {}) };
}

/** Reads the circle's people and checks `typed` against them. */
export async function checkCirclePerson(circleId: string, typed: string, options: CirclePeopleContext = {}): Promise<PersonCheck> {
  if (!typed.trim()) return { ok: false, problem: 'empty' };
  return matchCirclePerson(typed, await circlePeople(circleId, options));
}

/** Thrown by the operator actions that need a person of the circle (mute, add co-operator) before they write. */
export class NotInCircle extends Error {
  override name = 'NotInCircle';
  constructor(readonly user: string, readonly circleId: string, readonly suggestion?: string) {
    super(`'${user}' is not a member of ${circleId}.`);
  }
}

/** The person's exact name, or NotInCircle. */
export async function requireCirclePerson(circleId: string, typed: string, options: CirclePeopleContext = {}): Promise<string> {
  const check = await checkCirclePerson(circleId, typed, options);
  if (check.ok) return check.name;
  throw new NotInCircle(check.problem === 'empty' ? '' : check.name, circleId, check.problem === 'not-member' ? check.suggestion : undefined);
}
