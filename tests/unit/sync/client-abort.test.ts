// A stopped sync loop must not wait on a response body that is still arriving (src/hub/client.ts bodyText).
import { describe, expect, it } from 'vitest';
import { HubClient } from '../../../src/hub/client';

/** A response whose body sends its first bytes and then never ends, as a large page on a slow link does. */
function endlessResponse(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"results":['));
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('hub client and abort', () => {
  it('a request whose body is still arriving rejects as soon as its signal aborts', async () => {
    const client = new HubClient({ baseUrl: 'http://127.0.0.1:9/hub', fetch: async () => endlessResponse() });
    const stop = new AbortController();
    const request = client.get('catalog/_changes', { signal: stop.signal });
    const outcome = request.then(() => 'resolved', (error: unknown) => (error as DOMException).name);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    const settled = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still pending'), 1000))]);
    expect(settled).toBe('AbortError');
  });

  it('an already aborted signal rejects without reading the body', async () => {
    const stop = new AbortController();
    const client = new HubClient({ baseUrl: 'http://127.0.0.1:9/hub', fetch: async () => (stop.abort(), endlessResponse()) });
    const outcome = client.get('catalog/_changes', { signal: stop.signal }).then(() => 'resolved', (error: unknown) => (error as DOMException).name);
    const settled = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still pending'), 1000))]);
    expect(settled).toBe('AbortError');
  });
});
