import type { Connect, Plugin } from 'vite';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { DevHub } from './dev-hub';

/**
 * Mounts the embedded circle hub at /hub in the dev server (LevelDB under .hub-data/, survives restarts) and
 * in the preview server (memory, fresh each start). The hub module is imported only when a server starts,
 * so `vite build` never loads PouchDB. QUANZI_HUB_MEMORY=1 keeps the dev hub in memory too.
 *
 * The hub runs in-process: connect strips `/hub` from `req.url`, and express-pouchdb computes raw paths from
 * `req.originalUrl`, so that is reset to the stripped URL before handing over (otherwise every route would
 * look for a database called "hub"). Cookies (`AuthSession`, path /) and longpolls pass through unchanged.
 */
export function hubPlugin(): Plugin {
  let hub: Promise<DevHub> | undefined;

  function mount(middlewares: Connect.Server, options: { memory: boolean; root: string }, onClose: (close: () => void) => void): void {
    hub ??= import('./dev-hub').then(({ startDevHub }) =>
      startDevHub({ port: 0, memory: options.memory || process.env.QUANZI_HUB_MEMORY === '1', seed: true, dataDir: resolve(options.root, '.hub-data') }),
    );
    hub.catch((error) => console.error('[quanzi hub] failed to start:', error));
    middlewares.use('/hub', (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: Connect.NextFunction) => {
      req.originalUrl = req.url;
      hub!.then((started) => started.handle(req, res), next);
    });
    onClose(() => {
      const closing = hub;
      hub = undefined;
      void closing?.then((started) => started.close()).catch(() => undefined);
    });
  }

  return {
    name: 'quanzi-hub',
    configureServer(server) {
      mount(server.middlewares, { memory: false, root: server.config.root }, (close) => server.httpServer?.once('close', close));
    },
    configurePreviewServer(server) {
      mount(server.middlewares, { memory: true, root: server.config.root }, (close) => server.httpServer.once('close', close));
    },
  };
}
