// The end-to-end harness: serves dist/ on loopback, drives headless Chromium with
// playwright-core, and records every request, console message and CSP violation so
// tests can prove what the page did and did not do.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.REKINDLE_DIST ?? join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The strict policy the CSP demo page is served with (as the issue and README state it). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const FIXTURES = join(ROOT, 'e2e', 'fixtures');

/**
 * Serves `dir` on 127.0.0.1 at a free port, plus test-only pages from e2e/fixtures at
 * /fixtures/. The CSP demo page gets the strict policy as a real response header.
 * `respond(req, res, url)` may answer a request itself (a redirect, an older file) and
 * return true; otherwise the file is served. `rewrite(path, body)` may change a file on
 * its way out (the engine suite adds a same-origin listener script to a page it cannot
 * reach before the page's scripts run).
 */
export async function serve(
  dir = DIST,
  { headers = () => ({}), respond = () => false, rewrite = (_path, body) => body } = {},
) {
  const server = createServer(async (req, res) => {
    if (await respond(req, res, new URL(req.url, 'http://x'))) return;
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let root = dir;
    if (path.startsWith('/fixtures/')) {
      root = FIXTURES;
      path = path.slice('/fixtures'.length);
    }
    const extra = path.endsWith('/csp.html') ? { 'Content-Security-Policy': STRICT_CSP } : {};
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = rewrite(path, await readFile(file));
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        ...extra,
        ...headers(path),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    /** Stops the server at once, closing keep-alive connections too. */
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium with a fresh profile. Returns { context, close }.
 * `options` go to the browser context (viewport, colorScheme, ...).
 */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'rekindle-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 375, height: 812 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page that records every request, console message, page error and CSP
 * violation from the moment it starts.
 */
export async function recordedPage(context) {
  const page = await context.newPage();
  const log = { requests: [], console: [], errors: [], cspViolations: [] };
  page.on('request', (r) => log.requests.push({ url: r.url(), at: Date.now() }));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  await page.exposeBinding('__rekindleCspViolation', (_source, v) => log.cspViolations.push(v));
  await page.addInitScript(() => {
    // Test helpers that see into the widget's shadow root, as a reader's eyes do.
    Object.defineProperty(window, '__rk', {
      enumerable: false,
      value: (index = 0) => {
        const hosts = [...document.querySelectorAll('*')].filter((el) => el.shadowRoot?.querySelector('.rekindle'));
        return hosts[index]?.shadowRoot ?? null;
      },
    });
    Object.defineProperty(window, '__rkActive', {
      enumerable: false,
      value: () => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active;
      },
    });
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__rekindleCspViolation({ directive: e.violatedDirective, blocked: e.blockedURI });
    });
  });
  return { page, log };
}

/** Injects axe-core and returns the WCAG 2.1 A/AA violations on the page. */
export async function axeViolations(page, selector = 'body') {
  const source = await readFile(join(ROOT, 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, not added as an inline <script>: Rekindle's
  // own page forbids inline scripts (its Content-Security-Policy), as it should.
  await page.evaluate(source);
  return page.evaluate(async (sel) => {
    const result = await window.axe.run(sel, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, selector);
}

/**
 * For a test file: starts a server on dist/ and a browser before its tests and stops
 * both after them. The returned object's `server` and `browser` are set once it starts.
 */
export function withServerAndBrowser(launchOptions = {}) {
  const env = {};
  before(async () => {
    env.server = await serve();
    env.browser = await launch(launchOptions);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
