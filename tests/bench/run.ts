/**
 * `npm run bench`: runs every benchmark and prints one figure a line as `BENCH <name> <value>`.
 *
 * - tests/bench/node/*.ts: `export default async () => Record<string, number>`, run in this Node process.
 * - tests/bench/browser/*.ts: `export default async ({ page, baseURL }) => Record<string, number>`, each in a fresh
 *   headless Debian Chromium context opened on a Vite dev server of this repo (embedded hub mounted at /hub), so
 *   a page can `await import('/src/...')` and drive the real worker and real IndexedDB.
 *
 * `npm run bench -- <filter>` runs only the files whose name contains <filter>.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Figures = Record<string, number>;
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

function benchFiles(kind: 'node' | 'browser'): string[] {
  try {
    return readdirSync(join(here, kind))
      .filter((f) => f.endsWith('.ts') && f.includes(filter))
      .sort()
      .map((f) => join(here, kind, f));
  } catch {
    return [];
  }
}

function print(figures: Figures): void {
  for (const [name, value] of Object.entries(figures)) {
    const shown = Number.isInteger(value) ? String(value) : value.toPrecision(4);
    console.log(`BENCH ${name} ${shown}`);
  }
}

let failures = 0;

for (const file of benchFiles('node')) {
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default: () => Promise<Figures> };
    print(await mod.default());
  } catch (err) {
    failures++;
    console.error(`bench ${file} failed:`, err);
  }
}

const browserFiles = benchFiles('browser');
if (browserFiles.length) {
  const { createServer } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const server = await createServer({ root: join(here, '../..'), server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  await server.listen();
  const address = server.httpServer?.address();
  const baseURL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 5173}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    for (const file of browserFiles) {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      page.on('console', (m) => { if (/TIMING|MICRO|STORE/.test(m.text())) console.log(m.text()); });
      page.on('pageerror', (err) => console.error(`page error in ${file}:`, err.message));
      try {
        await page.goto('/');
        const mod = (await import(pathToFileURL(file).href)) as {
          default: (ctx: { page: typeof page; baseURL: string }) => Promise<Figures>;
        };
        print(await mod.default({ page, baseURL }));
      } catch (err) {
        failures++;
        console.error(`bench ${file} failed:`, err);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

process.exit(failures ? 1 : 0);
