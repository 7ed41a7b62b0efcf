// The release package (`cargo xtask release`): what a blogger without Rust downloads or
// points a CDN at. It must be a valid npm package, work when installed from its tarball
// and served from another origin with the snippet's integrity attribute, keep every
// request inside its version folder, refuse tampered files, and load what readers saved
// with earlier releases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, recordedPage, ROOT, serve } from './lib/harness.mjs';
import { answerCurrent, KEY, ready } from './lib/widget.mjs';

const VERSION = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/\[package\][^[]*?\nversion = "([^"]+)"/)[1];
const FOLDER = process.env.REKINDLE_RELEASE ?? join(ROOT, 'release', `rekindle-${VERSION}`);
const PACKAGE = 'rekindle-widget';

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split('\\').join('/'))
    .sort();
}

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

let work;
let installed;
let browser;
before(() => {
  assert.ok(existsSync(FOLDER), `${FOLDER} is missing: run \`cargo xtask release\` first`);
  work = mkdtempSync(join(tmpdir(), 'rekindle-release-'));
  browser = null;
});
after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function theBrowser() {
  browser ??= await launch();
  return browser;
}

/** The plain-HTML snippet from the release's own EMBED.md, with its address replaced. */
function snippet(src) {
  const embed = readFileSync(join(FOLDER, 'EMBED.md'), 'utf8');
  const html = embed.match(/## Plain HTML[\s\S]*?```html\n([\s\S]*?)```/)[1];
  const own = `https://your.site/rekindle-${VERSION}/rekindle.js`;
  assert.ok(html.includes(own), 'the snippet names the version folder');
  return html.replace(own, src);
}

function hostPage(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A blog post</title></head>
<body><main><h1>A blog post</h1><p>Before the widget.</p>${body}<p>After the widget.</p></main></body></html>`;
}

test('the folder is a valid npm package whose entry for every CDN is rekindle.js, and packs every file', () => {
  const pkg = JSON.parse(readFileSync(join(FOLDER, 'package.json'), 'utf8'));
  assert.equal(pkg.name, PACKAGE);
  assert.equal(pkg.version, VERSION, 'the version of Cargo.toml');
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  for (const field of ['main', 'browser', 'unpkg', 'jsdelivr']) assert.equal(pkg[field], 'rekindle.js', field);
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: FOLDER, encoding: 'utf8' }));
  assert.equal(packed.name, PACKAGE);
  assert.equal(packed.version, VERSION);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), filesUnder(FOLDER), 'npm packs exactly the folder');
  for (const needed of ['rekindle.js', 'rekindle-app.js', 'rekindle-app_bg.wasm', 'index.html', 'sw.js', 'manifest.webmanifest', 'rekindle-offline.html', 'EMBED.md', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(packed.files.some((f) => f.path === needed), `${needed} is in the package`);
  }
  // The snippet carries the loader's real hash, as the release command printed it.
  const loaderSri = sri(readFileSync(join(FOLDER, 'rekindle.js')));
  assert.ok(snippet('x').includes(`integrity="${loaderSri}" crossorigin="anonymous"`), 'EMBED.md has the loader’s SHA-384');
});

test('installed from its tarball and served from another origin (a CDN), the snippet with integrity shows a working widget', async () => {
  const packDir = join(work, 'packed');
  execFileSync('mkdir', ['-p', packDir]);
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: FOLDER, encoding: 'utf8' }));
  const site = join(work, 'site');
  execFileSync('mkdir', ['-p', site]);
  writeFileSync(join(site, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(packDir, packed.filename)], { cwd: site, stdio: 'pipe' });
  installed = join(site, 'node_modules', PACKAGE);
  assert.deepEqual(filesUnder(installed), filesUnder(FOLDER), 'the installed package holds the release’s files');

  // The CDN: the installed package under its versioned path, with the headers EMBED.md
  // asks for; HTML as plain text, as jsDelivr sends it.
  const prefix = `/npm/${PACKAGE}@${VERSION}`;
  const cdn = await serve(site, {
    respond: (req, res, url) => {
      if (!url.pathname.startsWith(prefix + '/')) {
        res.writeHead(404).end();
        return true;
      }
      const file = join(installed, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (!existsSync(file)) {
        res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
        return true;
      }
      const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'text/plain; charset=utf-8';
      res.writeHead(200, {
        'Content-Type': type,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Access-Control-Allow-Origin': '*',
      });
      res.end(readFileSync(file));
      return true;
    },
  });
  const blog = await serve(site, {
    respond: (req, res, url) => {
      if (url.pathname !== '/post.html') return false;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(hostPage(snippet(`${cdn.url}${prefix}/rekindle.js`)));
      return true;
    },
  });
  try {
    const { page, log } = await recordedPage((await theBrowser()).context);
    await page.goto(blog.url + '/post.html');
    await ready(page);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.locator('fieldset legend').first().waitFor();
    await answerCurrent(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
    const fromCdn = log.requests.map((r) => r.url).filter((u) => u.startsWith(cdn.url));
    assert.ok(fromCdn.length >= 3, `the loader, module and wasm came from the CDN: ${fromCdn}`);
    for (const url of fromCdn) {
      assert.ok(new URL(url).pathname.startsWith(prefix + '/'), `${url} is inside the version folder`);
      assert.equal(new URL(url).search, '', `${url} needs no query string`);
    }
    // The CDN sends HTML as text, so share links must not be built on its index.html.
    assert.equal(await page.evaluate(() => window.Rekindle.sharePage), null);
    await page.close();
  } finally {
    await blog.stop();
    await cdn.stop();
  }
});

test('the installed package’s own blog demo page works, served as it is', async () => {
  assert.ok(installed, 'the tarball was installed by the test before');
  const server = await serve(installed);
  try {
    const { page, log } = await recordedPage((await theBrowser()).context);
    await page.goto(server.url + '/demo/blog.html');
    await ready(page);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.locator('fieldset legend').first().waitFor();
    assert.deepEqual(log.errors, []);
    await page.close();
  } finally {
    await server.stop();
  }
});

for (const fixture of readdirSync(join(ROOT, 'src', 'domain', 'fixtures', 'releases')).filter((f) => f.endsWith('.json')).sort()) {
  test(`what a reader saved with Rekindle ${fixture.replace(/\.json$/, '')} opens in this release with nothing lost`, async () => {
    const saved = readFileSync(join(ROOT, 'src', 'domain', 'fixtures', 'releases', fixture), 'utf8');
    const state = JSON.parse(saved);
    // The saved key depends on the namespace only, never on the folder the files come from.
    const server = await serve(FOLDER);
    try {
      const { page, log } = await recordedPage((await theBrowser()).context);
      await page.goto(server.url + '/demo/blog.html');
      await page.evaluate(([k, v]) => {
        localStorage.clear();
        localStorage.setItem(k, v);
      }, ['rekindle.blog.v1', saved]);
      await page.reload();
      await ready(page);
      // The reader is back where they were, with their own words.
      for (const note of state.tracker.notes) await page.getByText(note.text).waitFor();
      await page.getByRole('button', { name: 'My data' }).click();
      // Counted in English's plural forms (Intl.PluralRules): "1 journal note", "3 journal notes".
      const counted = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
      await page.getByText(counted(Object.keys(state.answers).length, 'assessment answer')).waitFor();
      await page.getByText(counted(state.tracker.notes.length, 'journal note')).waitFor();
      const now = JSON.parse(await page.evaluate(() => localStorage.getItem('rekindle.blog.v1')));
      assert.deepEqual(now.answers, state.answers, 'every answer kept');
      assert.deepEqual(now.tracker, state.tracker, 'the plan, notes and counter kept');
      assert.ok(now.revision >= state.revision);
      assert.deepEqual(log.errors, []);
      await page.close();
    } finally {
      await server.stop();
    }
  });
}
