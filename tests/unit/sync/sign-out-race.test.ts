// The hub renews the AuthSession cookie with every answer, and cannot revoke one: an answer that lands after the
// sign-out would sign the browser in again (seen in e2e: the fresh start after "delete everything" fetched the
// catalog while the pending sign-out went out). Against the real embedded hub, with Node's client keeping the
// cookie as a browser does.
import { describe, expect, it } from 'vitest';
import { HubClient } from '../../../src/hub/client';
import { checkSession, cutRequestsOnSignOutElsewhere, endHubSession, signUp } from '../../../src/hub/session';
import { freshDb, hasHub, hubUrl } from './hub-fixture';

let counter = 0;

/** A client whose requests to `slowPath` wait until released (or cut): an answer still on its way. */
function clientWithSlowPath(slowPath: string) {
  let entered!: () => void;
  const started = new Promise<void>((resolve) => (entered = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const sent: string[] = [];
  const base = hubUrl().replace(/\/+$/, '');
  let onSignOutSent: (() => void) | undefined;
  const client = new HubClient({
    baseUrl: hubUrl(),
    fetch: async (url, init) => {
      const path = url.slice(base.length + 1).split('?')[0]!;
      sent.push(`${init?.method ?? 'GET'} ${path}`);
      if (init?.method === 'DELETE') onSignOutSent?.();
      if (path === slowPath && (init?.method ?? 'GET') === 'GET' && sent.filter((s) => s === `GET ${slowPath}`).length === 1) {
        entered();
        await new Promise<void>((resolve, reject) => {
          void released.then(resolve);
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true });
        });
      }
      return fetch(url, init);
    },
  });
  return { client, started, release, sent, onSignOut: (f: () => void) => (onSignOutSent = f) };
}

async function signedUp(client: HubClient): Promise<string> {
  const name = `race${Date.now().toString(36)}${(counter++).toString(36)}`;
  await signUp(name, 'correct-horse-1', client, freshDb());
  return name;
}

describe.skipIf(!hasHub)('signing out while other requests are under way', () => {
  it('an answer still on its way is cut, so it cannot sign the browser in again', async () => {
    const { client, started, release } = clientWithSlowPath('catalog');
    const name = await signedUp(client);
    expect(await checkSession(client)).toBe(name);
    const slow = client.get('catalog').then(() => 'answered', (error: Error) => error.name);
    await started;
    expect(await endHubSession(client)).toBe(true);
    release();
    expect(await slow).toBe('AbortError');
    expect(await checkSession(client)).toBeUndefined();
  });

  it('a request made during the sign-out waits for it, and goes out signed out', async () => {
    const { client, sent, onSignOut } = clientWithSlowPath('none');
    await signedUp(client);
    let during: Promise<unknown> | undefined;
    onSignOut(() => (during ??= client.get('catalog').catch((error: Error) => error)));
    expect(await endHubSession(client)).toBe(true);
    await during;
    expect(sent.slice(sent.indexOf('DELETE _session'))).toEqual(['DELETE _session', 'GET _session', 'GET catalog']);
    expect(await checkSession(client)).toBeUndefined();
  });

  it('another tab signing out cuts this tab’s requests; this tab’s own sign-out message does not cut its own', async () => {
    const { client, started, release } = clientWithSlowPath('catalog');
    await signedUp(client);
    const stopListening = cutRequestsOnSignOutElsewhere(client);
    const slow = client.get('catalog').then(() => 'answered', (error: Error) => error.name);
    await started;
    const otherTab = new BroadcastChannel('quanzi-hub-session');
    otherTab.postMessage({ signingOut: 'another-tab' });
    otherTab.close();
    expect(await slow).toBe('AbortError');
    release();
    // Its own message reaches this tab's listener too: the sign-out it is sending must still go through.
    expect(await endHubSession(client)).toBe(true);
    expect(await checkSession(client)).toBeUndefined();
    stopListening();
  });
});
