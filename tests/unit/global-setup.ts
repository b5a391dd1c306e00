// Starts the embedded hub once for the Node tests, on 127.0.0.1 and a random port (see src/hub/dev-hub.ts), in
// memory and seeded. Tests get its URL through `inject('hubUrl')` or process.env.QUANZI_HUB_URL, and the
// server admin (for provisioning tests) through `inject('hubAdmin')` or QUANZI_HUB_ADMIN/_PASSWORD.
import type { TestProject } from 'vitest/node';
import { startDevHub } from '../../src/hub/dev-hub';

declare module 'vitest' {
  export interface ProvidedContext {
    hubUrl: string;
    hubAdmin: { name: string; password: string };
  }
}

export default async function setup(project: TestProject) {
  const hub = await startDevHub({ port: 0, memory: true, seed: true });
  process.env.QUANZI_HUB_URL = hub.url;
  process.env.QUANZI_HUB_ADMIN = hub.admin.name;
  process.env.QUANZI_HUB_ADMIN_PASSWORD = hub.admin.password;
  project.provide('hubUrl', hub.url);
  project.provide('hubAdmin', hub.admin);
  return async () => hub.close();
}
