// Totals vitest's and Playwright's JSON reports into the closing line CI reads: "N passed, N failed".
// A report that is missing (its runner never ran) counts as one failure, so a silent skip cannot pass.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const [vitestPath, playwrightPath] = process.argv.slice(2);

if (existsSync(vitestPath)) {
  const r = JSON.parse(readFileSync(vitestPath, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numFailedTestSuites ?? 0} suites failed`);
} else {
  console.log(`vitest: no report at ${vitestPath}`);
  failed += 1;
}

if (existsSync(playwrightPath)) {
  const r = JSON.parse(readFileSync(playwrightPath, 'utf8'));
  const s = r.stats ?? {};
  const pwPassed = (s.expected ?? 0) + (s.flaky ?? 0);
  const pwFailed = (s.unexpected ?? 0) + (r.errors?.length ?? 0);
  passed += pwPassed;
  failed += pwFailed;
  console.log(`playwright: ${pwPassed} passed (${s.flaky ?? 0} flaky), ${pwFailed} failed, ${s.skipped ?? 0} skipped`);
} else {
  console.log(`playwright: no report at ${playwrightPath}`);
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
