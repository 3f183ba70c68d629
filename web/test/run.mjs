// Runs the web unit tests: bundles each test/*.test.ts with esbuild (the same TypeScript the
// pages are written in, imports resolved as in the real build) into node_modules/.cache and
// hands the bundles to node's built-in test runner. Offline: only node_modules is used.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const web = join(root, '..');
const out = join(web, 'node_modules', '.cache', 'chinjeol-web-tests');
const args = process.argv.slice(2);
// --no-typecheck: skip tsc (to see a test fail against an older page that no longer type-checks).
const typecheckFirst = !args.includes('--no-typecheck');
const only = args.filter((arg) => !arg.startsWith('--'));
const tests = readdirSync(root)
  .filter((name) => name.endsWith('.test.ts'))
  .filter((name) => only.length === 0 || only.some((pattern) => name.includes(pattern)))
  .sort();
if (tests.length === 0) {
  console.error('web tests: no test file matched');
  process.exit(1);
}
if (!existsSync(join(web, 'node_modules', 'happy-dom'))) {
  console.error('web tests: web/node_modules has no happy-dom; run npm ci in web/ (scripts/install-deps.sh does)');
  process.exit(1);
}
// The tests are TypeScript too: type-check them (and the pages they use) first.
const typecheck = !typecheckFirst ? { status: 0 } : spawnSync(process.execPath, [join(web, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);
rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: web,
  entryPoints: tests.map((name) => join('test', name)),
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  // Packages with their own files (happy-dom, typescript) load from node_modules as they are.
  packages: 'external',
  define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
const files = tests.map((name) => join(out, name.replace(/\.ts$/, '.mjs')));
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: web });
process.exit(run.status ?? 1);
