// The persistent dev hub (`npm run dev`, data in .hub-data) keeps its accounts across restarts, and so must it keep
// the sessions signed in to them: the cookie's signing secret is kept with the data, not made anew at each start.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'quanzi-hub-restart-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started { url: string; storage: string; admin: { name: string; password: string }; stop(): Promise<void> }

async function startHubProcess(): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/run-dev-hub.ts', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.push(child);
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return {
    ...(JSON.parse(line) as Omit<Started, 'stop'>),
    async stop() {
      child.kill();
      await once(child, 'exit');
    },
  };
}

async function sessionName(url: string, cookie: string): Promise<string | null> {
  const answer = (await (await fetch(new URL('_session', url), { headers: { cookie } })).json()) as { userCtx: { name: string | null } };
  return answer.userCtx.name;
}

describe('the persistent dev hub', () => {
  it('a session signed in before a restart is still signed in after it', async () => {
    const first = await startHubProcess();
    expect(first.storage).toBe('leveldb');
    const user = { _id: 'org.couchdb.user:restart-lin', name: 'restart-lin', password: 'secret-pass', roles: [], type: 'user' };
    const created = await fetch(new URL('_users/org.couchdb.user:restart-lin', first.url), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
    expect(created.status).toBe(201);
    const signIn = await fetch(new URL('_session', first.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: user.name, password: user.password }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^AuthSession=./);
    expect(await sessionName(first.url, cookie)).toBe('restart-lin');
    await first.stop();

    const second = await startHubProcess();
    try {
      expect(second.storage).toBe('leveldb');
      expect(await sessionName(second.url, cookie)).toBe('restart-lin');
      // The server admin stays the same too, for scripts that read it from the data folder.
      expect(second.admin).toEqual(first.admin);
      expect(Object.keys(JSON.parse(readFileSync(join(dataDir, 'admin.json'), 'utf8')) as object).sort()).toEqual(['cookieSecret', 'name', 'password']);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
