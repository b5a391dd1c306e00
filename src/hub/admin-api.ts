import type { IncomingMessage, ServerResponse } from 'node:http';
import { CATALOG_DB, CIRCLE_ID_PATTERN, createCircle, HubAdminError, type CatalogEntry, type HubAdmin, type SecurityObject } from './provision.ts';
import { checkCriteria } from '../core/circles/criteria.ts';
import { checkStatementNames, MAX_STATEMENT_NAME_LENGTH, MIN_STATEMENT_NAME_LENGTH } from '../core/circles/statement-names.ts';
import type { Criteria } from '../core/circles/types.ts';

/**
 * The embedded hub's own layer, run inside express-pouchdb right after it has resolved the session
 * (`req.couchSession.userCtx`) and before any of its routes:
 *
 * 1. Access guard. It makes the embedded hub behave like the production CouchDB 3 set-up
 *    (`require_valid_user`, `admin_only_all_dbs`) and closes pouchdb-server's known gaps:
 *    - anonymous requests get 401, except `GET /`, `_session`, sign-up (`PUT _users/org.couchdb.user:<name>`)
 *      and reading the catalog (GET/HEAD only; the catalog is the same for everyone);
 *    - server-wide endpoints (`_all_dbs`, `_config`, `_replicate`, …) and creating/deleting databases are for
 *      server admins only (express-pouchdb crashes on a non-admin `PUT /<db>`);
 *    - every request into a database is checked against its `_security` (express-pouchdb skips it for
 *      `_bulk_get` and `_find`): non-members get 403;
 *    - `requests_<id>` is a drop box: a non-operator may only touch its own `request:<name>` doc, so members
 *      cannot read each other's join requests.
 * 2. `/_quanzi/…` endpoints, embedded hub only: `POST /_quanzi/circles` creates a circle at once.
 */
export interface UserCtx {
  name: string | null;
  roles: string[];
}

export interface GuardDeps {
  /** `_security` of an existing db, or `undefined` when there is no such db. */
  security(db: string): Promise<Partial<SecurityObject> | undefined>;
  /** A server-admin client of this same hub (for provisioning). */
  admin(): HubAdmin;
  /** The roles stored in an account, or `undefined` when there is no such account. */
  accountRoles(name: string): Promise<string[] | undefined>;
}

type Req = IncomingMessage & { couchSession?: { userCtx: UserCtx }; body?: unknown; _body?: boolean; couchSecurityObj?: unknown };

/**
 * Reads the JSON body so the guard can look inside, and leaves it parsed where express-pouchdb's body-parser
 * finds it (`req._body` tells body-parser the body was parsed already).
 */
async function peekJson(req: Req): Promise<unknown> {
  const body = await readJson(req, 64 * 1024 * 1024);
  req.body = body;
  req._body = true;
  return body;
}

/** The hidden doc where pouchdb-security keeps `_security`: writable through the doc APIs unless refused here. */
const SECURITY_DOC = '_local/_security';
type Next = (error?: unknown) => void;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'must-revalidate');
  res.end(JSON.stringify(body));
}

const unauthorized = (res: ServerResponse) => send(res, 401, { error: 'unauthorized', reason: 'Sign in first: this hub requires a valid user.' });
const forbidden = (res: ServerResponse, reason: string) => send(res, 403, { error: 'forbidden', reason });

function inSection(user: UserCtx, section: { names?: string[]; roles?: string[] } | undefined): boolean {
  if (!section) return false;
  return Boolean((user.name && section.names?.includes(user.name)) || section.roles?.some((role) => user.roles.includes(role)));
}

export function isDbAdmin(user: UserCtx, security: Partial<SecurityObject>): boolean {
  return user.roles.includes('_admin') || inSection(user, security.admins);
}

export function isDbMember(user: UserCtx, security: Partial<SecurityObject>): boolean {
  if (isDbAdmin(user, security)) return true;
  const members = security.members;
  const open = !members?.names?.length && !members?.roles?.length;
  return open ? user.name !== null : inSection(user, members);
}

function pathSegments(url: string): string[] {
  const path = url.split('?')[0] ?? '/';
  return path.split('/').filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HubAdminError(413, { error: 'too_large', reason: 'request body too large' }, 'read body');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HubAdminError(400, { error: 'bad_request', reason: 'invalid JSON' }, 'read body');
  }
}

export function createHubGuard(deps: GuardDeps) {
  return function hubGuard(req: Req, res: ServerResponse, next: Next): void {
    const user = req.couchSession?.userCtx ?? { name: null, roles: [] };
    guard(req, res, user, deps).then((pass) => (pass ? next() : undefined), (error) => {
      if (error instanceof HubAdminError) send(res, error.status, error.body);
      else send(res, 500, { error: 'internal', reason: error instanceof Error ? error.message : String(error) });
    });
  };
}

/** Resolves true when express-pouchdb may handle the request; otherwise it has answered already. */
async function guard(req: Req, res: ServerResponse, user: UserCtx, deps: GuardDeps): Promise<boolean> {
  const method = req.method ?? 'GET';
  const [first, ...rest] = pathSegments(req.url ?? '/');
  if (first === '_quanzi') return handleQuanzi(req, res, user, rest, deps);
  if (user.roles.includes('_admin')) return true;
  if (first === undefined || first === '_session' || first === '_uuids') return true;
  if (first === '_users') {
    // Only the account's own doc (pouchdb-auth checks it is one's own); sign-up is an anonymous PUT.
    if (rest.length === 1 && rest[0]!.startsWith('org.couchdb.user:') && ['GET', 'HEAD', 'PUT'].includes(method)) {
      if (method === 'PUT') return checkOwnRoles(req, res, rest[0]!.slice('org.couchdb.user:'.length), deps);
      // pouchdb-auth answered 500 for someone else's account (and for one that does not exist): refused here.
      if (user.name === null) return (unauthorized(res), false);
      if (rest[0] !== `org.couchdb.user:${user.name}`) return (forbidden(res, 'You may only read your own account.'), false);
      return true;
    }
    if (user.name === null) return (unauthorized(res), false);
    return (forbidden(res, 'Only a server admin may read the accounts database.'), false);
  }
  if (first.startsWith('_')) return (user.name === null ? unauthorized(res) : forbidden(res, 'Only a server admin may use this endpoint.'), false);
  if (rest.length === 0 && (method === 'PUT' || method === 'DELETE')) {
    return (user.name === null ? unauthorized(res) : forbidden(res, 'Only a server admin may create or delete databases.'), false);
  }
  const readOnly = method === 'GET' || method === 'HEAD';
  if (user.name === null && !(first === CATALOG_DB && readOnly)) return (unauthorized(res), false);

  const security = await deps.security(first);
  if (!security) return true; // express-pouchdb answers 404 no_db_file
  // express-pouchdb routes `_bulk_docs` before its security middleware, so validate_doc_update got an empty
  // secObj there (operators refused, mutes ignored); hand it the `_security` just read, as CouchDB does.
  req.couchSecurityObj = security;
  const docId = rest.join('/');
  if (docId === SECURITY_DOC) return (forbidden(res, 'Use /<db>/_security.'), false);
  if (!isDbMember(user, security) && first !== CATALOG_DB) return (forbidden(res, `You are not a member of ${first}.`), false);
  // express-pouchdb lets any member replace `_security` (its putSecurity check is skipped): only db admins may.
  if (docId === '_security' && !readOnly && !isDbAdmin(user, security)) return (forbidden(res, `Only an admin of ${first} may change its _security.`), false);
  if (method === 'POST' && (rest.length === 0 || docId === '_bulk_docs')) {
    const body = (await peekJson(req)) as { _id?: unknown; docs?: { _id?: unknown }[] } | null;
    const docs = rest.length === 0 ? [body] : Array.isArray(body?.docs) ? body.docs : [];
    if (docs.some((d) => typeof d?._id === 'string' && d._id.startsWith('_local/'))) return (forbidden(res, '_local docs cannot be written in bulk.'), false);
  }
  if (first === CATALOG_DB) return true; // public read; writes go through the catalog rules
  if (first.startsWith('requests_') && !isDbAdmin(user, security)) {
    const ownDoc = rest.length === 1 && rest[0] === `request:${user.name}`;
    if (!ownDoc || !['GET', 'HEAD', 'PUT', 'DELETE'].includes(method)) {
      return (forbidden(res, 'Join requests are private: you may only read and write request:<your name>.'), false);
    }
  }
  return true;
}

/** Sign-up and own-account edits: roles are granted by the hub only (pouchdb-auth would accept any). */
async function checkOwnRoles(req: Req, res: ServerResponse, name: string, deps: GuardDeps): Promise<boolean> {
  const body = (await peekJson(req)) as { roles?: unknown } | null;
  const wanted = Array.isArray(body?.roles) ? (body.roles as unknown[]) : [];
  const current = (await deps.accountRoles(name)) ?? [];
  const same = wanted.length === current.length && wanted.every((role, i) => role === current[i]);
  if (!same) return (forbidden(res, 'Roles are granted by the hub, not by the account holder.'), false);
  return true;
}

interface NewCircleBody {
  id?: string;
  name?: { zh?: string; en?: string };
  description?: { zh?: string; en?: string };
  operator?: string;
  topics?: Record<string, number>;
  policy?: string;
  audience?: unknown;
  merchants?: unknown;
}

function bad(reason: string): never {
  throw new HubAdminError(400, { error: 'bad_request', reason }, 'create circle');
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || !value.trim()) bad(`${field} is required`);
  if (value.length > max) bad(`${field} is longer than ${max} characters`);
  return value.trim();
}

/** Validates a circle request and turns it into a catalog entry run by the requester. */
export function newCircleEntry(body: NewCircleBody, requester: string): CatalogEntry {
  const id = text(body.id, 'id', 61);
  if (!CIRCLE_ID_PATTERN.test(id)) bad('id: lowercase letters, digits and "-", starting with a letter, 2–61 characters');
  const name = { zh: text(body.name?.zh, 'name.zh', 60), en: text(body.name?.en, 'name.en', 80) };
  const description = { zh: text(body.description?.zh, 'description.zh', 500), en: text(body.description?.en, 'description.en', 800) };
  if (body.policy !== 'open' && body.policy !== 'approval') bad('policy must be "open" or "approval"');
  const topics: Record<string, number> = {};
  for (const [topic, weight] of Object.entries(body.topics ?? {})) {
    if (typeof weight !== 'number' || !(weight >= 0 && weight <= 1)) bad(`topics.${topic} must be a weight between 0 and 1`);
    topics[topic] = weight;
  }
  let audience: Criteria | undefined;
  if (body.audience !== undefined) {
    const checked = checkCriteria(body.audience);
    if (!checked.ok) bad(`${checked.error.path}: not valid audience criteria (${checked.error.code}${checked.error.detail ? ` ${checked.error.detail}` : ''})`);
    audience = checked.criteria;
  }
  let merchants: string[] | undefined;
  if (body.merchants !== undefined) {
    const checked = checkStatementNames(body.merchants);
    if (!checked.ok) {
      const { code, detail } = checked.problem;
      bad(`merchants: ${code === 'list' ? 'not a list of names' : code === 'tooMany' ? `more than ${detail} names` : `'${detail}' is not ${MIN_STATEMENT_NAME_LENGTH} to ${MAX_STATEMENT_NAME_LENGTH} characters`}`);
    }
    if (checked.names.length) merchants = checked.names;
  }
  return {
    _id: id, name, description, operator: typeof body.operator === 'string' && body.operator.trim() ? body.operator.trim().slice(0, 60) : requester,
    operators: [requester], topics, policy: body.policy, memberCount: 0, ...(audience === undefined ? {} : { audience }),
    ...(merchants === undefined ? {} : { merchants }),
  };
}

async function handleQuanzi(req: Req, res: ServerResponse, user: UserCtx, rest: string[], deps: GuardDeps): Promise<false> {
  if (rest[0] === 'circles' && rest.length === 1 && req.method === 'POST') {
    if (!user.name) return (unauthorized(res), false);
    const entry = newCircleEntry((await readJson(req)) as NewCircleBody, user.name);
    await createCircle(deps.admin(), entry);
    send(res, 201, { ok: true, id: entry._id, db: `circle_${entry._id}`, entry });
    return false;
  }
  send(res, 404, { error: 'not_found', reason: 'unknown /_quanzi endpoint' });
  return false;
}
