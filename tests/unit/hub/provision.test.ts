// Provisioning is idempotent and keeps run-time changes; the seed is complete and passes the rules.
import { describe, expect, it } from 'vitest';
import { circleSecurity, provisionHub, requestsDbName, type CatalogEntry } from '../../../src/hub/provision';
import { CIRCLE_RULES_SOURCE, rulesDesignDoc } from '../../../src/hub/rules';
import { demoAccounts, seedPlan } from '../../../src/hub/dev-hub';
import { circleContent } from '../../../src/hub/seed/content';
import { REACTION_KINDS } from '../../../src/core/circles/content/types';
import accounts from '../../../src/hub/seed/accounts.json' with { type: 'json' };
import catalogJson from '../../../src/hub/seed/catalog.json' with { type: 'json' };
import { main as provisionScript } from '../../../scripts/provision-couchdb';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, hubUrl, newPerson, serverAdmin } from './hub-http';
import { inject } from 'vitest';

const catalog = catalogJson as unknown as CatalogEntry[];
const plan = seedPlan(catalog, accounts);

describe('provisionHub', () => {
  it('run again on the seeded hub: creates nothing, duplicates nothing, keeps approvals and mutes, restores changed rules', async () => {
    const admin = serverAdmin();
    const approval = catalog.find((c) => c.policy === 'approval')!;
    const open = catalog.find((c) => c.policy === 'open')!;
    const db = `circle_${approval._id}`;
    // run-time changes an operator made
    const security = await admin.expect<Record<string, any>>([200], 'GET', `${db}/_security`);
    security.members.names.push('approved-at-run-time');
    security.mutes = { 'muted-at-run-time': '2999-01-01T00:00:00.000Z' };
    await admin.expect([200], 'PUT', `${db}/_security`, security);
    // an outdated rules doc
    const rules = await admin.expect<{ _rev: string }>([200], 'GET', `circle_${open._id}/_design/rules`);
    await admin.expect([201], 'PUT', `circle_${open._id}/_design/rules`, { ...rulesDesignDoc('circle'), _rev: rules._rev, validate_doc_update: 'function(){}', version: 'old' });
    const before = await admin.expect<{ doc_count: number }>([200], 'GET', `circle_${open._id}`);

    const now = Date.now();
    const content = Object.fromEntries(catalog.map((e) => [e._id, circleContent(e, plan.peopleOf(e), now)]));
    for (let run = 0; run < 2; run++) {
      const result = await provisionHub(admin, { catalog, accounts: demoAccounts(catalog), approvedMembers: plan.approvedMembers, content });
      expect(result).toEqual({ accountsCreated: 0, entriesCreated: 0 });
    }

    const after = await admin.expect<{ doc_count: number }>([200], 'GET', `circle_${open._id}`);
    expect(after.doc_count).toBe(before.doc_count);
    const kept = await admin.expect<Record<string, any>>([200], 'GET', `${db}/_security`);
    expect(kept.members.names).toContain('approved-at-run-time');
    expect(kept.mutes).toEqual({ 'muted-at-run-time': '2999-01-01T00:00:00.000Z' });
    const restored = await admin.expect<{ version: string; validate_doc_update: string }>([200], 'GET', `circle_${open._id}/_design/rules`);
    expect(restored.version).toBe(rulesDesignDoc('circle').version);
    expect(restored.validate_doc_update).toBe(CIRCLE_RULES_SOURCE);
  });

  it('provisions a missing circle from scratch and the catalog lists every seed circle', async () => {
    const admin = serverAdmin();
    const entry: CatalogEntry = { ...catalog.find((c) => c.policy === 'approval')!, _id: `prov-${Date.now().toString(36)}`, operators: ['demo-admin'] };
    await provisionHub(admin, { catalog: [entry], accounts: [] });
    await provisionHub(admin, { catalog: [entry], accounts: [] });
    const security = await admin.expect<Record<string, unknown>>([200], 'GET', `circle_${entry._id}/_security`);
    expect(security).toMatchObject(circleSecurity(entry));
    expect((await admin.request('GET', `${requestsDbName(entry._id)}/_design/rules`)).status).toBe(200);
    const all = await admin.expect<{ rows: { id: string }[] }>([200], 'GET', 'catalog/_all_docs');
    const ids = new Set(all.rows.map((r) => r.id));
    for (const c of catalog) expect(ids.has(c._id), c._id).toBe(true);
  });
});

describe('catalog fields a newer seed adds', () => {
  it('are added to entries that lack them; a value an operator set is kept', async () => {
    const admin = serverAdmin();
    const base = catalog.find((c) => c.merchants?.length)!;
    const older = { ...base, _id: `older-${Date.now().toString(36)}` };
    delete older.merchants;
    const edited = { ...base, _id: `${older._id}-edited` };
    delete edited.merchants;
    await provisionHub(admin, { catalog: [older, edited], accounts: [] });
    const stored = await admin.expect<CatalogEntry>([200], 'GET', `catalog/${edited._id}`);
    await admin.expect([201], 'PUT', `catalog/${edited._id}`, { ...stored, merchants: ['Set by the operator'] });

    await provisionHub(admin, { catalog: [{ ...older, merchants: ['瑞幸', 'luckin'] }, { ...edited, merchants: ['瑞幸'] }], accounts: [] });
    expect((await admin.expect<CatalogEntry>([200], 'GET', `catalog/${older._id}`)).merchants).toEqual(['瑞幸', 'luckin']);
    expect((await admin.expect<CatalogEntry>([200], 'GET', `catalog/${edited._id}`)).merchants).toEqual(['Set by the operator']);
  });
});

describe('scripts/provision-couchdb.ts (run here against the embedded hub: same HTTP API)', () => {
  it('provisions a catalog file twice, then creates one circle from a request file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quanzi-prov-'));
    const base = catalog.find((c) => c.policy === 'open')!;
    const entry = { ...base, _id: `script-${Date.now().toString(36)}`, operators: ['demo-admin'] };
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify([entry]));
    const admin = inject('hubAdmin');
    const env = { COUCHDB_URL: hubUrl(), COUCHDB_USER: admin.name, COUCHDB_PASSWORD: admin.password };
    const lines: string[] = [];
    await provisionScript(['--catalog', join(dir, 'catalog.json')], env, (line) => lines.push(line));
    await provisionScript(['--catalog', join(dir, 'catalog.json')], env, (line) => lines.push(line));
    expect(lines[0]).toMatch(/provisioned 1 circles \(1 new catalog entries, 0 new accounts\)/);
    expect(lines[1]).toMatch(/provisioned 1 circles \(0 new catalog entries, 0 new accounts\)/);
    const security = await serverAdmin().expect<Record<string, any>>([200], 'GET', `circle_${entry._id}/_security`);
    expect(security.admins.names).toEqual(['demo-admin']);

    const person = await newPerson('asked');
    const requested = { ...entry, _id: `${entry._id}-new`, operators: [person.name!] };
    writeFileSync(join(dir, 'circle.json'), JSON.stringify(requested));
    await provisionScript(['--create-circle', join(dir, 'circle.json')], env, (line) => lines.push(line));
    expect(lines[2]).toContain(`created circle ${requested._id}`);
    const session = await person.req<{ userCtx: { roles: string[] } }>('GET', '_session');
    expect(session.body.userCtx.roles).toContain('operator');
    expect((await person.req('PUT', `circle_${requested._id}/pin`, { type: 'pin', author: person.name, createdAt: new Date().toISOString(), text: 'hi' })).status).toBe(201);
    await expect(provisionScript(['--create-circle', join(dir, 'circle.json')], env, () => undefined)).rejects.toThrow(/already exists/);
    await expect(provisionScript([], {}, () => undefined)).rejects.toThrow(/COUCHDB_URL/);
  });
});

describe('demo accounts', () => {
  it('every catalog operator has an account, and each demo password signs in', async () => {
    const all = demoAccounts(catalog);
    for (const entry of catalog) for (const op of entry.operators) expect(all.some((a) => a.name === op), op).toBe(true);
    for (const account of [accounts.members[0]!, accounts.operators[0]!, accounts.platformAdmins[0]!]) {
      const session = await as(account.name, account.password).req<{ userCtx: { name: string; roles: string[] } }>('GET', '_session');
      expect(session.body.userCtx.name).toBe(account.name);
      expect(session.body.userCtx.roles).toEqual(account.roles);
    }
  });

  it('an operator account runs its circle: db admin there, nowhere else', async () => {
    const op = accounts.operators[0]!;
    const mine = `circle_${op.circles[0]}`;
    const notMine = `circle_${catalog.find((c) => !c.operators.includes(op.name))!._id}`;
    const person = as(op.name, op.password);
    const event = (id: string) => ({ _id: id, type: 'event', author: op.name, createdAt: new Date().toISOString(), title: 't', startsAt: new Date().toISOString() });
    expect((await person.req('PUT', `${mine}/event:op-test`, event('event:op-test'))).status).toBe(201);
    expect((await person.req('PUT', `${notMine}/event:op-test`, event('event:op-test'))).status).toBe(403);
  });
});

describe('seed content', () => {
  // The rules judge deadlines against the real clock, so the seed is built for today, as the hub builds it.
  const now = Date.now();
  const validate = new Function(`return (${CIRCLE_RULES_SOURCE})`)() as (n: unknown, o: unknown, u: unknown, s: unknown) => void;

  it('is deterministic for a given time', () => {
    const entry = catalog[0]!;
    expect(circleContent(entry, plan.peopleOf(entry), now)).toEqual(circleContent(entry, plan.peopleOf(entry), now));
  });

  it('reacts with the reactions the app offers, so a demo post shows its counts on those buttons', () => {
    const kinds = new Set(catalog.flatMap((entry) => (circleContent(entry, plan.peopleOf(entry), now) as { type: string; kind?: string }[])
      .filter((d) => d.type === 'reaction').map((d) => d.kind)));
    expect([...kinds].sort()).toEqual([...REACTION_KINDS].sort());
  });

  it('every seed doc passes the circle rules as its author', () => {
    let checked = 0;
    for (const entry of catalog) {
      const secObj = circleSecurity(entry, plan.approvedMembers[entry._id] ?? []);
      for (const seedDoc of circleContent(entry, plan.peopleOf(entry), now) as { author: string }[]) {
        expect(() => validate(seedDoc, null, { name: seedDoc.author, roles: [] }, secObj), JSON.stringify(seedDoc)).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('is lively: zh and en posts over weeks, comments, reactions, and events, offers and polls in several circles', () => {
    const docs = catalog.flatMap((e) => circleContent(e, plan.peopleOf(e), now)) as { type: string; text?: string; createdAt: string }[];
    const count = (type: string) => docs.filter((d) => d.type === type).length;
    expect(count('post')).toBeGreaterThan(300);
    expect(count('comment')).toBeGreaterThan(200);
    expect(count('reaction')).toBeGreaterThan(300);
    for (const type of ['event', 'offer', 'poll']) expect(count(type), type).toBeGreaterThanOrEqual(10);
    const posts = docs.filter((d) => d.type === 'post');
    expect(posts.some((p) => /[\u4e00-\u9fff]/.test(p.text!))).toBe(true);
    expect(posts.some((p) => /^[\x20-\x7e\u2019]+$/.test(p.text!))).toBe(true);
    const ages = posts.map((p) => (now - Date.parse(p.createdAt)) / 86_400_000);
    expect(Math.max(...ages)).toBeGreaterThan(28);
    expect(Math.min(...ages)).toBeLessThan(7);
  });
});
