// The pages with hostile data in Debian's Chromium: builds test/browser/hostile-app.ts (the real
// app over canned hostile answers), serves it on 127.0.0.1, opens each page at 360 and 1280 px
// wide, fails when a page is wider than the window (long text must wrap, not widen the page) or
// a script from the data ran, and saves screenshots.
//   node web/test/hostile-screens.mjs [out-dir]      (exit 77 when Chromium is missing)
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = resolve(process.argv[2] ?? join(web, 'node_modules', '.cache', 'hostile-screens'));
const chromium = process.env.CHINJEOL_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`skipped: ${chromium} is missing`);
  process.exit(77);
}
const site = join(web, 'node_modules', '.cache', 'hostile-site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
mkdirSync(shots, { recursive: true });
await build({
  absWorkingDir: web,
  entryPoints: { app: 'test/browser/hostile-app.ts', style: 'src/styles.css' },
  outdir: site,
  bundle: true,
  format: 'esm',
  splitting: true,
  logLevel: 'warning',
  define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
});
writeFileSync(join(site, 'index.html'), readFileSync(join(web, 'src', 'index.html'), 'utf8')
  .replace('%APP_JS%', '/app.js').replace('%APP_CSS%', '/style.css'));

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://127.0.0.1').pathname;
  const file = join(site, path === '/' ? 'index.html' : path.slice(1));
  if (!file.startsWith(site) || !existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}/`;

const only = process.env.HOSTILE_PAGES?.split(',');
const pages = [
  ['admin', '/review?campaign=C1'], ['reviewer', '/review/4'], ['employee', '/my-results?campaign=C1'],
  ['monitor', '/today'], ['monitor', '/assignments/A6?campaign=C1'], ['admin', '/objections'], ['auditor', '/audit'],
  ['admin', '/organisation'], ['admin', '/users'], ['admin', '/scores?campaign=C1'], ['coach', '/evaluations/6'],
  ['admin', '/coaching?campaign=C1'], ['admin', '/coaching/library'], ['coach', '/caseload?campaign=C1'], ['coach', '/coaching/plans/2'],
  ['employee', '/my/coaching?campaign=C1'], ['department_head', '/department/coaching?campaign=C1'],
].filter(([, path]) => !process.env.HOSTILE_PATH || path.startsWith(process.env.HOSTILE_PATH));
const { chromium: driver } = createRequire(join(web, 'package.json'))('playwright-core');
const browser = await driver.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const failures = [];
let checked = 0;
try {
  for (const width of [360, 1280]) {
    if (only && !only.includes(String(width))) continue;
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    for (const [role, path] of pages) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
      await page.goto(`${base}?role=${role}#${path}`);
      await page.waitForSelector('.page-body[data-ready]', { state: 'attached', timeout: 30_000 }).catch(() => {});
      const state = await page.evaluate(() => ({
        ready: document.querySelector('.page-body')?.getAttribute('data-ready'),
        pageWidth: document.documentElement.scrollWidth,
        window: window.innerWidth,
        pwned: globalThis.pwned ?? null,
        injected: document.querySelectorAll('#main script, #main img, #main iframe').length,
        // The outermost element reaching past the window's right edge, outside scrolling regions.
        widest: [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !element.closest('.table-scroll, .chart-numbers'))
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)[0] ?? null,
      }));
      const name = `${width}-${role}-${path.replace(/[^a-z0-9]+/gi, '_')}.png`;
      await page.screenshot({ path: join(shots, name) });
      const problem = state.ready !== 'true' ? `did not render (${state.ready}) ${errors.join(' ')}`
        : state.pageWidth > state.window + 1 ? `the page is ${state.pageWidth} px wide in a ${state.window} px window (${state.widest})`
        : state.pwned || state.injected ? 'markup from the data' : null;
      if (problem) failures.push(`${width} px ${role} ${path}: ${problem}`);
      checked += 1;
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
for (const failure of failures) console.error(failure);
console.log(`screenshots in ${shots}`);
console.log(`${checked - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
