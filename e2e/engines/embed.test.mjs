// Embedding in Firefox and WebKit: the widget in its shadow root on a blog post (with
// its adopted stylesheet, which older engines lacked), two instances with separate
// saves, Spanish by data-lang, the strict-CSP page with no violation, the later part of
// the wasm fetched synchronously when its code runs first, and a tampered module or wasm
// refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../lib/harness.mjs';
import { forEachEngine } from './lib/engines.mjs';
import { readFileSync } from 'node:fs';

const firstSpanishPrompt = JSON.parse(readFileSync(new URL('../../content/es/assessment.json', import.meta.url), 'utf8'))
  .questions.find((q) => !q.show_if).prompt;

let server;
const tampered = {};
before(async () => {
  // Hosts handing back a changed file: code appended to the module, a byte to the wasm.
  tampered.module = await serve(undefined, {
    rewrite: (path, body) =>
      path === '/rekindle-app.js' ? Buffer.concat([body, Buffer.from('\nglobalThis.__tamperedRan = true;\n')]) : body,
  });
  tampered.wasm = await serve(undefined, {
    rewrite: (path, body) => (path === '/rekindle-app_bg.wasm' ? Buffer.concat([body, Buffer.from([0])]) : body),
  });
  server = await serve(undefined, {
    // WebDriver cannot run a script before the page's own, so the CSP page loads the
    // recording listener itself, first thing, from the same origin (which it allows).
    rewrite: (path, body) =>
      path === '/demo/csp.html'
        ? Buffer.from(
            body.toString('utf8').replace('<head>', '<head>\n    <script src="/fixtures/engines/csp-listener.js"></script>'),
          )
        : body,
  });
});
after(async () => {
  await server?.stop();
  await tampered.module?.stop();
  await tampered.wasm?.stop();
});

/** Starts the assessment in widget `index` and answers the first question with a click. */
async function answerFirst(b, index = 0) {
  await b.click('Start the assessment', index);
  await b.until((i) => rk(i).querySelector('fieldset input'), 'no question appeared', index);
  const radio = await b.run((i) => rk(i).querySelectorAll('fieldset input[type=radio]')[1], index);
  await radio.click();
}

const keys = (b) => b.run(() => Object.keys(localStorage).sort());

forEachEngine('embedding', (engine) => {
  test('the blog post: the widget sits in its shadow root mid-text, styled by its own sheet, and saves under its namespace', async () => {
    const b = engine.browser;
    await b.openFresh(server.url + '/demo/blog.html');
    const shape = await b.run(() => {
      const host = document.querySelector('#rekindle-here');
      const root = host.shadowRoot;
      const next = root.querySelector('button.primary');
      return {
        around: [host.previousElementSibling.tagName, host.nextElementSibling.tagName],
        inShadow: Boolean(root && root.querySelector('.rekindle')),
        inLight: document.querySelector('.rekindle') !== null,
        sheets: root.adoptedStyleSheets.length,
        // The accent the widget's sheet gives primary buttons, against the engine default.
        accent: getComputedStyle(root.querySelector('.rekindle')).getPropertyValue('--rk-accent').trim(),
        buttonBackground: getComputedStyle(next).backgroundColor,
        buttonRadius: getComputedStyle(next).borderTopLeftRadius,
      };
    });
    assert.deepEqual(shape.around, ['P', 'SCRIPT'], 'between the article’s paragraph and its script tag');
    assert.equal(shape.inShadow, true, 'rendered inside a shadow root');
    assert.equal(shape.inLight, false, 'nothing of the widget in the host page’s DOM');
    assert.equal(shape.sheets, 2, 'two adopted stylesheets: the loader’s, reserving the height, and the widget’s own');
    assert.notEqual(shape.accent, '', 'the widget’s custom properties apply inside the shadow root');
    assert.notEqual(shape.buttonRadius, '0px', 'the widget’s button style applies');
    assert.doesNotMatch(shape.buttonBackground, /^rgba?\(0, 0, 0, 0\)$|^rgb\(2[34]\d, 2[34]\d, 2[34]\d\)$/, 'not the engine’s default button');

    await answerFirst(b);
    await b.next();
    const saved = await b.stored('rekindle.blog.v1');
    assert.equal(Object.keys(saved.answers).length, 1, 'the answer is saved');
    assert.deepEqual(await keys(b), ['rekindle.blog.v1'], 'only the widget’s own namespaced key');
  });

  test('a hostile host stylesheet cannot reach into the widget, nor the widget’s out', async () => {
    const b = engine.browser;
    await b.open(server.url + '/fixtures/hostile.html');
    const looks = await b.run(() => {
      const heading = [...rk().querySelectorAll('h1, h2')].find((h) => h.textContent.trim() === 'Rekindle');
      const start = named(rk(), 'button', '^Start the assessment$|^Pick up where you left off$');
      return {
        colour: getComputedStyle(heading).color,
        size: getComputedStyle(heading).fontSize,
        startShown: start.getClientRects().length > 0 && getComputedStyle(start).display !== 'none',
        hostHeading: getComputedStyle(document.querySelector('h1')).color,
      };
    });
    assert.notEqual(looks.colour, 'rgb(255, 0, 0)', 'the host’s red !important does not reach the widget');
    assert.notEqual(looks.size, '40px');
    assert.equal(looks.startShown, true, 'the host’s button { display: none } does not reach the widget');
    assert.equal(looks.hostHeading, 'rgb(255, 0, 0)', 'the widget’s CSS does not leak out');
  });

  test('data-lang="es" speaks Spanish: the Spanish text is fetched, laid over, and the root says lang="es"', async () => {
    const b = engine.browser;
    await b.openFresh(server.url + '/fixtures/lang-es.html');
    await b.click('Empezar la evaluación');
    await b.until((i) => rk(i).querySelector('fieldset legend'), 'no question appeared');
    const shown = await b.run(() => ({
      lang: rk().querySelector('.rekindle').getAttribute('lang'),
      next: named(rk(), 'button', '^Siguiente$') !== undefined,
      question: rk().querySelector('fieldset legend').textContent.trim(),
    }));
    assert.equal(shown.lang, 'es');
    assert.equal(shown.next, true, 'the Next button is Siguiente');
    assert.equal(shown.question, firstSpanishPrompt, 'the first question, in Spanish');
  });

  test('two widgets on one page keep separate state', async () => {
    const b = engine.browser;
    await b.openFresh(server.url + '/demo/two.html');
    await b.ready(1);
    await answerFirst(b, 0);
    await b.until(() => localStorage.getItem('rekindle.first.v1'), 'the first widget never saved');
    const stored = await b.run(() => ({
      first: JSON.parse(localStorage.getItem('rekindle.first.v1')),
      second: JSON.parse(localStorage.getItem('rekindle.second.v1')),
      secondOnQuestion: Boolean(rk(1).querySelector('fieldset')),
      themes: [rk(0).querySelector('.rekindle').className, rk(1).querySelector('.rekindle').className],
    }));
    assert.equal(Object.keys(stored.first.answers).length, 1);
    assert.ok(stored.second === null || Object.keys(stored.second.answers).length === 0, 'the second widget is untouched');
    assert.equal(stored.secondOnQuestion, false, 'the second widget is still on its welcome');
    assert.match(stored.themes[0], /rk-light/);
    assert.match(stored.themes[1], /rk-dark/);
  });

  test('under a strict Content-Security-Policy the widget works with zero violations', async () => {
    const b = engine.browser;
    await b.openFresh(server.url + '/demo/csp.html');
    await answerFirst(b);
    await b.next();
    const seen = await b.run(() => window.__rekindleCspViolations);
    assert.ok(Array.isArray(seen), 'the violation listener was loaded before the widget');
    assert.deepEqual(seen, [], 'no CSP violation reported');
    assert.equal((await b.stored('rekindle.csp.v1')) !== null, true, 'the answer was saved');

    // The listener does catch what this policy forbids: an inline style element.
    await b.run(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    const caught = await b.until(() => window.__rekindleCspViolations.length > 0 && window.__rekindleCspViolations, 'the listener caught nothing');
    assert.match(caught[0].directive, /^style-src/);
  });

  test('code of the later part that runs before it arrives fetches it synchronously, checks it and runs it', async (t) => {
    // The first request for the later part (the background load, at start) is never
    // answered; the synchronous one a placeholder makes gets the file.
    const asked = [];
    const slow = await serve(undefined, {
      respond: (req, res, url) => {
        if (url.pathname !== '/rekindle-app_later.wasm') return false;
        asked.push(url.pathname);
        return asked.length === 1;
      },
    });
    t.after(() => slow.stop());
    const b = engine.browser;
    // A new server is a new origin: nothing saved, so the widget starts on the first part.
    await b.open(slow.url + '/demo/blog.html');
    await b.click('My data');
    await b.until(() => named(rk(), 'h1, h2, h3', '^Your data$'), 'the later part’s view never showed');
    assert.equal(asked.length, 2, 'the held background load, then the synchronous fetch');
  });

  for (const file of ['module', 'wasm']) {
    test(`a changed ${file} is refused: a calm message in the widget’s place, nothing run or saved`, async () => {
      const b = engine.browser;
      const url = tampered[file].url + '/demo/blog.html';
      await b.driver.get(url);
      await b.run(() => localStorage.clear());
      await b.driver.get(url);
      const shown = await b.until(() => {
        const host = document.querySelector('#rekindle-here');
        const text = host && `${host.shadowRoot ? host.shadowRoot.textContent : ''} ${host.textContent}`;
        return /Rekindle could not start/.test(text) && text;
      }, 'no calm message in the widget’s place');
      assert.match(shown, /saved answers are safe/, 'the reader is reassured their answers are safe');
      const after = await b.run(() => ({
        ran: globalThis.__tamperedRan === true,
        widget: Boolean(rk() && rk().querySelector('nav[aria-label="Rekindle"]')),
        keys: Object.keys(localStorage),
      }));
      assert.deepEqual(after, { ran: false, widget: false, keys: [] });
    });
  }
});
