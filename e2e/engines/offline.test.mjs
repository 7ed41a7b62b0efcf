// Offline in Firefox and WebKit: the single file opened from file:// (each engine has
// its own rules for storage and modules on file: pages), and the standalone page working
// with the server gone after one visit, through the service worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, serve } from '../lib/harness.mjs';
import { forEachEngine } from './lib/engines.mjs';

/** Starts the assessment and answers the first question; waits until it is saved. */
async function answerFirst(b) {
  await b.click('Start the assessment|Pick up where you left off');
  await b.until(() => rk().querySelector('fieldset input'), 'no question appeared');
  await (await b.run(() => rk().querySelectorAll('fieldset input[type=radio]')[1])).click();
  await b.until(() => {
    const raw = localStorage.getItem('rekindle.default.v1');
    return raw !== null && Object.keys(JSON.parse(raw).answers).length === 1;
  }, 'the answer was never saved');
}

/** Every resource the page fetched from anywhere but the file itself. */
const network = (b) =>
  b.run(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => !name.startsWith('file:') && !name.startsWith('data:') && !name.startsWith('blob:')),
  );

forEachEngine('offline', (engine) => {
  test('the single file opens from file://, needs no network, and keeps an answer across a reload', async () => {
    const b = engine.browser;
    const url = pathToFileURL(join(DIST, 'rekindle-offline.html')).href;
    await b.open(url);
    await b.run(() => localStorage.clear());
    await b.driver.navigate().refresh();
    await b.ready();
    await answerFirst(b);
    const saved = await b.stored();
    await b.driver.navigate().refresh();
    await b.ready();
    assert.deepEqual((await b.stored()).answers, saved.answers, 'the answer is kept');
    // The reload picks up where the reader was: on the assessment, not the welcome.
    await b.until(() => Boolean(rk().querySelector('fieldset legend')), 'the reload did not pick up on the question');
    await b.click('My data');
    await b.text('1 assessment answer');
    assert.equal(
      await b.run(() => Boolean(named(rk(), 'a', '^Download Rekindle as a single file$'))),
      false,
      'the single file does not offer itself',
    );
    assert.deepEqual(await network(b), [], 'no request beyond the file itself');
  });

  test('once visited, the standalone page opens and works with the server stopped', async (t) => {
    const b = engine.browser;
    const server = await serve();
    t.after(() => server.stop().catch(() => {}));
    // A new server is a new origin (its port), so this is a first visit with nothing
    // stored; opening it only once keeps the worker's install from racing a navigation.
    await b.open(server.url + '/');
    const supported = await b.run(() => 'serviceWorker' in navigator && window.isSecureContext);
    if (!supported) return t.skip(`${engine.name} offers no service worker to this page`);
    // Wait until this visit's worker has activated, then open the page again, as a
    // reader coming back does. (Whether the worker also claims the page it was installed
    // from depends on timing: that page may still have been loading when it activated.)
    await b.driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      navigator.serviceWorker.ready.then((registration) => {
        const worker = registration.active;
        if (worker.state === 'activated') done();
        else worker.addEventListener('statechange', () => worker.state === 'activated' && done());
      });`);
    // A plain navigation, never WebDriver's Refresh: geckodriver's refresh bypasses the
    // service worker.
    await b.open(server.url + '/');
    assert.equal(await b.run(() => navigator.serviceWorker.controller !== null), true, 'the worker controls the page');
    await b.ready();
    await answerFirst(b);
    const saved = await b.stored();

    await server.stop();
    await b.driver.get('about:blank');
    await b.open(server.url + '/');
    assert.deepEqual((await b.stored()).answers, saved.answers, 'the saved answer is still there');
    await b.click('My data');
    await b.text('1 assessment answer');
    await b.click('Assessment');
    await b.find('button', '^Pick up where you left off$');
    // Only the page's own files come from the cache: anything else fails with no server.
    const unlisted = await b.driver.executeAsyncScript(`
      fetch('not-in-the-build.txt').then((r) => 'answered ' + r.status, () => 'failed').then(arguments[arguments.length - 1]);`);
    assert.equal(unlisted, 'failed');
  });
});
