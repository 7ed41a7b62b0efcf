// Issue 13: the host page must not move when the widget loads. The loader draws a
// placeholder as tall as the first view at once; these tests hold the wasm back (the
// network throttled) and sum the layout shifts the page saw, the way CLS does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, axeViolations, recordedPage, serve, withServerAndBrowser } from './lib/harness.mjs';

const env = withServerAndBrowser();

// The same pages with data-lang="es" on the script tag: Spanish words are longer, and
// the reserve must hold them too.
let spanish;
before(async () => {
  spanish = await serve(DIST, {
    rewrite: (path, body) =>
      path.endsWith('.html') ? Buffer.from(String(body).replace('data-target="#rekindle-here"', 'data-target="#rekindle-here" data-lang="es"')) : body,
  });
});
after(() => spanish?.stop());

/** Records layout shifts not caused by input from the first paint on. */
function observeShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) window.__shifts.push({ value: e.value, sources: e.sources?.map((s) => s.node?.nodeName ?? '?') });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** A slow connection, so the wasm arrives well after the page has painted. */
async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (600 * 1024) / 1, // bytes per second
    uploadThroughput: 64 * 1024,
  });
}

/** Waits for `text` in the first shadow root under `host`, then two frames more. */
async function waitInWidget(page, host, selector) {
  await page.waitForFunction(
    ([h, s]) => document.querySelector(h)?.shadowRoot?.querySelector(s) != null,
    [host, selector],
  );
  // Layout-shift entries are queued after the frame that produced them.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function shiftWhileLoading(path, host, firstView, { base = env.server.url, loading = /Loading Rekindle/ } = {}) {
  const { page, log } = await recordedPage(env.browser.context);
  const failed = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  await page.addInitScript(observeShifts);
  await throttle(page);
  await page.goto(base + path);
  // The placeholder is there before the wasm, with its status for screen readers.
  const status = await page.evaluate(
    (h) => document.querySelector(h)?.shadowRoot?.querySelector('[role=status]')?.textContent ?? document.querySelector(h)?.textContent,
    host,
  );
  assert.match(status ?? '', loading, 'a loading status shows while the wasm downloads, in the widget’s language');
  assert.deepEqual(await axeViolations(page), [], 'the page with its placeholder passes axe');
  await waitInWidget(page, host, firstView);
  const shifts = await page.evaluate(() => window.__shifts);
  const total = shifts.reduce((sum, s) => sum + s.value, 0);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(failed, [], 'no request fails (a missing favicon included)');
  await page.close();
  return { total, shifts };
}

test('the blog demo page does not move while the widget loads', async () => {
  const { total, shifts } = await shiftWhileLoading('/demo/blog.html', '#rekindle-here', '.rekindle h1');
  assert.ok(total <= 0.01, `layout shift ${total.toFixed(4)} > 0.01: ${JSON.stringify(shifts)}`);
});

test('a post that starts at the first question does not move either', async () => {
  const { total, shifts } = await shiftWhileLoading('/fixtures/shift.html', '#rekindle-here', '.rekindle fieldset legend');
  assert.ok(total <= 0.01, `layout shift ${total.toFixed(4)} > 0.01: ${JSON.stringify(shifts)}`);
});

test('a post that starts at the plan does not move either', async () => {
  const { total, shifts } = await shiftWhileLoading('/fixtures/shift-plan.html', '#rekindle-here', '.rekindle .rk-plan');
  assert.ok(total <= 0.01, `layout shift ${total.toFixed(4)} > 0.01: ${JSON.stringify(shifts)}`);
});

test('in Spanish, the placeholder speaks Spanish and the post does not move either', async () => {
  for (const [path, firstView] of [['/demo/blog.html', '.rekindle h1'], ['/fixtures/shift.html', '.rekindle fieldset legend']]) {
    const { total, shifts } = await shiftWhileLoading(path, '#rekindle-here', firstView, { base: spanish.url, loading: /Cargando Rekindle/ });
    assert.ok(total <= 0.01, `${path}: layout shift ${total.toFixed(4)} > 0.01: ${JSON.stringify(shifts)}`);
  }
});

test('the standalone page does not move while the widget loads', async () => {
  const { total, shifts } = await shiftWhileLoading('/', '#rekindle-standalone', '.rekindle h1');
  assert.ok(total <= 0.01, `layout shift ${total.toFixed(4)} > 0.01: ${JSON.stringify(shifts)}`);
});

// The reserved heights are measured figures in assets/rekindle.js. This fails when a
// first view outgrows them (new text, a new style) or when they leave a large gap.
// The plan is 90 to 160 em tall and longer in Spanish: up to 10 em may stay empty under it.
for (const [name, path, firstView, slack] of [
  ['welcome', '/demo/blog.html', '.rekindle h1', 4],
  ['first question', '/fixtures/shift.html', '.rekindle fieldset legend', 4],
  ['plan', '/fixtures/shift-plan.html', '.rekindle .rk-plan', 10],
]) for (const language of ['English', 'Spanish']) {
  test(`the reserve fits the ${name} view in ${language} at every width from 280 to 760 px`, async () => {
    const { page } = await recordedPage(env.browser.context);
    await page.goto((language === 'Spanish' ? spanish.url : env.server.url) + path);
    await waitInWidget(page, '#rekindle-here', firstView);
    const misfits = [];
    for (let width = 280; width <= 760; width += 8) {
      const fit = await page.evaluate((w) => {
        const host = document.querySelector('#rekindle-here');
        // The host's own width is the widget's to set (:host, !important); its parent's is not.
        host.parentElement.style.maxWidth = 'none';
        host.parentElement.style.width = w + 'px';
        if (host.getBoundingClientRect().width !== w) throw new Error(`the host is not ${w} px wide`);
        const root = host.shadowRoot;
        const em = parseFloat(getComputedStyle(root.querySelector('.rekindle')).fontSize);
        const natural = root.querySelector('.rekindle').getBoundingClientRect().height / em;
        const reserved = parseFloat(getComputedStyle(root.querySelector('.rk-reserve')).minHeight) / em;
        return { natural, reserved };
      }, width);
      if (!(fit.natural <= fit.reserved + 0.01) || fit.reserved - fit.natural > slack) misfits.push({ width, ...fit });
    }
    assert.deepEqual(misfits, [], `reserved height (em) within ${slack} em above the view at every width`);

    // The reserve ends with the reader's first input, so later views take their own height.
    await page.locator('#rekindle-here').evaluate((host) => host.parentElement.removeAttribute('style'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const stillReserved = await page.evaluate(() =>
      document.querySelector('#rekindle-here').shadowRoot.querySelector('.rk-reserve') != null,
    );
    assert.equal(stillReserved, false, 'a key pressed in the widget releases the reserved height');
    await page.close();
  });
}
