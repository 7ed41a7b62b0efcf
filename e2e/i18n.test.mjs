// Languages: data-lang, auto (the host page's lang, then the browser's languages), the
// standalone page's switch, an unknown value, a right-to-left host, axe in Spanish on
// every view, the single file in Spanish without a network, and a share link that
// opens in the other language with the same result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { recordedPage, axeViolations, launch, withServerAndBrowser, DIST } from './lib/harness.mjs';
import { completeAssessment, ready, openFresh, WORDS } from './lib/widget.mjs';
import { viewsIn } from './lib/views.mjs';

const env = withServerAndBrowser();

/** The widget root's lang and dir, and its welcome heading and first button. */
async function rootFacts(page, index = 0) {
  return page.evaluate((i) => {
    const root = window.__rk(i)?.querySelector('.rekindle');
    return {
      lang: root?.getAttribute('lang'),
      dir: root?.getAttribute('dir'),
      start: root?.querySelector('.welcome button')?.textContent,
    };
  }, index);
}

/** Opens a host page in a fresh context with the browser's languages set by `locale`. */
async function inBrowser(locale, path, fn) {
  const browser = await launch({ locale });
  try {
    const { page, log } = await recordedPage(browser.context);
    await page.goto(env.server.url + path);
    await ready(page);
    await fn(page, log);
  } finally {
    await browser.close();
  }
}

test('data-lang="es" shows the widget in Spanish, fetching its text once, on an English page', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/fixtures/lang-es.html');
  await ready(page);
  await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
  assert.deepEqual(await rootFacts(page), { lang: 'es', dir: 'ltr', start: 'Empezar la evaluación' });
  assert.equal(log.requests.filter((r) => r.url.includes('rekindle-es.json')).length, 1);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a language whose text cannot be had, missing or damaged, shows English with one warning naming why', async () => {
  const cases = [
    { why: 'missing', reply: { status: 404, body: 'not here' }, warning: /rekindle-es\.json/ },
    { why: 'not JSON', reply: { status: 200, body: '<html>', contentType: 'application/json' }, warning: /not JSON/ },
    { why: 'one text', reply: { status: 200, body: '["Hola"]', contentType: 'application/json' }, warning: /1 texts where this build has \d+/ },
  ];
  for (const { why, reply, warning } of cases) {
    const { page, log } = await recordedPage(env.browser.context);
    await page.route('**/rekindle-es.json', (route) => route.fulfill(reply));
    await page.goto(env.server.url + '/fixtures/lang-es.html');
    await ready(page);
    await page.getByRole('button', { name: 'Start the assessment' }).waitFor();
    assert.deepEqual(await rootFacts(page), { lang: 'en', dir: 'ltr', start: 'Start the assessment' }, why);
    const warnings = log.console.filter((m) => m.type === 'warning' && m.text.includes('showing English'));
    assert.equal(warnings.length, 1, why);
    assert.match(warnings[0].text, warning, why);
    assert.deepEqual(log.errors, [], why);
    await page.close();
  }
});

test('an English widget never downloads another language', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/fixtures/themed.html');
  await ready(page);
  await page.getByRole('button', { name: 'Start the assessment' }).waitFor();
  assert.equal(log.requests.filter((r) => /rekindle-\w+\.json/.test(r.url)).length, 0);
  await page.close();
});

test('auto follows a Spanish host page even when the browser prefers English', async () => {
  await inBrowser('en-US', '/fixtures/lang-auto-es.html', async (page) => {
    await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
    assert.equal((await rootFacts(page)).lang, 'es');
  });
});

test('auto follows navigator.languages when the page has no language Rekindle speaks', async () => {
  // The standalone page follows the browser; so does a host page in a language
  // Rekindle does not speak.
  await inBrowser('es-ES', '/', async (page) => {
    await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
    assert.equal((await rootFacts(page)).lang, 'es');
  });
  await inBrowser('es-AR', '/fixtures/lang-foreign.html', async (page) => {
    await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
    assert.equal((await rootFacts(page)).lang, 'es');
  });
});

test('before the widget arrives, the standalone page says it is loading in the language the widget will speak', async () => {
  const cases = [
    { locale: 'es-MX', path: '/', expected: 'Cargando Rekindle…' },
    { locale: 'en-US', path: '/', expected: 'Loading Rekindle…' },
    { locale: 'es-MX', path: '/?embed&lang=en', expected: 'Loading Rekindle…' },
    { locale: 'en-US', path: '/?embed&lang=es', expected: 'Cargando Rekindle…' },
  ];
  for (const { locale, path, expected } of cases) {
    const browser = await launch({ locale });
    try {
      const { page } = await recordedPage(browser.context);
      // The wasm is held back, so the page stays on its status line.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route('**/rekindle-app_bg.wasm', async (route) => {
        await held;
        await route.continue().catch(() => {});
      });
      // Not waiting for `load`: the page preloads the wasm, which is held.
      await page.goto(env.server.url + path, { waitUntil: 'domcontentloaded' });
      const status = page.locator('#rekindle-standalone .page-loading');
      assert.equal(await status.textContent(), expected, `${locale} ${path}`);
      assert.equal(await status.getAttribute('role'), 'status');
      release();
    } finally {
      await browser.close();
    }
  }
});

test('an unknown data-lang warns once, naming the attribute and the accepted values, and shows English', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/fixtures/lang-unknown.html');
  await ready(page);
  await page.getByRole('button', { name: 'Start the assessment' }).waitFor();
  const warnings = log.console.filter((m) => m.type === 'warning' && m.text.includes('data-lang'));
  assert.equal(warnings.length, 1, JSON.stringify(log.console));
  assert.match(warnings[0].text, /klingon/);
  assert.match(warnings[0].text, /en, es, auto/);
  assert.equal((await rootFacts(page)).lang, 'en');
  await page.close();
});

test('the standalone page offers a language switch and remembers the choice', async () => {
  const { page } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  await page.getByRole('button', { name: 'Start the assessment' }).waitFor();
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed'), 'true');
  // The page around the widget follows: its language, title and footer.
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  assert.match(await page.title(), /volver con tu ex/);
  await page.getByText('Rekindle funciona por completo en tu navegador.', { exact: false }).waitFor();
  // So do the words sw-register.js shows when a new version is ready.
  assert.deepEqual(
    await page.evaluate(() =>
      ['update_ready', 'update_reload'].map((key) => document.querySelector(`[data-rk-text="${key}"]`).textContent),
    ),
    ['Ya está lista una nueva versión de Rekindle. Tus respuestas se conservan.', 'Recargar'],
  );
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Start the assessment' }).waitFor();
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('in a right-to-left host the layout mirrors and nothing overflows at 320 px', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(env.server.url + '/fixtures/rtl.html');
  await ready(page);
  await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
  // Spanish is written left to right, so the widget says so on its root...
  assert.deepEqual(await rootFacts(page), { lang: 'es', dir: 'ltr', start: 'Empezar la evaluación' });
  // ...and its layout is direction-agnostic: with a right-to-left language it mirrors.
  await page.evaluate(() => window.__rk().querySelector('.rekindle').setAttribute('dir', 'rtl'));
  await page.getByRole('button', { name: 'Empezar la evaluación' }).click();
  const back = page.getByRole('button', { name: 'Atrás' });
  const next = page.getByRole('button', { name: 'Siguiente' });
  await back.waitFor();
  const [b, n] = [await back.boundingBox(), await next.boundingBox()];
  assert.ok(b.x > n.x, `Back (x=${b.x}) sits right of Next (x=${n.x}) when mirrored`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `the page is ${width}px wide`);
  assert.deepEqual(log.errors, []);
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  test(`no axe violations on any view in Spanish (${scheme})`, async () => {
    const browser = await launch({ locale: 'es-MX', colorScheme: scheme });
    try {
      const { page, log } = await recordedPage(browser.context);
      await openFresh(page, env.server.url + '/');
      await completeAssessment(page, WORDS.es);
      const report = [];
      for (const [name, go, shown] of viewsIn(WORDS.es)) {
        await go(page);
        await shown(page).waitFor();
        const lang = await page.evaluate(() => window.__rk().querySelector('.rekindle').getAttribute('lang'));
        assert.equal(lang, 'es', name);
        const violations = await axeViolations(page);
        if (violations.length) report.push({ view: name, violations });
      }
      assert.deepEqual(report, [], JSON.stringify(report, null, 2));
      assert.deepEqual(log.errors, []);
    } finally {
      await browser.close();
    }
  });
}

test('the single file speaks Spanish from disk, with no network', async () => {
  const browser = await launch({ locale: 'es-ES' });
  try {
    const { page, log } = await recordedPage(browser.context);
    await page.goto(pathToFileURL(join(DIST, 'rekindle-offline.html')).href);
    await ready(page);
    await page.getByRole('button', { name: 'Empezar la evaluación' }).waitFor();
    assert.deepEqual(log.requests.filter((r) => !r.url.startsWith('file:') && !r.url.startsWith('data:')), []);
  } finally {
    await browser.close();
  }
});

test('a share link made in English opens in Spanish with the same result', async () => {
  const { page } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  await completeAssessment(page, WORDS.en);
  await page.getByRole('button', { name: 'See my result' }).click();
  const band = await page.evaluate(() => window.__rk().querySelector('.rk-zone-yours')?.getAttribute('class'));
  await page.getByRole('button', { name: 'Make a private link' }).click();
  const link = await page.locator('#rk-share-link').inputValue();
  await page.evaluate(() => localStorage.clear());
  await page.close();

  const browser = await launch({ locale: 'es-ES' });
  try {
    const { page: other } = await recordedPage(browser.context);
    await other.goto(link);
    await ready(other);
    await other.getByRole('heading', { name: 'Un resultado que alguien compartió contigo' }).waitFor();
    const theirs = await other.evaluate(() => window.__rk().querySelector('.rk-zone-yours')?.getAttribute('class'));
    assert.ok(band && band === theirs, `${band} vs ${theirs}`);
  } finally {
    await browser.close();
  }
});

test('with scripts turned off, the standalone page and the single file say why in English and Spanish, and stop saying they are loading', async () => {
  const browser = await launch({ javaScriptEnabled: false, locale: 'es-MX' });
  try {
    const page = await browser.context.newPage();
    for (const url of [env.server.url + '/', pathToFileURL(join(DIST, 'rekindle-offline.html')).href]) {
      await page.goto(url);
      const shown = await page.locator('main').innerText();
      assert.match(shown, /Rekindle needs JavaScript and WebAssembly/, url);
      assert.match(shown, /Rekindle necesita JavaScript y WebAssembly/, url);
      assert.doesNotMatch(shown, /Loading Rekindle|Cargando Rekindle/, url);
      assert.equal(await page.locator('main p[lang="es"]').count(), 1, url);
    }
  } finally {
    await browser.close();
  }
});
