// Starts a persistent dev hub in its own process, as `npm run dev` does, and prints its URL: a test can then end it
// the way a developer ends the dev server, which releases its LevelDB folder.
import { startDevHub } from '../../src/hub/dev-hub';

const hub = await startDevHub({ port: 0, memory: false, seed: false, dataDir: process.argv[2] });
console.log(JSON.stringify({ url: hub.url, storage: hub.storage, admin: hub.admin }));
