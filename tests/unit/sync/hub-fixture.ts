// Helpers for the sync tests: a fresh Dexie database and a fresh hub account per test, talking to the real
// embedded hub started by tests/unit/global-setup.ts. Every URL a client requests is recorded.
import { inject } from 'vitest';
import { HubClient } from '../../../src/hub/client';
import { QuanziDB } from '../../../src/db/schema';
import { signIn, signUp } from '../../../src/hub/session';

/** False until src/hub/dev-hub.ts exists (global-setup starts it); the hub tests are skipped without it. */
export const hasHub = Boolean((inject('hubUrl' as never) as string | undefined) ?? process.env.QUANZI_HUB_URL);

export function hubUrl(): string {
  const url = (inject('hubUrl' as never) as string | undefined) ?? process.env.QUANZI_HUB_URL;
  if (!url) throw new Error('the embedded hub did not start (src/hub/dev-hub.ts)');
  return url;
}

export interface Recorded {
  method: string;
  url: string;
  body?: string;
  /** The hub's answer, once it came. */
  status?: number;
}

export interface Recorder {
  client: HubClient;
  requests: Recorded[];
  /** Called (and awaited) before each request is sent; throw to simulate the network failing before the hub sees it. */
  before?: (url: string) => void | Promise<void>;
  /** Called after the hub answered; throw to simulate a lost response (the hub DID process the request). */
  after?: (url: string) => void;
}

/** A client whose fetch records every request and lets a test cut the network before or after the hub. */
export function recordingClient(): Recorder {
  const recorder: Recorder = {
    requests: [],
    client: new HubClient({
      baseUrl: hubUrl(),
      fetch: async (input, init) => {
        const recorded: Recorded = { method: init?.method ?? 'GET', url: input, body: typeof init?.body === 'string' ? init.body : undefined };
        recorder.requests.push(recorded);
        await recorder.before?.(input);
        const response = await fetch(input, init);
        recorded.status = response.status;
        if (recorder.after) {
          const text = await response.clone().text();
          void text;
          recorder.after(input);
        }
        return response;
      },
    }),
  };
  return recorder;
}

let counter = 0;
export function freshDb(): QuanziDB {
  return new QuanziDB(`sync-test-${process.pid}-${Date.now()}-${counter++}`);
}

export async function newMember(prefix = 'm') {
  const recorder = recordingClient();
  const db = freshDb();
  const name = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
  await signUp(name, 'correct-horse-1', recorder.client, db);
  return Object.assign(recorder, { db, name });
}

/** One account signed in on two devices (two databases, two cookie jars): the phone signed up, the desktop signed in. */
export async function twoDevicesOfOneAccount(prefix: string) {
  const phone = await newMember(prefix);
  const desktop = Object.assign(recordingClient(), { db: freshDb() });
  await signIn(phone.name, 'correct-horse-1', desktop.client, desktop.db);
  return { phone, desktop };
}

/** Admin or operator requests straight to the hub (seeding many docs for paging tests). */
export async function signedInClient(name: string, password: string): Promise<HubClient> {
  const client = new HubClient({ baseUrl: hubUrl() });
  await client.post('_session', { name, password });
  return client;
}

export interface CatalogDoc {
  _id: string;
  policy?: string;
  [key: string]: unknown;
}

export async function hubCatalog(): Promise<CatalogDoc[]> {
  const client = new HubClient({ baseUrl: hubUrl() });
  const all = await client.get<{ rows: { doc: CatalogDoc }[] }>('catalog/_all_docs', { query: { include_docs: true } });
  return all.rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_design/'));
}
