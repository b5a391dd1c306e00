import { circleDbName, requestsDbName } from './doc-types.ts';
import { RULES_DESIGN_ID, rulesDesignDoc, type RulesKind } from './rules.ts';
import type { Circle } from '../core/circles/types.ts';

/**
 * Provisioning of a hub, the same code for the embedded hub (dev-hub.ts) and a real CouchDB 3
 * (scripts/provision-couchdb.ts): plain HTTP as a server admin. Idempotent: every step checks first, and
 * nothing that changes at run time (members approved, co-operators, mutes, catalog edits) is overwritten.
 *
 * Databases:
 *  - `catalog`: one doc per circle. `_security`: admins = role `platform-admin`; no members (every signed-in
 *    user reads; the embedded hub also lets anonymous GETs through, see admin-api.ts). `_design/rules`:
 *    operators may edit only description/audience/operators of their circle.
 *  - `circle_<id>`: admins = the circle's operators + role `platform-admin`. Open circles: no members (any
 *    signed-in user reads and writes; CouchDB needs `require_valid_user`). Approval circles: members =
 *    the approved names + role `platform-admin` (never empty, so nobody else gets in).
 *  - `requests_<id>` (approval circles only): join requests `request:<user>`; admins as the circle; no members.
 */
export const CATALOG_DB = 'catalog';
export const PLATFORM_ADMIN_ROLE = 'platform-admin';
export const OPERATOR_ROLE = 'operator';
export { requestsDbName };
/** Circle ids become database names: CouchDB allows lowercase letters, digits and _$()+-/ after a letter. */
export const CIRCLE_ID_PATTERN = /^[a-z][a-z0-9-]{1,60}$/;

/**
 * A catalog doc as stored on the hub: the core Circle shape, plus what provisioning tolerates. `audience` stays
 * unknown here because the hub only stores it; the device evaluates it (src/core/circles/criteria.ts).
 */
export type CatalogEntry = Omit<Circle, 'memberCount' | 'audience'> & {
  _rev?: string;
  memberCount?: number;
  audience?: unknown;
  [key: string]: unknown;
};

export interface SecurityObject {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
  /** `{ user: ISO until }`: muted members may not write (enforced by `_design/rules`). */
  mutes?: Record<string, string>;
  [key: string]: unknown;
}

export interface Account {
  name: string;
  password: string;
  roles: string[];
  /** The account's circle list (`quanziCircles`, src/hub/account-circles.ts), when it starts with one. */
  circleList?: string[];
}

export class HubAdminError extends Error {
  constructor(readonly status: number, readonly body: unknown, readonly what: string) {
    super(`${what}: ${status} ${JSON.stringify(body)}`);
    this.name = 'HubAdminError';
  }
}

/** A tiny HTTP client with the server admin's credentials (Basic auth). */
export class HubAdmin {
  readonly url: string;
  private readonly auth: string;
  constructor(url: string, user: string, password: string) {
    this.url = url.endsWith('/') ? url : `${url}/`;
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(this.url + path, {
      method,
      headers: { Authorization: this.auth, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Like `request` but throws unless the status is one of `ok`. */
  async expect<T = Record<string, unknown>>(ok: number[], method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.request<T>(method, path, body);
    if (!ok.includes(answer.status)) throw new HubAdminError(answer.status, answer.body, `${method} /${path}`);
    return answer.body;
  }
}

const enc = encodeURIComponent;

/** Creates the db if missing; true when it was created just now (so nothing in it needs checking). */
export async function ensureDb(admin: HubAdmin, db: string): Promise<boolean> {
  const { status, body } = await admin.request('PUT', enc(db));
  if (status === 201 || status === 202) return true;
  if (status === 412) return false;
  throw new HubAdminError(status, body, `PUT /${db}`);
}

/** Sets `_security` when the db has none yet; afterwards only makes sure `platform-admin` stays an admin. */
export async function ensureSecurity(admin: HubAdmin, db: string, wanted: SecurityObject): Promise<void> {
  const current = await admin.expect<Partial<SecurityObject>>([200], 'GET', `${enc(db)}/_security`);
  const hasAny = Boolean(current.admins?.names?.length || current.admins?.roles?.length || current.members?.names?.length || current.members?.roles?.length);
  if (!hasAny) {
    await admin.expect([200, 201], 'PUT', `${enc(db)}/_security`, wanted);
    return;
  }
  const roles = current.admins?.roles ?? [];
  if (!roles.includes(PLATFORM_ADMIN_ROLE)) {
    const fixed = { ...current, admins: { names: current.admins?.names ?? [], roles: [...roles, PLATFORM_ADMIN_ROLE] } };
    await admin.expect([200, 201], 'PUT', `${enc(db)}/_security`, fixed);
  }
}

/** Installs `_design/rules` when missing or when the rules source changed. */
export async function ensureRules(admin: HubAdmin, db: string, kind: RulesKind): Promise<void> {
  const wanted = rulesDesignDoc(kind);
  const current = await admin.request<{ _rev?: string; version?: string }>('GET', `${enc(db)}/${RULES_DESIGN_ID}`);
  if (current.status === 200 && current.body.version === wanted.version) return;
  await admin.expect([201, 202], 'PUT', `${enc(db)}/${RULES_DESIGN_ID}`, { ...wanted, ...(current.status === 200 ? { _rev: current.body._rev } : {}) });
}

export function circleSecurity(entry: Pick<CatalogEntry, 'operators' | 'policy'>, members: string[] = []): SecurityObject {
  return {
    admins: { names: [...entry.operators], roles: [PLATFORM_ADMIN_ROLE] },
    members: entry.policy === 'approval' ? { names: [...members], roles: [PLATFORM_ADMIN_ROLE] } : { names: [], roles: [] },
    mutes: {},
  };
}

/**
 * One circle: its db, `_security`, rules, and for approval circles the requests db; not the catalog entry.
 * A db created just now gets its `_security`, then the demo `content` (if any), then the rules, without
 * reading anything back first: that keeps the embedded hub's start fast. The seed content is checked
 * against the rules by the unit tests instead (tests/unit/hub/provision.test.ts).
 */
export async function provisionCircle(admin: HubAdmin, entry: CatalogEntry, approvedMembers: string[] = [], content?: object[]): Promise<void> {
  const db = circleDbName(entry._id);
  const security = circleSecurity(entry, approvedMembers);
  if (await ensureDb(admin, db)) {
    await admin.expect([200, 201], 'PUT', `${enc(db)}/_security`, security);
    // Demo content goes in only with a db created just now: a restart never duplicates or resurrects it.
    if (content?.length) await bulkWrite(admin, db, content);
    await admin.expect([201, 202], 'PUT', `${enc(db)}/${RULES_DESIGN_ID}`, rulesDesignDoc('circle'));
  } else {
    await ensureSecurity(admin, db, security);
    await ensureRules(admin, db, 'circle');
  }
  if (entry.policy === 'approval') {
    const requests = requestsDbName(entry._id);
    const requestsSecurity: SecurityObject = { admins: { names: [...entry.operators], roles: [PLATFORM_ADMIN_ROLE] }, members: { names: [], roles: [] } };
    if (await ensureDb(admin, requests)) {
      await admin.expect([200, 201], 'PUT', `${enc(requests)}/_security`, requestsSecurity);
      await admin.expect([201, 202], 'PUT', `${enc(requests)}/${RULES_DESIGN_ID}`, rulesDesignDoc('requests'));
    } else {
      await ensureSecurity(admin, requests, requestsSecurity);
      await ensureRules(admin, requests, 'requests');
    }
  }
}

export async function provisionCatalogDb(admin: HubAdmin): Promise<void> {
  await ensureDb(admin, CATALOG_DB);
  await ensureSecurity(admin, CATALOG_DB, { admins: { names: [], roles: [PLATFORM_ADMIN_ROLE] }, members: { names: [], roles: [] } });
  await ensureRules(admin, CATALOG_DB, 'catalog');
}

/**
 * Adds the catalog entries that are missing. Existing entries keep their run-time edits; only fields they do not
 * have at all are added from the seed (a field a newer version introduced, such as `merchants`).
 */
export async function ensureCatalogEntries(admin: HubAdmin, entries: CatalogEntry[]): Promise<number> {
  const existing = await admin.expect<{ rows: { key: string; error?: string; value?: { deleted?: boolean }; doc?: CatalogEntry | null }[] }>(
    [200], 'POST', `${CATALOG_DB}/_all_docs?include_docs=true`, { keys: entries.map((e) => e._id) },
  );
  const stored = new Map(existing.rows.filter((r) => !r.error && !r.value?.deleted && r.doc).map((r) => [r.key, r.doc!]));
  const missing = entries.filter((e) => !stored.has(e._id)).map(({ _rev, ...entry }) => (void _rev, entry));
  const backfilled: CatalogEntry[] = [];
  for (const entry of entries) {
    const doc = stored.get(entry._id);
    if (!doc) continue;
    const added = Object.entries(entry).filter(([key]) => key !== '_rev' && !(key in doc));
    if (added.length) backfilled.push({ ...doc, ...Object.fromEntries(added) });
  }
  if (missing.length || backfilled.length) await bulkWrite(admin, CATALOG_DB, [...missing, ...backfilled]);
  return missing.length;
}

/** Creates the accounts that do not exist yet (CouchDB hashes the passwords). */
export async function ensureAccounts(admin: HubAdmin, accounts: Account[]): Promise<number> {
  await ensureDb(admin, '_users');
  const ids = accounts.map((a) => `org.couchdb.user:${a.name}`);
  const existing = await admin.expect<{ rows: { key: string; error?: string; value?: { deleted?: boolean } }[] }>([200], 'POST', '_users/_all_docs', { keys: ids });
  const present = new Set(existing.rows.filter((r) => !r.error && !r.value?.deleted).map((r) => r.key));
  const missing = accounts.filter((a) => !present.has(`org.couchdb.user:${a.name}`));
  if (missing.length) {
    await bulkWrite(admin, '_users', missing.map((a) => ({
      _id: `org.couchdb.user:${a.name}`, type: 'user', name: a.name, password: a.password, roles: a.roles,
      ...(a.circleList ? { quanziCircles: [...a.circleList].sort() } : {}),
    })));
  }
  return missing.length;
}

/** `_bulk_docs`, refusing silently only on conflicts (an id already there = already provisioned). */
export async function bulkWrite(admin: HubAdmin, db: string, docs: object[]): Promise<void> {
  const results = await admin.expect<{ id: string; error?: string; reason?: string }[]>([201, 202], 'POST', `${enc(db)}/_bulk_docs`, { docs });
  const failed = results.filter((r) => r.error && r.error !== 'conflict');
  if (failed.length) throw new HubAdminError(400, failed.slice(0, 3), `bulk write to ${db}`);
}

/** Runs `task` over `items` with at most `limit` in flight (a hub answers faster than one request at a time). */
export async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(workers);
}

export interface ProvisionInput {
  catalog: CatalogEntry[];
  accounts: Account[];
  /** Approved members of approval circles at first provisioning (circle id → names). */
  approvedMembers?: Record<string, string[]>;
  /** Demo content per circle id; omitted for a production hub. */
  content?: Record<string, object[]>;
  concurrency?: number;
}

/** Provisions a whole hub: catalog db and entries, every circle, the accounts, and the demo content if given. */
export async function provisionHub(admin: HubAdmin, input: ProvisionInput): Promise<{ accountsCreated: number; entriesCreated: number }> {
  const concurrency = input.concurrency ?? 8;
  await provisionCatalogDb(admin);
  const [accountsCreated, entriesCreated] = await Promise.all([ensureAccounts(admin, input.accounts), ensureCatalogEntries(admin, input.catalog)]);
  await inParallel(input.catalog, concurrency, async (entry) => {
    await provisionCircle(admin, entry, input.approvedMembers?.[entry._id] ?? [], input.content?.[entry._id]);
  });
  return { accountsCreated, entriesCreated };
}

/**
 * Creating a circle (a signed-in person asked for it; a platform admin runs this on CouchDB, the embedded hub
 * runs it at once): the circle db, `_security`, rules, then the catalog entry last so the circle is never
 * listed before it can be joined. The requester becomes its operator and gains the `operator` role.
 */
export async function createCircle(admin: HubAdmin, entry: CatalogEntry): Promise<void> {
  if (!CIRCLE_ID_PATTERN.test(entry._id)) throw new HubAdminError(400, { error: 'bad_request', reason: `circle id must match ${CIRCLE_ID_PATTERN}` }, 'create circle');
  const exists = await admin.request('GET', `${CATALOG_DB}/${enc(entry._id)}`);
  if (exists.status === 200) throw new HubAdminError(409, { error: 'conflict', reason: `a circle with id ${entry._id} already exists` }, 'create circle');
  await provisionCircle(admin, entry);
  await admin.expect([201, 202], 'PUT', `${CATALOG_DB}/${enc(entry._id)}`, entry);
  for (const operator of entry.operators) await grantRole(admin, operator, OPERATOR_ROLE);
}

/** Adds a role to a `_users` account (server admin only). */
export async function grantRole(admin: HubAdmin, user: string, role: string): Promise<void> {
  const path = `_users/${enc(`org.couchdb.user:${user}`)}`;
  const doc = await admin.request<{ roles?: string[] }>('GET', path);
  if (doc.status !== 200) return;
  const roles = doc.body.roles ?? [];
  if (roles.includes(role)) return;
  await admin.expect([201, 202], 'PUT', path, { ...doc.body, roles: [...roles, role] });
}
