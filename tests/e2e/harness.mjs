// Shared machinery of the end-to-end run: finding the tools, starting the real chinjeol server
// on a demo database, launching Debian's Chromium through playwright-core, running axe-core on
// each page, and a tiny sequential test runner that saves screenshots.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SKIP = 77;

export function locate(repo, buildDir) {
  const web = join(repo, 'web');
  const modules = join(web, 'node_modules');
  const chromium = process.env.CHINJEOL_CHROMIUM ?? '/usr/bin/chromium';
  const missing = [];
  if (!existsSync(join(modules, 'playwright-core')) || !existsSync(join(modules, 'axe-core'))) missing.push(`${modules} (run scripts/install-deps.sh or npm ci in web/)`);
  if (!existsSync(chromium)) missing.push(`${chromium} (apt-get install -y chromium)`);
  return {
    web,
    dist: join(web, 'dist'),
    binary: join(buildDir, 'chinjeol'),
    screenshots: join(buildDir, 'e2e-screenshots'),
    report: join(buildDir, 'e2e-report.json'),
    chromium,
    missing,
    require: createRequire(join(web, 'package.json')),
  };
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// Creates the demo programme and returns what `chinjeol demo` printed.
export function makeDemo(binary) {
  const dir = mkdtempSync(join(tmpdir(), 'chinjeol-e2e-'));
  const db = `sqlite:${join(dir, 'demo.db')}`;
  const run = spawnSync(binary, ['--db', db, 'demo'], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`chinjeol demo failed (${run.status}): ${run.stderr || run.stdout}`);
  writeFileSync(join(dir, 'demo-output.txt'), `${run.stdout}\n${run.stderr}`);
  return { dir, db, output: `${run.stdout}\n${run.stderr}` };
}

// A campaign in progress beside the demo's finished 2021 one: a window from ten days ago to
// twenty days ahead, planned, so that the demo monitor has released assignments without an
// evaluation yet (the 2021 campaign's are all done). Uses the real command line.
export function addCurrentCampaign(binary, db) {
  const day = (offset) => {
    const date = new Date(Date.now() + offset * 86_400_000);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  };
  const run = (args) => {
    const result = spawnSync(binary, ['--db', db, ...args], { encoding: 'utf8', timeout: 300_000 });
    if (result.status !== 0) throw new Error(`chinjeol ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  run(['campaign', 'create', '--code', 'E2E-NOW', '--name', '현장 점검 (e2e)', '--start', day(-10), '--end', day(20), '--rounds', '1']);
  run(['plan', 'E2E-NOW', '--seed', '7']);
  return 'E2E-NOW';
}

const ROLES = ['admin', 'monitor', 'reviewer', 'coach', 'department_head', 'employee', 'auditor'];

// Reads the demo accounts from what `chinjeol demo` prints: a table headed
// "로그인 Login  비밀번호 Password  역할 Role  연결 Bound to", a rule of dashes, then one row per
// account whose first three columns are login, password and role code ("admin (관리자)").
// CHINJEOL_E2E_ACCOUNTS='{"admin":{"login":"..","password":".."},...}' overrides it.
export function parseAccounts(output) {
  if (process.env.CHINJEOL_E2E_ACCOUNTS) return JSON.parse(process.env.CHINJEOL_E2E_ACCOUNTS);
  const accounts = {};
  const lines = output.split('\n');
  const header = lines.findIndex((line) => /Login/.test(line) && /Password/.test(line) && /Role/.test(line));
  if (header < 0) return accounts;
  for (const line of lines.slice(header + 1)) {
    if (/^-+(\s+-+)*\s*$/.test(line.trim())) continue;
    if (!line.trim()) break;
    const [login, password, role] = line.trim().split(/\s+/);
    if (login && password && ROLES.includes(role) && !accounts[role]) accounts[role] = { login, password };
  }
  return accounts;
}

export async function startServer(binary, dist, db, log) {
  const port = await freePort();
  const child = spawn(binary, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--web', dist], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`chinjeol serve exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGTERM');
    throw new Error(`chinjeol serve did not answer /healthz within 60 s:\n${output}`);
  }
  log(`server ${base} (pid ${child.pid})`);
  return {
    base,
    output: () => output,
    stop: () => new Promise((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }),
  };
}

export async function launchBrowser(require, chromium) {
  const { chromium: driver } = require('playwright-core');
  // playwright's launch() starts Chromium with a new, empty, temporary --user-data-dir of its own
  // (it refuses one passed in args), and every role gets a separate browser context.
  return driver.launch({
    executablePath: chromium,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run',
    ],
  });
}

// axe-core with the WCAG 2.x A/AA rule sets (KWCAG 2.2 follows WCAG 2.1/2.2 AA). Serious and
// critical violations fail the test; moderate and minor ones are reported.
// Disabled rules: none. (Any rule disabled later must be listed here with the reason.)
export const AXE_DISABLED_RULES = {};

export async function checkAccessibility(page, require, label, results) {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const already = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Evaluated through the DevTools protocol rather than added as a <script>: the server's
  // Content-Security-Policy (rightly) refuses inline scripts, and it stays on during the tests.
  if (!already) await page.evaluate(axeSource);
  const outcome = await page.evaluate(async (disabled) => {
    const rules = Object.fromEntries(Object.keys(disabled).map((id) => [id, { enabled: false }]));
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules,
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) , count: v.nodes.length }));
  }, AXE_DISABLED_RULES);
  const blocking = outcome.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  results.push({ page: label, url: page.url(), violations: outcome });
  if (blocking.length) {
    const text = blocking.map((v) => `  [${v.impact}] ${v.id}: ${v.help} (${v.count}×) ${v.nodes.join(' | ')}`).join('\n');
    throw new Error(`axe: ${blocking.length} serious/critical violation(s) on ${label}:\n${text}`);
  }
  return outcome;
}

export class Runner {
  constructor(screenshots) {
    this.screenshots = screenshots;
    this.results = [];
    mkdirSync(screenshots, { recursive: true });
  }

  async test(name, fn) {
    // CHINJEOL_E2E_ONLY=monitor runs only the tests whose name starts with that word.
    const only = process.env.CHINJEOL_E2E_ONLY;
    if (only && !name.startsWith(only)) return;
    const started = Date.now();
    process.stdout.write(`- ${name} ... `);
    try {
      await fn();
      const ms = Date.now() - started;
      this.results.push({ name, ok: true, ms });
      process.stdout.write(`ok (${(ms / 1000).toFixed(1)} s)\n`);
    } catch (error) {
      this.results.push({ name, ok: false, error: String(error?.stack ?? error) });
      process.stdout.write(`FAILED\n${String(error?.stack ?? error).split('\n').map((l) => `    ${l}`).join('\n')}\n`);
    }
  }

  async shot(page, name) {
    const file = join(this.screenshots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  summary() {
    const passed = this.results.filter((r) => r.ok).length;
    const failed = this.results.length - passed;
    return { passed, failed };
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export const repoRoot = (here) => resolve(here, '..', '..');
