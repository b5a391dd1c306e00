import type { Connect, Plugin } from 'vite';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { DevHub } from './dev-hub.ts';

/**
 * Mounts the embedded circle hub at /hub in the dev server (LevelDB under .hub-data/, survives restarts) and
 * in the preview server (memory, fresh each start). The hub module is imported only when a server starts,
 * so `vite build` never loads PouchDB. QUANZI_HUB_MEMORY=1 keeps the dev hub in memory too.
 *
 * The hub runs in-process: connect strips `/hub` from `req.url`, and express-pouchdb computes raw paths from
 * `req.originalUrl`, so that is reset to the stripped URL before handing over (otherwise every route would
 * look for a database called "hub"). Cookies (`AuthSession`, path /) and longpolls pass through unchanged.
 */
/**
 * The persistent dev hub lives once per process and data folder: Vite restarts the dev server (config edits)
 * by creating the new server before closing the old one, and a second hub on the same LevelDB folder would
 * find it locked. A global survives the re-bundled config module.
 */
const devHubs: Map<string, Promise<DevHub>> = ((globalThis as { __quanziDevHubs?: Map<string, Promise<DevHub>> }).__quanziDevHubs ??= new Map());

function startHub(options: { memory: boolean; root: string; shared: boolean }): Promise<DevHub> {
  const dataDir = resolve(options.root, '.hub-data');
  const start = () => import('./dev-hub.ts').then(({ startDevHub }) => startDevHub({ port: 0, memory: options.memory, seed: true, dataDir }));
  if (!options.shared) return start();
  const key = `${options.memory ? 'memory' : 'leveldb'}:${dataDir}`;
  let hub = devHubs.get(key);
  if (!hub) devHubs.set(key, (hub = start()));
  return hub;
}

function mount(middlewares: Connect.Server, hub: Promise<DevHub>): void {
  hub.catch((error) => console.error('[quanzi hub] failed to start:', error));
  middlewares.use('/hub', (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: Connect.NextFunction) => {
    req.originalUrl = req.url;
    hub.then((started) => started.handle(req, res), next);
  });
}

export function hubPlugin(): Plugin {
  return {
    name: 'quanzi-hub',
    configureServer(server) {
      mount(server.middlewares, startHub({ memory: process.env.QUANZI_HUB_MEMORY === '1', root: server.config.root, shared: true }));
    },
    configurePreviewServer(server) {
      const hub = startHub({ memory: true, root: server.config.root, shared: false });
      mount(server.middlewares, hub);
      server.httpServer.once('close', () => void hub.then((started) => started.close()).catch(() => undefined));
    },
  };
}
