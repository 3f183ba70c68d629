// web/openapi.json is the server's OpenAPI document as the web's type check reads it
// (test/openapi.test.ts). This starts the real server on 127.0.0.1 with a throw-away SQLite
// database and fetches /api/openapi.json:
//   node web/test/openapi-copy.mjs build/chinjeol          writes web/openapi.json
//   node web/test/openapi-copy.mjs --check build/chinjeol  fails when the copy differs (ctest)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const copy = join(web, 'openapi.json');
const check = process.argv.includes('--check');
const binary = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!binary || !existsSync(binary)) {
  console.error('usage: node web/test/openapi-copy.mjs [--check] path/to/chinjeol');
  process.exit(2);
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function fetchDocument() {
  const dir = mkdtempSync(join(tmpdir(), 'chinjeol-openapi-'));
  const port = await freePort();
  const child = spawn(resolve(binary), ['--db', `sqlite:${join(dir, 'openapi.db')}`, 'serve', '--listen', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`chinjeol serve exited (${child.exitCode}):\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
        if (response.ok) return JSON.parse(await response.text());
      } catch {
        // Not listening yet.
      }
      await new Promise((done) => setTimeout(done, 200));
    }
    throw new Error(`chinjeol serve did not answer within 60 s:\n${output}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
    rmSync(dir, { recursive: true, force: true });
  }
}

// Where two JSON values first differ, as paths ("paths./api/users.post", "components.schemas.User").
function differences(a, b, path = '', found = []) {
  if (found.length >= 20) return found;
  if (JSON.stringify(a) === JSON.stringify(b)) return found;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a)) found.push(`${path}${key}: only in the server's document`);
      else if (!(key in b)) found.push(`${path}${key}: only in web/openapi.json`);
      else differences(a[key], b[key], `${path}${key}.`, found);
    }
    return found;
  }
  found.push(`${path.replace(/\.$/, '')}: differs`);
  return found;
}

const served = await fetchDocument();
const text = `${JSON.stringify(served, null, 2)}\n`;
if (!check) {
  writeFileSync(copy, text);
  console.log(`wrote ${copy}`);
} else {
  const kept = existsSync(copy) ? JSON.parse(readFileSync(copy, 'utf8')) : {};
  const found = differences(served, kept);
  if (found.length > 0) {
    console.error('web/openapi.json is not the server\'s OpenAPI document:');
    for (const line of found) console.error(`  ${line}`);
    console.error('Update it with `node web/test/openapi-copy.mjs build/chinjeol`, then run `cd web && npm test`:');
    console.error('the web\'s type check then says which page reads what the server no longer sends.');
    process.exit(1);
  }
  console.log('web/openapi.json is the server\'s document: 1 passed, 0 failed');
}
