// Raw HTTP against the embedded hub started by tests/unit/global-setup.ts: each helper acts as one person
// (Basic auth, as CouchDB allows) so a test can try every right directly, bypassing the app.
import { inject } from 'vitest';
import { HubAdmin } from '../../../src/hub/provision';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export function hubUrl(): string {
  return inject('hubUrl') ?? process.env.QUANZI_HUB_URL!;
}

export function serverAdmin(): HubAdmin {
  const admin = inject('hubAdmin');
  return new HubAdmin(hubUrl(), admin.name, admin.password);
}

export interface Person {
  name: string | null;
  req<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
}

export function as(name: string | null, password = 'test-password-1'): Person {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (name) headers.Authorization = `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
  return {
    name,
    async req<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(hubUrl() + path, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { text };
      }
      return { status: response.status, body: parsed as T };
    },
  };
}

export const anonymous = (): Person => as(null);

let counter = 0;
/** Signs up a fresh account (as anyone can) and returns it. */
export async function newPerson(prefix = 'u'): Promise<Person> {
  const name = `${prefix}-${process.pid.toString(36)}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const answer = await anonymous().req('PUT', `_users/org.couchdb.user:${name}`, { _id: `org.couchdb.user:${name}`, name, password: 'test-password-1', roles: [], type: 'user' });
  if (answer.status !== 201) throw new Error(`sign-up failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return as(name);
}

export const nowIso = () => new Date().toISOString();

/** A doc of `type` written by `author`, with the fields the rules require. */
export function doc(type: string, author: string, fields: Record<string, unknown> = {}, id?: string): Record<string, unknown> {
  return { _id: id ?? `${type}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, type, author, createdAt: nowIso(), ...fields };
}

/** Creates a fresh circle through the embedded hub's endpoint; `operator` becomes its operator. */
export async function newCircle(operator: Person, policy: 'open' | 'approval' = 'open'): Promise<string> {
  const id = `t-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const answer = await operator.req('POST', '_quanzi/circles', {
    id, policy, name: { zh: '测试圈', en: 'Test circle' }, description: { zh: '测试', en: 'Testing' }, topics: { coffee: 1 },
  });
  if (answer.status !== 201) throw new Error(`circle creation failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return id;
}

/** Reads `_security`, changes it, writes it back: what an operator's app does to approve, mute or add co-operators. */
export async function editSecurity(person: Person, db: string, change: (security: Record<string, any>) => void): Promise<Answer> {
  const current = await person.req<Record<string, any>>('GET', `${db}/_security`);
  if (current.status !== 200) return current;
  change(current.body);
  return person.req('PUT', `${db}/_security`, current.body);
}
