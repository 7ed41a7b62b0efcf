// Embedding: one script tag on any page, shadow DOM isolation, several instances, a
// strict CSP, no requests after load, nothing leaking into the host page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, withServerAndBrowser } from './lib/harness.mjs';
import { answerCurrent, completeAssessment } from './lib/widget.mjs';

const env = withServerAndBrowser();

const WIDGET_FILES = ['/rekindle.js', '/rekindle-app.js', '/rekindle-app_bg.wasm', '/rekindle-app_later.wasm'];

async function open(path, { beforeScripts } = {}) {
  const { page, log } = await recordedPage(env.browser.context);
  if (beforeScripts) await page.addInitScript(beforeScripts);
  await page.goto(env.server.url + path);
  await page.getByRole('navigation', { name: 'Rekindle' }).first().waitFor();
  return { page, log };
}

async function answerFirst(page) {
  await page.getByRole('button', { name: 'Start the assessment' }).first().click();
  await page.locator('fieldset legend').first().waitFor();
  await answerCurrent(page);
}

const keys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

test('the blog post shows the widget mid-text; a question can be answered; no request after it is ready', async () => {
  const { page, log } = await open('/demo/blog.html');
  // Ready: drawn, and the later part of the wasm (fetched right after the first view) in.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/rekindle-app_later.wasm')));
  const readyAt = Date.now();
  // The widget sits between the article's paragraphs.
  const order = await page.evaluate(() => {
    const host = document.querySelector('#rekindle-here');
    return [host.previousElementSibling?.tagName, host.nextElementSibling?.tagName];
  });
  assert.deepEqual(order, ['P', 'SCRIPT']);
  await answerFirst(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('fieldset legend').first().waitFor();
  await page.getByRole('button', { name: 'My plan' }).click();
  await page.getByRole('button', { name: 'My data' }).click();

  // The demo page's own favicon is the host page's request, made whenever the browser
  // gets to it; everything else is the widget's or the post's.
  const widgetOrPost = log.requests.filter((r) => new URL(r.url).pathname !== '/icons/icon.svg');
  const before = widgetOrPost.filter((r) => r.at <= readyAt).map((r) => new URL(r.url).pathname);
  const afterReady = widgetOrPost.filter((r) => r.at > readyAt);
  assert.deepEqual(afterReady, [], 'no request once the widget is ready');
  for (const path of before) {
    // index.html: the loader checks once for Rekindle's own page beside it (share links).
    assert.ok(['/demo/blog.html', '/demo/blog.css', '/index.html', ...WIDGET_FILES].includes(path), `unexpected request ${path}`);
  }
  for (const file of WIDGET_FILES) assert.ok(before.includes(file), `${file} was loaded`);
  assert.ok(log.requests.every((r) => r.url.startsWith(env.server.url)), 'everything from the page’s own origin');
  assert.deepEqual(await keys(page), ['rekindle.blog.v1'], 'only the widget’s own namespaced key');
  assert.deepEqual(log.errors, []);
  const sizes = await page.evaluate((files) => Promise.all(files.map((f) => fetch(f).then((r) => r.arrayBuffer()).then((b) => b.byteLength))), WIDGET_FILES);
  console.log(`# widget bytes fetched before ready (uncompressed): ${sizes.reduce((a, b) => a + b, 0)} (${WIDGET_FILES.map((f, i) => `${f} ${sizes[i]}`).join(', ')})`);
  await page.close();
});

test('a hostile host stylesheet cannot hide or restyle the widget', async () => {
  const { page } = await open('/fixtures/hostile.html');
  const start = page.getByRole('button', { name: 'Start the assessment' });
  assert.equal(await start.isVisible(), true, 'the host’s button { display: none } does not reach the widget');
  const heading = page.getByRole('heading', { name: 'Rekindle' });
  const colour = await heading.evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(colour, 'rgb(255, 0, 0)', 'the host’s red !important does not reach the widget');
  const size = await heading.evaluate((el) => getComputedStyle(el).fontSize);
  assert.notEqual(size, '40px');
  // The host's root font size (31px) does not resize the widget: it follows the
  // reader's own browser setting (16px here).
  const px = (value) => Number.parseFloat(value);
  assert.ok(px(size) >= 20 && px(size) <= 30, `the heading stays at its own size: ${size}`);
  const sizes = await page.evaluate(() =>
    [...window.__rk().querySelectorAll('.rekindle p, .rekindle button')].map((el) => getComputedStyle(el).fontSize),
  );
  assert.ok(sizes.length > 0);
  for (const text of sizes) assert.ok(px(text) >= 12 && px(text) <= 20, `widget text at ${text}: ${JSON.stringify(sizes)}`);
  await answerFirst(page);
  assert.equal(await page.locator('fieldset input').first().isVisible(), true);
  // And the widget's own CSS does not leak out: the host heading keeps the host's style.
  const hostHeading = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color);
  assert.equal(hostHeading, 'rgb(255, 0, 0)');
  await page.close();
});

test('two widgets on one page keep separate state', async () => {
  const { page } = await open('/demo/two.html');
  await page.getByRole('navigation', { name: 'Rekindle' }).nth(1).waitFor();
  await answerFirst(page); // the first widget's start button comes first
  const stored = await page.evaluate(() => ({
    first: JSON.parse(localStorage.getItem('rekindle.first.v1') ?? 'null'),
    second: JSON.parse(localStorage.getItem('rekindle.second.v1') ?? 'null'),
  }));
  assert.equal(Object.keys(stored.first.answers).length, 1);
  assert.ok(stored.second === null || Object.keys(stored.second.answers).length === 0, 'the second widget is untouched');
  await page.close();
});

test('under a strict Content-Security-Policy the widget works with zero violations', async () => {
  const { page, log } = await open('/demo/csp.html');
  const response = await page.request.get(env.server.url + '/demo/csp.html');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  await answerFirst(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('fieldset legend').first().waitFor();
  assert.deepEqual(log.cspViolations, [], 'no CSP violation reported');
  assert.deepEqual(log.console.filter((m) => /Content Security Policy/i.test(m.text)), []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the widget adds exactly one global, Rekindle', async () => {
  const { page } = await open('/demo/blog.html', {
    beforeScripts: () => {
      Object.defineProperty(window, '__globalsBefore', { enumerable: false, value: Object.getOwnPropertyNames(window) });
    },
  });
  const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !window.__globalsBefore.includes(n) && n !== '__globalsBefore'));
  assert.deepEqual(added, ['Rekindle']);
  await page.close();
});

test('an invalid attribute value warns once, naming the attribute, and the default is used', async () => {
  const { page, log } = await open('/fixtures/invalid.html');
  const warnings = log.console.filter((m) => m.type === 'warning' && m.text.includes('Rekindle'));
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0].text, /data-theme="purple"/);
  assert.match(warnings[0].text, /light, dark, auto/);
  const cls = await page.evaluate(() => window.__rk().querySelector('.rekindle').className);
  assert.match(cls, /rk-auto/, 'the default theme is used');
  await page.close();
});

test('the result event reaches the host only when opted in, and carries the band alone', async () => {
  for (const [path, optedIn] of [['/fixtures/events.html', true], ['/fixtures/no-events.html', false]]) {
    const { page } = await open(path);
    await page.locator('fieldset legend').first().waitFor(); // data-start="assessment"
    await page.getByRole('button', { name: 'Back' }).click();
    await completeAssessment(page);
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.locator('h2[tabindex="-1"]').first().waitFor();
    const saw = await page.evaluate(() => window.hostSaw);
    if (optedIn) {
      assert.equal(saw.length, 1);
      assert.deepEqual(Object.keys(saw[0]), ['band']);
      assert.match(saw[0].band, /^(good_chance|worth_trying|uphill|move_on)$/);
    } else {
      assert.deepEqual(saw, [], 'nothing reaches a host that did not opt in');
    }
    await page.close();
  }
});

test('the iframe embed (?embed) drops the page chrome', async () => {
  const { page } = await open('/?embed');
  assert.equal(await page.locator('footer.page-chrome').isVisible(), false);
  const { page: plain } = await open('/');
  assert.equal(await plain.locator('footer.page-chrome').isVisible(), true);
  await page.close();
  await plain.close();
});

test('an embedder can theme the widget with custom properties on its element', async () => {
  const { page } = await open('/fixtures/themed.html');
  const start = page.getByRole('button', { name: 'Start the assessment' });
  assert.equal(await start.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(10, 60, 120)');
  const root = await page.evaluate(() => getComputedStyle(window.__rk().querySelector('.rekindle')).backgroundColor);
  assert.equal(root, 'rgb(250, 250, 250)');
  await page.close();
});

test('the iframe posts its height only when asked, and only to the origin the embedder named', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/fixtures/iframes.html');
  for (const id of ['with', 'elsewhere', 'unnamed', 'without']) {
    await page.frameLocator(`#${id}`).getByRole('navigation', { name: 'Rekindle' }).waitFor();
  }
  await page.waitForFunction(() => window.heights.some((m) => m.from === 'with'));
  // Give the others the same chance to post: a resize makes every observer report.
  await page.evaluate(() => document.querySelectorAll('iframe').forEach((f) => (f.width = '380')));
  await page.waitForFunction(() => window.heights.filter((m) => m.from === 'with').length >= 2);
  const messages = await page.evaluate(() => window.heights);
  assert.ok(messages.every((m) => m.from === 'with'), JSON.stringify(messages));
  const first = messages[0].data;
  assert.deepEqual(Object.keys(first).sort(), ['height', 'type']);
  assert.equal(first.type, 'rekindle:height');
  assert.ok(first.height > 100, `a real height: ${first.height}`);
  // A frame asked for auto-height without naming the parent says why in the console.
  const warnings = log.console.filter((m) => m.type === 'warning' && /parent-origin/.test(m.text));
  assert.ok(warnings.length >= 1, JSON.stringify(log.console));
  await page.close();
});

test('a script tag in <head> mounts nothing itself: two elements, two widgets', async () => {
  const { page } = await open('/demo/two.html');
  await page.getByRole('navigation', { name: 'Rekindle' }).nth(1).waitFor();
  const hosts = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.shadowRoot).map((el) => el.tagName));
  assert.deepEqual(hosts, ['REKINDLE-WIDGET', 'REKINDLE-WIDGET']);
  await page.close();
});

test('Rekindle’s own page runs under a strict policy of its own (meta tags, any host), with zero violations', async () => {
  const html = await (await fetch(env.server.url + '/')).text();
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(policy, 'the page carries its policy');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
  assert.match(policy, /object-src 'none'/);
  assert.match(policy, /base-uri 'none'/);
  assert.match(html, /<meta name="referrer" content="no-referrer"/);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before any script');

  const { page, log } = await open('/');
  await answerFirst(page);
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByRole('heading', { name: 'Your data' }).waitFor();
  assert.deepEqual(log.cspViolations, [], 'the page itself breaks none of its rules');
  assert.deepEqual(log.errors, []);
  // And the policy holds: a script slipped into the page does not run.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__slippedIn = true;';
    document.head.append(script);
  });
  await page.waitForFunction(() => true);
  assert.equal(await page.evaluate(() => window.__slippedIn), undefined);
  await page.close();
});

test('loading never moves the host page: no focus taken, no scroll, for a start view or a returning reader', async () => {
  const { page } = await recordedPage(env.browser.context);
  const url = env.server.url + '/fixtures/below-the-fold.html';
  // Where the page's focus and scroll are once the widget shows `selector`, after the
  // frames in which its effects run.
  const settled = async (selector) => {
    await page.waitForFunction((s) => window.__rk()?.querySelector(s), selector);
    return page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve({ scrollY: window.scrollY, focus: window.__rkActive()?.tagName })),
          ),
        ),
    );
  };
  const untouched = { scrollY: 0, focus: 'BODY' };

  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.deepEqual(await settled('fieldset legend'), untouched, 'data-start="assessment" on a fresh visit');

  // Acting in the widget does move focus, as before: Next lands on the new question.
  await answerCurrent(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction(() => window.__rkActive()?.matches?.('h2.rk-prompt'));

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.reload();
  assert.deepEqual(await settled('fieldset legend'), untouched, 'a returning reader resuming on a question');

  await page.getByRole('button', { name: 'My plan' }).click();
  await page.getByRole('button', { name: /^Step 1\b/ }).first().click();
  await page.waitForFunction(() => window.__rkActive()?.id === 'rk-step-title');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.reload();
  assert.deepEqual(await settled('#rk-step-title'), untouched, 'a returning reader resuming on a step');
  await page.close();
});

