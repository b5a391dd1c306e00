// Starts the embedded hub once for the Node tests, on 127.0.0.1 and a random port (see src/hub/dev-hub.ts).
// The URL reaches tests through process.env.QUANZI_HUB_URL.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  let close: (() => Promise<void>) | undefined;
  if (existsSync(new URL('../../src/hub/dev-hub.ts', import.meta.url))) {
    const { startDevHub } = await import('../../src/hub/dev-hub');
    const hub = await startDevHub({ port: 0, memory: true, seed: true });
    process.env.QUANZI_HUB_URL = hub.url;
    project.provide('hubUrl' as never, hub.url as never);
    close = hub.close;
  }
  return async () => close?.();
}
