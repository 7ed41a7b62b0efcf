// Integrity: rekindle.js carries the SHA-384 of the module and the wasm it was built
// with, and runs them only if what arrives matches. A host or CDN that hands back a
// changed file gets a calm message in the widget and one console error, and none of the
// changed code runs; the right files run, under a strict CSP too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, launch, recordedPage, serve } from './lib/harness.mjs';
import { answerCurrent, ready } from './lib/widget.mjs';

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const CALM = /Rekindle could not start/;

/** Serves dist/ (with an empty favicon, so the only console errors are the page's own). */
function served(rewrite) {
  return serve(DIST, {
    respond: (req, res, url) => url.pathname === '/favicon.ico' && (res.writeHead(204).end(), true),
    rewrite,
  });
}

/** Serves dist/ with `file` changed on its way out by `change(bytes)`. */
function tampered(file, change) {
  return served((path, body) => (path === '/' + file ? change(body) : body));
}

/** Opens the blog demo and waits until the widget is either ready or has given up. */
async function openBlog(browser, server) {
  const { page, log } = await recordedPage(browser.context);
  await page.goto(server.url + '/demo/blog.html');
  await page.waitForFunction(() => Boolean(window.Rekindle?.ready));
  const outcome = await page.evaluate(() => window.Rekindle.ready.then(() => 'ran', () => 'refused'));
  return { page, log, outcome };
}

async function refusedCalmly(page, log, file) {
  // The message is in the widget's place (its shadow root, or the element itself).
  const shown = await page.evaluate(() => {
    const host = document.querySelector('#rekindle-here');
    return `${host.shadowRoot?.textContent ?? ''} ${host.textContent}`;
  });
  assert.match(shown, CALM, 'the reader is told, in the widget’s place');
  assert.equal(await page.getByRole('navigation', { name: 'Rekindle' }).count(), 0, 'no widget ran');
  const ours = log.console.filter((m) => m.type === 'error' && /Rekindle/.test(m.text));
  assert.equal(ours.length, 1, `one console error from Rekindle: ${JSON.stringify(log.console)}`);
  assert.match(ours[0].text, new RegExp(file.replace('.', '\\.')), 'it names the refused file');
  // The only other error a browser may add is its own report of the failed module check.
  const others = log.console.filter((m) => m.type === 'error' && !/Rekindle/.test(m.text));
  assert.ok(others.every((m) => /integrity/.test(m.text)), `no other error: ${JSON.stringify(others)}`);
  assert.deepEqual(log.errors, [], 'no uncaught error');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'nothing saved');
}

test('the loader carries the SHA-384 of this build’s module and wasm', () => {
  const loader = readFileSync(join(DIST, 'rekindle.js'), 'utf8');
  assert.ok(loader.includes(sri(readFileSync(join(DIST, 'rekindle-app.js')))), 'the module’s hash');
  assert.ok(loader.includes(sri(readFileSync(join(DIST, 'rekindle-app_bg.wasm')))), 'the wasm’s hash');
  assert.ok(!loader.includes('__REKINDLE_'), 'no placeholder left');
});

test('a tampered wasm is refused: a calm message, one console error, nothing run', async () => {
  // One byte changed at the end (the wasm still parses as far as a browser is concerned).
  const server = await tampered('rekindle-app_bg.wasm', (body) => {
    const copy = Buffer.from(body);
    copy[copy.length - 1] ^= 0x01;
    return copy;
  });
  const browser = await launch();
  try {
    const { page, log, outcome } = await openBlog(browser, server);
    assert.equal(outcome, 'refused');
    await refusedCalmly(page, log, 'rekindle-app_bg.wasm');
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a tampered module is refused before any of it runs: a calm message, one Rekindle error', async () => {
  // Code appended to the module: if the browser ran it, the page would see the flag.
  const server = await tampered('rekindle-app.js', (body) => Buffer.concat([body, Buffer.from('\nglobalThis.__tamperedRan = true;\n')]));
  const browser = await launch();
  try {
    const { page, log, outcome } = await openBlog(browser, server);
    assert.equal(outcome, 'refused');
    assert.equal(await page.evaluate(() => globalThis.__tamperedRan), undefined, 'the changed module never ran');
    await refusedCalmly(page, log, 'rekindle-app.js');
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('the right files run, and a second widget on the page does not log the refusal twice', async () => {
  const server = await served();
  const browser = await launch();
  try {
    const { page, log, outcome } = await openBlog(browser, server);
    assert.equal(outcome, 'ran');
    await ready(page);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.locator('fieldset legend').first().waitFor();
    await answerCurrent(page);
    assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
    assert.deepEqual(log.errors, []);
    await page.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  const bad = await tampered('rekindle-app_bg.wasm', (body) => Buffer.concat([body, Buffer.from([0])]));
  const other = await launch();
  try {
    const { page, log } = await recordedPage(other.context);
    await page.goto(bad.url + '/demo/two.html');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('rekindle-widget')].every((w) => /could not start/.test(`${w.shadowRoot?.textContent ?? ''} ${w.textContent}`)),
    );
    assert.equal(log.console.filter((m) => m.type === 'error' && /Rekindle/.test(m.text)).length, 1, 'one error for the page');
  } finally {
    await other.close();
    await bad.stop();
  }
});

test('with integrity checks, the strict-CSP page still works with zero violations', async () => {
  const server = await served();
  const browser = await launch();
  try {
    const { page, log } = await recordedPage(browser.context);
    await page.goto(server.url + '/demo/csp.html');
    await ready(page);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.locator('fieldset legend').first().waitFor();
    await answerCurrent(page);
    assert.deepEqual(log.cspViolations, []);
    assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
    assert.deepEqual(log.errors, []);
    await page.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
