// Bundles src/main.ts and src/styles.css into dist/ with esbuild (offline: only node_modules is
// used) and writes dist/index.html pointing at the content-hashed files. Prints each file's size.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { app: 'src/main.ts', style: 'src/styles.css' },
  outdir: join(out, 'assets'),
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2022', 'chrome109', 'safari16', 'firefox115'],
  minify: true,
  legalComments: 'linked',
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  // ECharts checks this at run time; the production value drops its development warnings.
  define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
});

const outputs = Object.entries(result.metafile.outputs);
const find = (entry) => outputs.find(([, meta]) => meta.entryPoint === entry)?.[0];
const appJs = find('src/main.ts');
const appCss = find('src/styles.css');
if (!appJs || !appCss) throw new Error('build: entry outputs missing');
const url = (file) => '/' + relative(out, join(root, file)).split('\\').join('/');

const html = readFileSync(join(root, 'src/index.html'), 'utf8')
  .replace('%APP_JS%', url(appJs))
  .replace('%APP_CSS%', url(appCss));
writeFileSync(join(out, 'index.html'), html);

for (const [file] of outputs.filter(([f]) => !f.endsWith('.map') && !f.endsWith('.LEGAL.txt'))) {
  const bytes = readFileSync(join(root, file));
  const kib = (n) => (n / 1024).toFixed(1).padStart(7) + ' KiB';
  console.log(`${kib(statSync(join(root, file)).size)} ${kib(gzipSync(bytes).length)} gz  ${relative(root, join(root, file))}`);
}
