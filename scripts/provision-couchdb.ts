// Provisions a real Apache CouchDB 3 for Quanzi with the same code the embedded hub uses (src/hub/provision.ts).
//
//   COUCHDB_URL=http://127.0.0.1:5984/ COUCHDB_USER=admin COUCHDB_PASSWORD=… \
//     node --import tsx scripts/provision-couchdb.ts [--configure] [--catalog file.json] [--create-circle circle.json] [--demo]
//
//   (default)            the catalog db and its rules, every catalog entry, one circle_<id> db per entry with
//                        _security and _design/rules, requests_<id> for approval circles. Idempotent.
//   --configure          also sets the CouchDB settings the hub relies on (require_valid_user, cookie auth).
//   --catalog F          catalog file (default src/hub/seed/catalog.json).
//   --create-circle F    provisions ONE new circle from a JSON catalog entry (a platform admin approving a
//                        person's request); its `operators` become db admins and gain the `operator` role.
//   --demo               also the demo accounts and content (a staging hub; never production).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createCircle, HubAdmin, provisionHub, type CatalogEntry } from '../src/hub/provision';
import { demoAccounts, seedPlan } from '../src/hub/dev-hub';
import { circleContent } from '../src/hub/seed/content';
import accountsFile from '../src/hub/seed/accounts.json' with { type: 'json' };

/** Node-local settings (PUT /_node/_local/_config/<section>/<key>); values are strings, as CouchDB wants. */
export const COUCHDB_SETTINGS: [section: string, key: string, value: string][] = [
  ['chttpd', 'require_valid_user', 'true'], // nobody reads anything without signing in
  ['chttpd', 'require_valid_user_except_for_up', 'true'], // health checks of the proxy
  ['chttpd_auth', 'allow_persistent_cookies', 'true'], // stay signed in across browser restarts
  ['chttpd_auth', 'timeout', '2592000'], // cookie lifetime: 30 days (refreshed on use)
  ['chttpd_auth', 'same_site', 'strict'], // same origin only: the app and /hub share it
  ['couchdb', 'max_document_size', '2097152'], // the rules cap docs far lower; this is a backstop
  ['couchdb', 'users_db_security_editable', 'false'],
];

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, log: (line: string) => void = console.log): Promise<void> {
  const url = env.COUCHDB_URL;
  if (!url || !env.COUCHDB_USER || !env.COUCHDB_PASSWORD) throw new Error('Set COUCHDB_URL, COUCHDB_USER and COUCHDB_PASSWORD (a server admin).');
  const admin = new HubAdmin(url, env.COUCHDB_USER, env.COUCHDB_PASSWORD);

  if (argv.includes('--configure')) {
    for (const [section, key, value] of COUCHDB_SETTINGS) {
      await admin.expect([200], 'PUT', `_node/_local/_config/${section}/${key}`, value);
      log(`set [${section}] ${key} = ${value}`);
    }
  }

  const circleFile = argValue(argv, '--create-circle');
  if (circleFile) {
    const entry = JSON.parse(readFileSync(circleFile, 'utf8')) as CatalogEntry;
    await createCircle(admin, entry);
    log(`created circle ${entry._id} (db circle_${entry._id}), operators: ${entry.operators.join(', ')}`);
    return;
  }

  const catalogPath = argValue(argv, '--catalog') ?? new URL('../src/hub/seed/catalog.json', import.meta.url);
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as CatalogEntry[];
  const demo = argv.includes('--demo');
  const plan = seedPlan(catalog, accountsFile);
  const now = Date.now();
  const started = Date.now();
  const result = await provisionHub(admin, {
    catalog,
    accounts: demo ? demoAccounts(catalog) : [],
    approvedMembers: demo ? plan.approvedMembers : {},
    content: demo ? Object.fromEntries(catalog.map((e) => [e._id, circleContent(e, plan.peopleOf(e), now)])) : undefined,
  });
  log(`provisioned ${catalog.length} circles (${result.entriesCreated} new catalog entries, ${result.accountsCreated} new accounts) in ${Date.now() - started} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), process.env).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
