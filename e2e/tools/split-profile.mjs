// Part of `cargo xtask build` (xtask/src/split.rs): runs an instrumented build (binaryen's
// `wasm-split --instrument`) through what a new reader does in their first minutes, and
// writes one profile per journey into OUT. The functions these journeys call go into the
// wasm a reader waits for; everything else into the part fetched right after it.
//
// What belongs here: what a reader with nothing saved can do before the later part has
// had time to arrive, in every way the widget starts (standalone page, script tag with
// and without data-start, Spanish). A path left out still works: its first call fetches
// the later part synchronously (assets/later.js), at the cost of a pause.
//
// Usage: node e2e/tools/split-profile.mjs SITE OUT
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve } from '../lib/harness.mjs';
import { WORDS } from '../lib/widget.mjs';

const [site, out] = process.argv.slice(2);
if (!site || !out) {
  console.error('usage: node e2e/tools/split-profile.mjs SITE OUT');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

/** A host page with one script-tag widget. */
const hostPage = (attributes) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>profile</title></head><body>` +
  `<main><h1>A post</h1><p>Text before.</p>` +
  `<script src="/rekindle.js" ${attributes} async></script><p>Text after.</p></main></body></html>`;

const server = await serve(site, {
  respond: (req, res, url) => {
    const pages = {
      '/profile/welcome.html': hostPage('data-namespace="profile"'),
      '/profile/question.html': hostPage('data-start="assessment" data-namespace="profile"'),
    };
    if (!(url.pathname in pages)) return false;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pages[url.pathname]);
    return true;
  },
});

/** Answers the question on screen with its last option and moves on. */
async function answer(scope, words) {
  await scope.locator('fieldset legend').first().waitFor();
  await scope.locator('fieldset label').last().click();
  await scope.getByRole('button', { name: words.next }).click();
}

const JOURNEYS = [
  ['standalone', '/', { ...WORDS.en, back: 'Back' }, true],
  ['standalone-es', '/?lang=es', { ...WORDS.es, back: 'Atrás' }, true],
  ['embed-welcome', '/profile/welcome.html', { ...WORDS.en, back: 'Back' }, true],
  ['embed-question', '/profile/question.html', { ...WORDS.en, back: 'Back' }, false],
];

// Which functions run can depend on timing (a second render at start or not, and the
// closures it drops), so each journey runs at full speed and with the CPU slowed 4x,
// as on a phone. A function missed here costs a synchronous fetch, not a failure.
const RATES = [1, 4];

let failed = false;
for (const [journey, path, words, welcome] of JOURNEYS) for (const rate of RATES) {
  const name = `${journey}-${rate}x`;
  const browser = await launch({ viewport: { width: 390, height: 844 } });
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    page.on('pageerror', (error) => {
      failed = true;
      console.error(`${name}: ${error.message}`);
    });
    await page.goto(server.url + path);
    // What the page may deliver around the first view, in an order that depends on
    // timing (the widget checks storage again on each): here, every time.
    await page.getByRole('button', { name: welcome ? words.start : words.next }).waitFor();
    await page.evaluate(() => {
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new StorageEvent('storage', { key: 'another.key' }));
    });
    if (welcome) await page.getByRole('button', { name: words.start }).click();
    for (let i = 0; i < 3; i++) await answer(page, words);
    await page.getByRole('button', { name: words.back, exact: true }).click();
    await page.locator('fieldset legend').first().waitFor();
    // The same module instance the page runs: its init hands back the wasm's exports.
    const profile = await page.evaluate(async () => {
      const glue = await import('/rekindle-app.js');
      const exports = await glue.default();
      const memory = Object.values(exports).find((v) => v instanceof WebAssembly.Memory);
      const at = memory.grow(1) * 65536;
      const length = exports.__write_profile(at, 65536);
      return Array.from(new Uint8Array(memory.buffer, at, length));
    });
    writeFileSync(join(out, `${name}.prof`), Buffer.from(profile));
  } finally {
    await browser.close();
  }
}
await server.stop();
if (failed) process.exit(1);
