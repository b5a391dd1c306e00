import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHubGuard } from './admin-api.ts';
import { createLongpollChanges, type ChangesDb } from './longpoll.ts';
import { HubAdmin, provisionHub, type Account, type CatalogEntry, type SecurityObject } from './provision.ts';
import { circleContent, linkedCircleContent } from './seed/content.ts';
import accountsFile from './seed/accounts.json' with { type: 'json' };
import catalogFile from './seed/catalog.json' with { type: 'json' };

/**
 * The embedded circle hub: express-pouchdb 4.2 ('fullCouchDB' mode) over PouchDB 9, speaking the CouchDB
 * protocol. Memory adapter for tests and `vite preview`, LevelDB under the git-ignored `.hub-data/` for
 * `npm run dev`. It listens on 127.0.0.1 only, ends the admin party at start (server admin from
 * QUANZI_HUB_ADMIN / QUANZI_HUB_ADMIN_PASSWORD, or a generated password), then provisions itself from
 * src/hub/seed (idempotent). Not a security boundary: see ARCHITECTURE.md "Known dev-hub gaps".
 */
const require = createRequire(import.meta.url);

export interface DevHubOptions {
  port?: number;
  memory?: boolean;
  seed?: boolean;
  /** Folder for LevelDB files when `memory` is false (default `<cwd>/.hub-data`). */
  dataDir?: string;
}

export interface DevHub {
  /** The CouchDB root, e.g. `http://127.0.0.1:5984/`. */
  url: string;
  close(): Promise<void>;
  /** The request handler, for mounting in another server (the Vite plugin mounts it at /hub). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The server admin (demo/local only). */
  admin: { name: string; password: string };
  /** How the hub stores its data: 'memory', or 'leveldb' (falls back to memory if the folder is locked). */
  storage: 'memory' | 'leveldb';
}

interface AccountsFile {
  defaultOperatorPassword: string;
  members: (Account & { approvalCircles?: boolean })[];
  platformAdmins: Account[];
  operators: (Account & { circles?: string[] })[];
}

type PouchStatic = {
  plugin(plugin: unknown): PouchStatic;
  defaults(options: Record<string, unknown>): PouchStatic;
  allDbs(): Promise<string[]>;
  new (name: string): { get(id: string): Promise<{ security?: Partial<SecurityObject> }>; close(): Promise<void> };
};

type ExpressApp = ((req: IncomingMessage, res: ServerResponse) => void) & {
  couchConfig: { set(section: string, key: string, value: unknown, callback: (error?: unknown) => void): void };
  use(handler: unknown): void;
  _router: { stack: { name: string; handle: unknown }[] };
};

let instances = 0;

/** The seeded people of each circle: approved demo members (approval circles) and the first operator. */
export function seedPlan(catalog: CatalogEntry[], accounts: AccountsFile) {
  const everyone = accounts.members.map((m) => m.name);
  const approved = accounts.members.filter((m) => m.approvalCircles).map((m) => m.name);
  const approvedMembers: Record<string, string[]> = {};
  for (const entry of catalog) if (entry.policy === 'approval') approvedMembers[entry._id] = approved;
  const peopleOf = (entry: CatalogEntry) => ({ members: entry.policy === 'approval' ? approved : everyone, operator: entry.operators[0] ?? 'demo-admin' });
  return { approvedMembers, peopleOf };
}

/** accounts.json plus an account for any catalog operator it does not list (so a new brand still gets one). */
export function demoAccounts(catalog: CatalogEntry[], file: AccountsFile = accountsFile as AccountsFile): Account[] {
  const approval = catalog.filter((entry) => entry.policy === 'approval').map((entry) => entry._id);
  // A demo member's circle list names the approval circles it is approved in, which is what its first look at the
  // whole catalog found before it had a list. Not the open circles whose member docs the seed writes: signing in
  // brings back only what the person joined on a device (those docs make them people of the circle for its operator).
  const members = file.members.map(({ name, password, roles, approvalCircles }) => ({ name, password, roles, circleList: approvalCircles ? approval : [] }));
  const listed: Account[] = [...members, ...[...file.platformAdmins, ...file.operators].map(({ name, password, roles }) => ({ name, password, roles }))];
  const names = new Set(listed.map((a) => a.name));
  for (const entry of catalog) {
    for (const operator of entry.operators) {
      if (!names.has(operator)) {
        names.add(operator);
        listed.push({ name: operator, password: file.defaultOperatorPassword, roles: ['operator'] });
      }
    }
  }
  return listed;
}

interface ServerSecrets {
  name: string;
  password: string;
  /** Signs the session cookies: kept with the data, so a restart of a persistent hub does not sign everyone out. */
  cookieSecret: string;
}

function serverSecrets(dataDir: string | undefined): ServerSecrets {
  const name = process.env.QUANZI_HUB_ADMIN || 'hub-admin';
  // Persistent dev hub: keep the generated password next to the data so `curl` can use it (git-ignored).
  const file = dataDir ? resolve(dataDir, 'admin.json') : undefined;
  const kept = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerSecrets>) : {};
  const secrets: ServerSecrets = {
    name: kept.name ?? name,
    password: kept.password ?? randomBytes(18).toString('base64url'),
    cookieSecret: kept.cookieSecret ?? randomBytes(16).toString('hex'),
  };
  if (file && (kept.password === undefined || kept.cookieSecret === undefined)) writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  if (process.env.QUANZI_HUB_ADMIN_PASSWORD) return { ...secrets, name, password: process.env.QUANZI_HUB_ADMIN_PASSWORD };
  return secrets;
}

let pouchWithPlugins: PouchStatic | undefined;
/** PouchDB with its plugins, once per process: `plugin` changes the shared constructor, and refuses a second time. */
function pouchBase(): PouchStatic {
  return (pouchWithPlugins ??= (require('pouchdb-core') as PouchStatic).plugin(require('pouchdb-mapreduce')).plugin(require('pouchdb-replication')));
}

const SESSION_SECONDS = 2_592_000;

/**
 * Gives the session cookie the session's lifetime, as CouchDB's `allow_persistent_cookies` does in production:
 * express-pouchdb sends it as a browser-session cookie, so closing the browser (or an installed app) signed the
 * person out of the hub. It re-sends the cookie on every request signed in by it, so the 30 days run from the
 * last use. A cookie being cleared (sign out) is left as it is.
 */
export function withPersistentSession(res: ServerResponse): ServerResponse {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    if (String(name).toLowerCase() !== 'set-cookie') return setHeader(name, value);
    const persist = (cookie: string) => (/^AuthSession=[^;]+/.test(cookie) && !/;\s*(max-age|expires)=/i.test(cookie) ? `${cookie}; Max-Age=${SESSION_SECONDS}` : cookie);
    return setHeader(name, Array.isArray(value) ? value.map((v) => persist(String(v))) : typeof value === 'string' ? persist(value) : value);
  };
  return res;
}

/** True when nobody else holds the LevelDB lock of this data folder (another dev server of this tree may). */
function levelDbFree(dataDir: string): Promise<boolean> {
  const leveldown = require('leveldown') as (location: string) => { open(cb: (error?: Error) => void): void; close(cb: () => void): void };
  const probe = leveldown(resolve(dataDir, 'pouch__all_dbs__'));
  return new Promise((done) => probe.open((error) => (error ? done(false) : probe.close(() => done(true)))));
}

async function choosePouch(memory: boolean, dataDir: string): Promise<{ Pouch: PouchStatic; storage: 'memory' | 'leveldb' }> {
  if (!memory) {
    mkdirSync(dataDir, { recursive: true });
    if (await levelDbFree(dataDir)) {
      return { Pouch: pouchBase().plugin(require('pouchdb-adapter-leveldb')).defaults({ prefix: `${dataDir}/` }), storage: 'leveldb' };
    }
    console.warn(`[quanzi hub] ${dataDir} is in use by another hub; this one keeps its data in memory.`);
  }
  // A prefix per instance: memdown shares stores by name within a process (tests start several hubs).
  const Pouch = pouchBase().plugin(require('pouchdb-adapter-memory')).defaults({ adapter: 'memory', prefix: `quanzi-hub-${process.pid}-${instances++}-` });
  return { Pouch, storage: 'memory' };
}

/** Inserts `handler` into express-pouchdb right after the layer that resolves `req.couchSession`. */
function insertAfterSession(app: ExpressApp, ...handlers: unknown[]): void {
  for (const handler of handlers) app.use(handler);
  const stack = app._router.stack;
  const layers = stack.splice(stack.length - handlers.length, handlers.length);
  const cookieLayer = stack.findIndex((l) => l.name === 'cookieParser');
  if (cookieLayer < 0) throw new Error('express-pouchdb changed: no cookieParser layer to anchor the hub guard');
  stack.splice(cookieLayer + 2, 0, ...layers);
}

export async function startDevHub(options: DevHubOptions = {}): Promise<DevHub> {
  const memory = options.memory ?? true;
  const dataDir = resolve(options.dataDir ?? '.hub-data');
  const { Pouch, storage } = await choosePouch(memory, dataDir);
  const { cookieSecret, ...admin } = serverSecrets(storage === 'leveldb' ? dataDir : undefined);
  const expressPouchDB = require('express-pouchdb') as (pouch: PouchStatic, opts: Record<string, unknown>) => ExpressApp;
  const app = expressPouchDB(Pouch, {
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: devNull,
    // Not needed by the app, and each costs start-up time or opens extra databases.
    overrideMode: { exclude: ['routes/fauxton', 'replicator', 'routes/replicate', 'routes/active-tasks', 'routes/db-updates', 'routes/http-log'] },
  });
  await new Promise<void>((done, fail) => app.couchConfig.set('admins', admin.name, admin.password, (error) => (error ? fail(error) : done())));
  await new Promise<void>((done, fail) => app.couchConfig.set('log', 'level', 'error', (error) => (error ? fail(error) : done())));
  // Sessions last 30 days from their last use, as scripts/provision-couchdb.ts sets up production (express-pouchdb's
  // default of 10 minutes signed people out on every return). Its persistent-cookie option is left off: it passes
  // this number of seconds to Express as milliseconds, so the browser would drop the cookie after 43 minutes. The
  // cookie gets its lifetime in `withPersistentSession` instead.
  await new Promise<void>((done, fail) => app.couchConfig.set('couch_httpd_auth', 'timeout', SESSION_SECONDS, (error) => (error ? fail(error) : done())));
  await new Promise<void>((done, fail) => app.couchConfig.set('couch_httpd_auth', 'secret', cookieSecret, (error) => (error ? fail(error) : done())));

  const rawDbs = new Map<string, InstanceType<PouchStatic>>();
  let hubAdmin: HubAdmin;
  /** Unwrapped handles (no express-pouchdb security/validation), only for dbs that exist: opening creates. */
  const raw = async (db: string) => {
    if (!(await Pouch.allDbs()).includes(db)) return undefined;
    let handle = rawDbs.get(db);
    if (!handle) rawDbs.set(db, (handle = new Pouch(db)));
    return handle;
  };
  insertAfterSession(app, createHubGuard({
    admin: () => hubAdmin,
    async security(db) {
      const doc = await (await raw(db))?.get('_local/_security').catch(() => ({ security: {} }));
      return doc ? (doc.security ?? {}) : undefined;
    },
    async accountRoles(name) {
      const doc = (await (await raw('_users'))?.get(`org.couchdb.user:${name}`).catch(() => undefined)) as { roles?: string[] } | undefined;
      return doc ? (doc.roles ?? []) : undefined;
    },
  }), createLongpollChanges(async (db) => (await raw(db)) as unknown as ChangesDb | undefined));

  const handle = (req: IncomingMessage, res: ServerResponse) => app(req, withPersistentSession(res));
  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  hubAdmin = new HubAdmin(url, admin.name, admin.password);

  if (options.seed ?? true) {
    const catalog = catalogFile as unknown as CatalogEntry[];
    const accounts = accountsFile as AccountsFile;
    const { approvedMembers, peopleOf } = seedPlan(catalog, accounts);
    const now = Date.now();
    const content = Object.fromEntries(catalog.map((entry) => [entry._id, circleContent(entry, peopleOf(entry), now)]));
    for (const [id, docs] of Object.entries(linkedCircleContent(catalog, content))) content[id] = [...(content[id] ?? []), ...docs];
    await provisionHub(hubAdmin, { catalog, accounts: demoAccounts(catalog), approvedMembers, content });
  }

  return {
    url,
    admin,
    storage,
    handle,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await Promise.all([...rawDbs.values()].map((db) => db.close().catch(() => undefined)));
    },
  };
}
