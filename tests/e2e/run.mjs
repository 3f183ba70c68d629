#!/usr/bin/env node
// End-to-end tests of the web interface: the real `chinjeol serve` on a fresh demo database,
// driven in Debian's headless Chromium through playwright-core, one browser context per role.
// Each role's main path is walked, axe-core checks every page visited (serious or critical
// violations fail), and screenshots go to BUILD/e2e-screenshots/.
//
//   node tests/e2e/run.mjs [BUILD_DIR]      (default: build)
//
// Exit status: 0 all passed, 1 a test failed, 77 skipped because Chromium or web/node_modules
// is missing (CTest reports that as skipped).
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runner, SKIP, addCurrentCampaign, launchBrowser, locate, makeDemo, parseAccounts, repoRoot, startServer } from './harness.mjs';
import { roleTests } from './roles.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = repoRoot(here);
const buildDir = resolve(repo, process.argv[2] ?? 'build');
const env = locate(repo, buildDir);
const log = (text) => console.log(`# ${text}`);

if (env.missing.length) {
  console.log(`e2e: SKIPPED, missing: ${env.missing.join('; ')}`);
  process.exit(SKIP);
}
for (const [what, path] of [['chinjeol binary', env.binary], ['web/dist (web/build.sh)', `${env.dist}/index.html`]]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${what} not found at ${path}`);
    process.exit(1);
  }
}

const runner = new Runner(env.screenshots);
const axeResults = [];
let server;
let browser;
let exitCode = 1;

try {
  log(`demo database in progress (${env.binary})`);
  const demo = makeDemo(env.binary);
  const accounts = parseAccounts(demo.output);
  log(`demo accounts found for: ${Object.keys(accounts).join(', ') || 'none'} (demo output in ${demo.dir}/demo-output.txt)`);
  const current = addCurrentCampaign(env.binary, demo.db);
  log(`campaign in progress ${current} planned`);
  server = await startServer(env.binary, env.dist, demo.db, log);
  browser = await launchBrowser(env.require, env.chromium);
  const base = server.base;

  await roleTests({ base, browser, runner, accounts, env, axeResults, demoNote: `see ${demo.dir}/demo-output.txt` });

  exitCode = runner.summary().failed === 0 ? 0 : 1;
} catch (error) {
  console.error(`e2e: ${error?.stack ?? error}`);
  if (server) console.error(`server output:\n${server.output().slice(-4000)}`);
  runner.results.push({ name: 'setup', ok: false, error: String(error) });
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}

const { passed, failed } = runner.summary();
const moderate = axeResults.flatMap((r) => r.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${r.page}: [${v.impact}] ${v.id}`));
writeFileSync(env.report, JSON.stringify({ tests: runner.results, axe: axeResults }, null, 2));
console.log(`# axe: ${axeResults.length} page checks; non-blocking findings: ${moderate.length ? `\n#   ${moderate.join('\n#   ')}` : 'none'}`);
console.log(`# screenshots: ${env.screenshots}; report: ${env.report}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && exitCode === 0 ? 0 : 1);
