// The wasm in two parts (xtask/src/split.rs, assets/later.js): a new reader waits only
// for the first; the later part is fetched right after the widget has drawn its first view. Code the later part
// holds still works before it arrives (it is then fetched synchronously and checked), a
// changed later part never runs, and a returning reader's widget starts once it is here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, launch, recordedPage, serve } from './lib/harness.mjs';
import { answerCurrent, ready, WORDS } from './lib/widget.mjs';

// The standalone page's service worker would answer for the later part from its cache,
// out of the routes' reach, so this server has none to offer: these tests are about
// the network.
const env = {};
before(async () => {
  env.server = await serve(DIST, {
    respond: (req, res, url) => url.pathname === '/sw.js' && (res.writeHead(404).end(), true),
  });
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.server?.stop();
});
const LATER = '**/rekindle-app_later.wasm';

/**
 * Holds back the later part's `fetch` (the background load) until `release()`, and lets
 * any other request for it (the synchronous one) through. `requests` lists each kind.
 */
async function holdLater(page) {
  const held = [];
  const requests = [];
  let arrived;
  const fetched = new Promise((resolve) => (arrived = resolve));
  await page.route(LATER, (route) => {
    const kind = route.request().resourceType();
    requests.push(kind);
    if (kind === 'fetch') {
      held.push(route);
      arrived();
    } else {
      route.continue();
    }
  });
  return {
    requests,
    fetched,
    release: () => Promise.all(held.map((route) => route.continue())),
  };
}

/**
 * Whether any text or attribute in the widget still holds the mark that stands for a
 * text of the later part (build.rs): a view of the first part showing a later text.
 */
const showsLaterMark = (page) =>
  page.evaluate(() => {
    const root = window.__rk();
    const values = [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
    return [root.textContent, ...values].some((text) => text.includes('\u0001'));
  });

test('a new reader answers questions before the later part has arrived, and the rest works once it has', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.addInitScript(() => localStorage.clear());
  const later = await holdLater(page);
  await page.goto(env.server.url + '/');
  await later.fetched;
  assert.equal(await showsLaterMark(page), false, 'the welcome has all its words');
  await page.getByRole('button', { name: WORDS.en.start }).click();
  for (let i = 0; i < 3; i++) {
    assert.equal(await showsLaterMark(page), false, 'each question has all its words');
    const legend = await page.locator('fieldset legend').first().textContent();
    await answerCurrent(page);
    await page.getByRole('button', { name: WORDS.en.next }).click();
    await page.waitForFunction((before) => document.querySelector('fieldset legend')?.textContent !== before, legend);
  }
  assert.deepEqual(later.requests, ['fetch'], 'the later part was asked for once, in the background, and not needed yet');
  await later.release();
  // The later part brings its texts: the data view has every word.
  await page.getByRole('button', { name: WORDS.en.myData }).click();
  await page.getByRole('heading', { name: WORDS.en.data }).waitFor();
  assert.equal(await showsLaterMark(page), false, 'the later views have all their words');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('code of the later part that runs before it arrives fetches it there and then', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.addInitScript(() => localStorage.clear());
  const later = await holdLater(page);
  await page.goto(env.server.url + '/');
  await ready(page);
  await later.fetched;
  // Nothing a new reader does in the profiled journeys opens "My data".
  await page.getByRole('button', { name: WORDS.en.myData }).click();
  await page.getByRole('heading', { name: WORDS.en.data }).waitFor();
  assert.deepEqual(later.requests, ['fetch', 'xhr'], 'fetched synchronously while the background load was held');
  // The widget goes on working, on both parts.
  await page.getByRole('button', { name: WORDS.en.assessment }).click();
  await page.getByRole('button', { name: WORDS.en.start }).click();
  await page.locator('fieldset legend').first().waitFor();
  assert.deepEqual(log.errors, []);
  await later.release();
  await page.close();
});

/** A server of dist/ whose later part has a byte appended, stopped after test `t`. */
async function withChangedLater(t) {
  const server = await serve(DIST, {
    rewrite: (path, body) => (path === '/rekindle-app_later.wasm' ? Buffer.concat([body, Buffer.from([0])]) : body),
  });
  t.after(() => server.stop());
  return server;
}

test('a changed later part never runs: the background load and the synchronous one both refuse it', async (t) => {
  const server = await withChangedLater(t);
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(server.url + '/');
  await ready(page);
  // The first part alone still serves a new reader's questions.
  await page.getByRole('button', { name: WORDS.en.start }).click();
  await page.locator('fieldset legend').first().waitFor();
  await answerCurrent(page);
  const refused = page.waitForEvent('pageerror');
  await page.getByRole('button', { name: WORDS.en.myData }).click();
  await refused;
  assert.ok(
    log.errors.some((e) => /rekindle-app_later\.wasm did not load or failed its SHA-256 check/.test(e)),
    `the refusal names the file: ${JSON.stringify(log.errors)}`,
  );
  assert.equal(await page.getByRole('heading', { name: WORDS.en.data }).count(), 0, 'the changed code did not run');
  await page.close();
});

test('a returning reader’s widget starts once the later part is here, without a synchronous fetch', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: WORDS.en.start }).click();
  await answerCurrent(page);
  await page.waitForFunction(() => localStorage.getItem('rekindle.default.v1')?.includes('"answers":{"'));

  const later = await holdLater(page);
  await page.reload();
  await later.fetched;
  // The start waits: the page's own status line is still there, and no widget.
  assert.equal(await page.locator('#rekindle-standalone .page-loading').count(), 1, 'still loading');
  assert.equal(await page.getByRole('navigation', { name: 'Rekindle' }).count(), 0, 'no widget yet');
  await later.release();
  await page.locator('fieldset legend').first().waitFor();
  assert.deepEqual(later.requests, ['fetch'], 'no synchronous fetch');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a returning reader whose later part was changed is told calmly, in the widget’s place, naming the file', async (t) => {
  const server = await withChangedLater(t);
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(server.url + '/demo/blog.html');
  await page.evaluate(() => localStorage.setItem('rekindle.blog.v1', '{"format":"rekindle","version":1,"revision":1,"answers":{}}'));
  await page.reload();
  const shown = await page.waitForFunction(() => {
    const host = document.querySelector('#rekindle-here');
    const text = `${host.shadowRoot?.textContent ?? ''} ${host.textContent}`;
    return /Rekindle could not start/.test(text) && text;
  });
  assert.match(await shown.jsonValue(), /saved answers are safe/);
  const ours = log.console.filter((m) => m.type === 'error' && /Rekindle/.test(m.text));
  assert.equal(ours.length, 1, JSON.stringify(log.console));
  assert.match(ours[0].text, /rekindle-app_later\.wasm/);
  assert.equal(await page.evaluate(() => localStorage.getItem('rekindle.blog.v1')), '{"format":"rekindle","version":1,"revision":1,"answers":{}}', 'what was saved is untouched');
  await page.close();
});
