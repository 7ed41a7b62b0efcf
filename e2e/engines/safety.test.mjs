// The quick exit in Firefox and WebKit: a reader whose answers raise a safety concern
// leaves for the embedder's neutral page in one click; the neutral page is not told
// where the reader was, and Back skips the page with the widget. The history
// replacement and the referrer policy set at the moment of leaving are where engines
// could differ.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../lib/harness.mjs';
import { forEachEngine } from './lib/engines.mjs';

let server;
const arrivals = [];
before(async () => {
  server = await serve(undefined, {
    // A page read before the blog, and the neutral page, both plain.
    respond: (req, res, url) => {
      if (url.pathname !== '/before' && url.pathname !== '/neutral') return false;
      if (url.pathname === '/neutral') arrivals.push({ referer: req.headers.referer });
      res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
      res.end(`<!doctype html><title>${url.pathname.slice(1)}</title><p>A plain page</p>`);
      return true;
    },
    // The safety fixture's exit goes to the internet; here it goes to /neutral.
    rewrite: (path, body) =>
      path === '/safety.html'
        ? Buffer.from(body.toString('utf8').replace('https://neutral.example/weather', `${server.url}/neutral`))
        : body,
  });
});
after(async () => {
  await server?.stop();
});

forEachEngine('quick exit', (engine) => {
  test('after a safety answer, one click leaves for the neutral page, with no referrer, and Back skips the widget', async () => {
    const b = engine.browser;
    const page = `${server.url}/fixtures/safety.html`;
    await b.openFresh(page);
    await b.driver.get(`${server.url}/before`);
    await b.open(page);

    // Every question gets its second answer, except fear of the ex: "Yes".
    await b.click('Start the assessment|Pick up where you left off');
    for (let n = 0; ; n++) {
      assert.ok(n < 60, 'the assessment reached its review within 60 questions');
      const legend = await b.until(() => {
        const root = rk();
        if ([...root.querySelectorAll('h2')].some((h) => h.textContent.trim() === 'Your answers')) return 'review';
        const l = root.querySelector('fieldset legend');
        return l ? l.textContent.trim() : false;
      }, 'neither a question nor the review appeared');
      if (legend === 'review') break;
      await b.run((afraid) => {
        const radios = rk().querySelectorAll('fieldset input[type=radio]');
        if (radios.length > 0) radios[afraid ? 0 : 1].click();
        else [...rk().querySelectorAll('fieldset input[type=checkbox]')].pop().click();
      }, /afraid of your ex/.test(legend));
      await b.click('Next|Review my answers');
      await b.until(
        (previous) => {
          const l = rk().querySelector('fieldset legend');
          return !l || l.textContent.trim() !== previous;
        },
        'Next did not move on',
        legend,
      );
    }
    await b.click('See my result');
    await b.text('Your safety comes first');

    await b.click('Leave this page quickly');
    // WebKit reports the new address as soon as the navigation starts, before the
    // request reaches the server, so wait for the neutral page itself to be served and shown.
    await b.driver.wait(
      async () => {
        if (arrivals.length === 0) return false;
        try {
          return (await b.driver.getCurrentUrl()) === `${server.url}/neutral` && (await b.driver.getTitle()) === 'neutral';
        } catch {
          return false; // the old document was going away while we asked
        }
      },
      30_000,
      'never left',
    );
    assert.equal(arrivals.length, 1);
    assert.equal(arrivals[0].referer, undefined, 'the neutral page is not told where the reader was');
    await b.driver.navigate().back();
    await b.driver.wait(async () => (await b.driver.getCurrentUrl()) === `${server.url}/before`, 30_000, 'Back did not skip the widget');
    arrivals.length = 0;
  });
});
