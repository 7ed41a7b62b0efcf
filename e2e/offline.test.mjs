// Offline use (issue 7): the standalone page keeps working with the server gone once
// visited, a new build is offered as a waiting version (never mixed with the old one),
// the single file works from file://, and the manifest names icons that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, serve, launch, recordedPage } from './lib/harness.mjs';
import { answerCurrent, ready, stored } from './lib/widget.mjs';

/** Loads the standalone page and waits until its service worker controls it. */
async function controlledPage(context, url) {
  const { page, log } = await recordedPage(context);
  await page.goto(url + '/');
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker claims the page when it activates; a reload is the fallback.
  const claimed = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 })
    .then(() => true, () => false);
  if (!claimed) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
  await ready(page);
  return { page, log };
}

async function answerFirstQuestion(page) {
  await page.getByRole('button', { name: /Start the assessment|Pick up where you left off/ }).click();
  await page.locator('fieldset legend').first().waitFor();
  await answerCurrent(page);
  await page.waitForFunction(() => {
    const raw = localStorage.getItem('rekindle.default.v1');
    return raw !== null && Object.keys(JSON.parse(raw).answers).length === 1;
  });
}

/** A copy of dist/ in a temporary folder, so a test can play at being the next build. */
async function distCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'rekindle-dist-'));
  await cp(DIST, dir, { recursive: true });
  return dir;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

test('once visited, the standalone page works in Spanish with the server stopped', async () => {
  const server = await serve();
  const browser = await launch({ locale: 'es-ES' });
  try {
    const { page, log } = await controlledPage(browser.context, server.url);
    await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
    await server.stop();
    await page.reload();
    await ready(page);
    // The worker serves the Spanish text table from its cache like every other file.
    await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
    assert.deepEqual(log.errors, []);
  } finally {
    await browser.close();
    await server.stop().catch(() => {});
  }
});

test('once visited, the standalone page opens and works with the server stopped', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const { page, log } = await controlledPage(browser.context, server.url);
    await answerFirstQuestion(page);
    const saved = await stored(page);
    assert.equal(await page.locator('#rekindle-update').textContent(), '', 'no notice on a first visit');

    await server.stop();
    await page.reload();
    await ready(page);
    assert.deepEqual((await stored(page)).answers, saved.answers, 'the saved answer is still there');
    await page.getByRole('button', { name: 'My data' }).click();
    await page.getByText('1 assessment answer').waitFor();
    await page.getByRole('button', { name: 'Assessment' }).click();
    await page.getByRole('button', { name: 'Pick up where you left off' }).waitFor();

    // The iframe mode of the same page, too.
    await page.goto(server.url + '/?embed');
    await ready(page);

    // Only the page's own files are served from the cache: another path of the same
    // origin, or another origin, goes to the (now absent) network and fails.
    const outcomes = await page.evaluate(async (other) => {
      const attempt = (url, init) => fetch(url, init).then((r) => `answered ${r.status}`, () => 'failed');
      return {
        own: await attempt('rekindle-app.js'),
        demo: await attempt('demo/'),
        unlisted: await attempt('not-in-the-build.txt'),
        otherOrigin: await attempt(other, { mode: 'no-cors' }),
        post: await attempt('rekindle-app.js', { method: 'POST' }),
      };
    }, server.url.replace('127.0.0.1', 'localhost') + '/rekindle-app.js');
    assert.deepEqual(outcomes, {
      own: 'answered 200',
      demo: 'failed',
      unlisted: 'failed',
      otherOrigin: 'failed',
      post: 'failed',
    });
    assert.deepEqual(log.errors, [], 'no page errors');
  } finally {
    await browser.close();
    await server.stop().catch(() => {});
  }
});

test('a new build is found as a waiting version, offered calmly, and taken on request; a mixed build is refused', async () => {
  const dir = await distCopy();
  const server = await serve(dir);
  const browser = await launch();
  try {
    const { page, log } = await controlledPage(browser.context, server.url);
    await answerFirstQuestion(page);
    const swPath = join(dir, 'sw.js');
    const sw = await readFile(swPath, 'utf8');
    const [, oldVersion] = sw.match(/const VERSION = '([0-9a-f]+)';/) ?? [];
    assert.ok(oldVersion, 'sw.js names its version');
    const loaderPath = join(dir, 'rekindle.js');
    const loader = await readFile(loaderPath);
    const oldHash = sha256(loader);
    assert.ok(sw.includes(`"${oldHash}"`), 'sw.js lists the loader with its SHA-256');
    const newLoader = Buffer.concat([loader, Buffer.from('\n// the next build\n')]);
    await writeFile(loaderPath, newLoader);

    const update = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration.update();
        const worker = registration.installing ?? registration.waiting;
        if (!worker) return 'no update';
        await new Promise((resolve) => {
          const settled = () => ['installed', 'activated', 'redundant'].includes(worker.state);
          if (settled()) resolve();
          worker.addEventListener('statechange', () => settled() && resolve());
        });
        return worker.state;
      });

    // A server whose files no longer match the list (a deploy half-way through): the new
    // version refuses to install, and the old one keeps serving all of its own files.
    await writeFile(swPath, sw.replace(oldVersion, 'f'.repeat(16)));
    assert.equal(await update(), 'redundant', 'a version whose files do not match its list is dropped');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.waiting)), null);
    assert.equal(await page.locator('#rekindle-update').textContent(), '', 'nothing offered');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`rekindle-offline / ${oldVersion}`]);
    assert.equal(
      await page.evaluate(() => fetch('rekindle.js').then((r) => r.text())),
      loader.toString('utf8'),
      'the old version still serves its own loader',
    );

    // A consistent next build: listed with its new hash under a new version.
    const newVersion = '0123456789abcdef';
    await writeFile(swPath, sw.replace(oldVersion, newVersion).replace(oldHash, sha256(newLoader)));
    assert.equal(await update(), 'installed', 'the new version waits');
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Rekindle is ready.' });
    await notice.waitFor();
    assert.equal(await page.locator('#rekindle-update').getAttribute('role'), 'status');
    // Until the reader chooses, the page stays on the old version.
    assert.equal(await page.evaluate(() => fetch('rekindle.js').then((r) => r.text())), loader.toString('utf8'));

    await Promise.all([
      page.waitForEvent('load'),
      notice.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await ready(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`rekindle-offline / ${newVersion}`], 'the old cache is gone');
    assert.equal(
      await page.evaluate(() => fetch('rekindle.js').then((r) => r.text())),
      newLoader.toString('utf8'),
      'the new version serves the new files',
    );
    assert.equal(await page.locator('#rekindle-update').textContent(), '', 'no notice after the reload');
    assert.equal(Object.keys((await stored(page)).answers).length, 1, 'the answer is kept');
    assert.deepEqual(log.errors, []);
  } finally {
    await browser.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('no service worker, or a refused registration: the page works and says nothing', async (t) => {
  const server = await serve();
  t.after(() => server.stop());
  for (const [what, script] of [
    ['a refused registration', () => {
      ServiceWorkerContainer.prototype.register = () => Promise.reject(new DOMException('refused', 'SecurityError'));
    }],
    ['a register() that throws', () => {
      ServiceWorkerContainer.prototype.register = () => {
        throw new TypeError('not here');
      };
    }],
    ['no service worker support', () => {
      delete Navigator.prototype.serviceWorker;
    }],
  ]) {
    const browser = await launch();
    try {
      const { page, log } = await recordedPage(browser.context);
      await page.addInitScript(script);
      await page.goto(server.url + '/');
      await ready(page);
      await page.waitForFunction(() => document.readyState === 'complete');
      await answerFirstQuestion(page);
      assert.equal(await page.locator('#rekindle-update').textContent(), '', `${what}: no notice`);
      assert.deepEqual(log.errors, [], `${what}: no page errors`);
      // The page's preloads are ones the browser uses as written (an `integrity` on the
      // wasm's fetch preload is ignored, with a warning).
      const preloads = log.console.filter((m) => /preload|integrity/i.test(m.text));
      assert.deepEqual(preloads, [], `${what}: no warning about the page's preloads`);
      // Only what the offline code says counts here.
      const loud = log.console.filter(
        (m) => (m.type === 'error' || m.type === 'warning') && /rekindle|service ?worker|sw\.js/i.test(m.text),
      );
      assert.deepEqual(loud, [], `${what}: nothing alarming in the console`);
      if (what !== 'no service worker support') {
        const quiet = log.console.filter((m) => m.type === 'info' && /no offline copy/.test(m.text));
        assert.equal(quiet.length, 1, `${what}: one quiet note for whoever opens the console`);
      }
    } finally {
      await browser.close();
    }
  }
});

test('a page that embeds the widget with rekindle.js gets no service worker', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const { page } = await recordedPage(browser.context);
    await page.goto(server.url + '/demo/blog.html');
    await ready(page);
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('the single file opens from file://, needs no network, and keeps an answer across a reload', async () => {
  const browser = await launch();
  try {
    const { page, log } = await recordedPage(browser.context);
    const url = pathToFileURL(join(DIST, 'rekindle-offline.html')).href;
    await page.goto(url);
    await ready(page);
    await answerFirstQuestion(page);
    const saved = await stored(page);
    await page.reload();
    await ready(page);
    assert.deepEqual((await stored(page)).answers, saved.answers, 'the answer is kept');
    // The reload picks up where the reader was: on the assessment, not the welcome.
    await page.locator('fieldset legend').first().waitFor();
    await page.getByRole('button', { name: 'My data' }).click();
    await page.getByText('1 assessment answer').waitFor();
    assert.equal(
      await page.getByRole('link', { name: 'Download Rekindle as a single file' }).count(),
      0,
      'the single file does not offer itself',
    );
    const network = log.requests.filter((r) => !r.url.startsWith('file:') && !r.url.startsWith('data:'));
    assert.deepEqual(network, [], 'no request beyond the file itself');
    assert.deepEqual(log.errors, []);
    // Its own strict policy, allowing its inline glue and CSS by hash only.
    const html = await readFile(join(DIST, 'rekindle-offline.html'), 'utf8');
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+';/);
    assert.match(policy, /style-src 'self' 'sha256-[A-Za-z0-9+/=]+';/);
    assert.doesNotMatch(policy, /unsafe-inline/);
    assert.match(html, /<meta name="referrer" content="no-referrer"/);
    assert.deepEqual(log.cspViolations, [], 'the single file keeps to its policy');
  } finally {
    await browser.close();
  }
});

test('"Your data" on the standalone page offers the single file for download', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const { page } = await recordedPage(browser.context);
    await page.goto(server.url + '/');
    await ready(page);
    await page.getByRole('button', { name: 'My data' }).click();
    const link = page.getByRole('link', { name: 'Download Rekindle as a single file' });
    assert.equal(await link.getAttribute('download'), 'rekindle-offline.html');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'rekindle-offline.html');
    const body = await readFile(await download.path());
    assert.deepEqual(body, await readFile(join(DIST, 'rekindle-offline.html')), 'the download is the single file');
    console.log(`# rekindle-offline.html: ${body.length} B`);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('the manifest parses, has what installing needs, and names icons that exist at their size', async () => {
  const index = await readFile(join(DIST, 'index.html'), 'utf8');
  assert.match(index, /<link rel="manifest" href="manifest.webmanifest"/);
  assert.match(index, /<meta name="theme-color" content="#a2412c"/);
  const manifest = JSON.parse(await readFile(join(DIST, 'manifest.webmanifest'), 'utf8'));
  for (const field of ['name', 'short_name', 'start_url', 'theme_color', 'background_color']) {
    assert.equal(typeof manifest[field], 'string', `${field} is set`);
  }
  assert.equal(manifest.display, 'standalone');
  const sizes = new Set();
  for (const icon of manifest.icons) {
    const png = await readFile(join(DIST, icon.src));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${icon.src} is a PNG`);
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    const size = `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
    assert.equal(size, icon.sizes, `${icon.src} is ${icon.sizes}`);
    sizes.add(`${icon.sizes} ${icon.purpose ?? 'any'}`);
  }
  for (const needed of ['192x192 any', '512x512 any', '512x512 maskable']) {
    assert.ok(sizes.has(needed), `an icon ${needed}`);
  }
  const touch = index.match(/<link rel="apple-touch-icon" href="([^"]+)"/)?.[1];
  assert.ok(touch, 'an apple-touch-icon is linked');
  await readFile(join(DIST, touch));
});

test('a host that redirects /index.html to / still loads, online and offline (no redirected response is cached)', async () => {
  const server = await serve(DIST, {
    respond: (req, res, url) => {
      if (url.pathname !== '/index.html') return false;
      res.writeHead(301, { Location: '/' }).end();
      return true;
    },
  });
  const browser = await launch();
  try {
    const { page, log } = await controlledPage(browser.context, server.url);
    await answerFirstQuestion(page);
    await page.reload();
    await ready(page);
    await server.stop();
    await page.reload();
    await ready(page);
    // Offline, the page still opens where the reader was: on the assessment.
    await page.locator('fieldset legend').first().waitFor();
    assert.deepEqual(log.errors, []);
  } finally {
    await browser.close();
    await server.stop().catch(() => {});
  }
});

test('on activating, the service worker deletes only its own older caches, never another scope’s or site’s', async () => {
  const dir = await distCopy();
  const server = await serve(dir);
  const browser = await launch();
  try {
    const { page } = await controlledPage(browser.context, server.url);
    const others = ['rekindle-offline-ffffffffffffffff', 'rekindle-offline /other-folder/ 0123456789abcdef', 'the-blogs-own-cache'];
    await page.evaluate((names) => Promise.all(names.map((n) => caches.open(n))), others);
    // A next build, taken at once.
    const swPath = join(dir, 'sw.js');
    const sw = await readFile(swPath, 'utf8');
    const [, oldVersion] = sw.match(/const VERSION = '([0-9a-f]+)';/) ?? [];
    await writeFile(swPath, sw.replace(oldVersion, '0123456789abcdef'));
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.installing ?? registration.waiting;
      await new Promise((resolve) => {
        if (worker.state === 'installed') resolve();
        worker.addEventListener('statechange', () => worker.state === 'installed' && resolve());
      });
      worker.postMessage({ type: 'skip-waiting' });
      await new Promise((resolve) => {
        if (worker.state === 'activated') resolve();
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
      });
    });
    const names = (await page.evaluate(() => caches.keys())).sort();
    assert.deepEqual(names, [...others, 'rekindle-offline / 0123456789abcdef'].sort(), 'only its own old cache went');
  } finally {
    await browser.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a cache holding another build’s module at the same address cannot pair it with this build’s wasm: it is refused', async () => {
  const loader = await readFile(join(DIST, 'rekindle.js'), 'utf8');
  const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
  assert.ok(loader.includes(sri(await readFile(join(DIST, 'rekindle-app.js')))), 'the build wrote the module’s hash into rekindle.js');
  assert.ok(loader.includes(sri(await readFile(join(DIST, 'rekindle-app_bg.wasm')))), 'and the wasm’s');
  // A cache still holding an older build's module at the address: if the loader ran
  // it, it would set the flag (and then fail against this build's wasm).
  const oldGlue = 'globalThis.__olderBuildRan = true;\nexport default function () { return Promise.reject(new Error("an older build")); }\nexport function mount() {}\n';
  const seen = [];
  const server = await serve(DIST, {
    respond: (req, res, url) => {
      if (url.pathname.startsWith('/rekindle-app')) seen.push(url.pathname + url.search);
      if (url.pathname === '/rekindle-app.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(oldGlue);
        return true;
      }
      return false;
    },
  });
  const browser = await launch();
  try {
    const { page, log } = await recordedPage(browser.context);
    await page.goto(server.url + '/demo/blog.html');
    await page.waitForFunction(() => /could not start/.test(document.querySelector('#rekindle-here').shadowRoot?.textContent ?? document.querySelector('#rekindle-here').textContent));
    assert.equal(await page.evaluate(() => globalThis.__olderBuildRan), undefined, 'the other build’s module never ran');
    // Plain addresses inside the loader's folder: a release folder is versioned instead.
    assert.deepEqual([...new Set(seen)].sort(), ['/rekindle-app.js', '/rekindle-app_bg.wasm']);
    assert.deepEqual(log.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
