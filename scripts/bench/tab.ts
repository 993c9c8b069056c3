/**
 * The tab's weight and speed: initial JavaScript (gzip) of the production build, first
 * contentful paint in Debian Chromium on localhost, and search time per keystroke over 5,000
 * items.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { namedProductGroups } from '../../core/src/catalogue/catalogue.js';
import { loadCatalogue } from '../../content/index.js';
import { searchDocuments } from '../../tab/src/search/documents.js';
import { ToolboxSearch, type SearchDocument } from '../../tab/src/search/search-index.js';
import { ROOT, startStack } from '../dev/stack.js';

const DIST = join(ROOT, 'tab/dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** The JS the browser must load before the first page renders: the entry and its static imports. */
function initialJs(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of files) {
    const content = readFileSync(join(DIST, f));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

export async function run(): Promise<void> {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'tab', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  const initial = initialJs();
  const totalJs = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(DIST, 'assets', f)).size, 0);

  // Serve the production build the way static hosting would, with the API behind /api.
  const stack = await startStack({
    ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
    tab: false,
    timers: false,
  });
  const api = new URL(stack.urls.api);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/dev-idp/')) {
      const target = url.startsWith('/api/')
        ? { host: api.hostname, port: Number(api.port), path: url }
        : {
            host: '127.0.0.1',
            port: Number(new URL(stack.urls.idp).port),
            path: url.replace('/dev-idp', ''),
          };
      const upstream = httpRequest({ ...target, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
      return;
    }
    if (url === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ apiBaseUrl: '/api', auth: { mode: 'dev', idpUrl: '/dev-idp' } }));
      return;
    }
    const path = join(DIST, url.split('?')[0]!);
    let file = path;
    try {
      if (!statSync(file).isFile()) file = join(DIST, 'index.html');
    } catch {
      file = join(DIST, 'index.html');
    }
    const body = readFileSync(file);
    const gz = /gzip/.test(String(req.headers['accept-encoding'])) && /\.(js|css|html)$/.test(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(gz ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gz ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
  const fcps: number[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      const context = await browser.newContext({ locale: 'nl-NL' });
      const page = await context.newPage();
      await page.goto(base);
      await page
        .getByRole('button', { name: /Aanmelden als/ })
        .first()
        .waitFor({ timeout: 30_000 });
      fcps.push(
        await page.evaluate<number>(
          "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN",
        ),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
    await stack.stop();
  }
  fcps.sort((a, b) => a - b);

  // Search per keystroke over 5,000 items: the real documents, repeated with other ids.
  const catalogue = loadCatalogue();
  const base_ = searchDocuments(
    {
      ...catalogue,
      tools: catalogue.knowledge.tools,
      dosAndDonts: catalogue.knowledge.dosAndDonts,
      glossary: catalogue.knowledge.glossary,
      socialEnterpriseSources: catalogue.knowledge.socialEnterpriseSources,
      policy: catalogue.policies.default,
      themes: [...catalogue.themes],
      clusters: [...catalogue.clusters],
      productGroups: namedProductGroups(catalogue),
    },
    [],
    'nl',
  );
  const docs: SearchDocument[] = [];
  for (let i = 0; docs.length < 5000; i++)
    docs.push(...base_.map((d) => ({ ...d, id: `${d.id}#${i}` })).slice(0, 5000 - docs.length));
  const t0 = performance.now();
  const index = new ToolboxSearch(docs);
  const buildMs = performance.now() - t0;
  const perKeystroke: number[] = [];
  for (const query of [
    'schoonmaakmiddelen',
    'zero-emissie voertuigen',
    'social return',
    'ledverlichting',
    'circulair meubilair',
    'laptops',
  ]) {
    for (let n = 1; n <= query.length; n++) {
      const start = performance.now();
      index.search(query.slice(0, n));
      perKeystroke.push(performance.now() - start);
    }
  }
  perKeystroke.sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        initialJsGzipKB: Number((initial.gzipBytes / 1024).toFixed(1)),
        initialJsRawKB: Number((initial.rawBytes / 1024).toFixed(1)),
        initialJsFiles: initial.files.length,
        allJsRawKB: Number((totalJs / 1024).toFixed(1)),
        firstContentfulPaintMs: {
          p50: Number(percentile(fcps, 50).toFixed(0)),
          max: Number((fcps.at(-1) ?? 0).toFixed(0)),
          runs: fcps.length,
        },
        search: {
          items: docs.length,
          buildMs: Number(buildMs.toFixed(0)),
          keystrokes: perKeystroke.length,
          p50Ms: Number(percentile(perKeystroke, 50).toFixed(2)),
          p95Ms: Number(percentile(perKeystroke, 95).toFixed(2)),
          maxMs: Number((perKeystroke.at(-1) ?? 0).toFixed(2)),
        },
      },
      null,
      2,
    ),
  );
}
