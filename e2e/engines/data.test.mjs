// The reader's data in Firefox and WebKit: private share links through each engine's
// WebCrypto (AES-GCM, and PBKDF2 for a passphrase), and export → delete → import
// through each engine's download and file picker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../lib/harness.mjs';
import { forEachEngine, PATIENCE } from './lib/engines.mjs';

let server;
before(async () => {
  server = await serve();
});
after(() => server?.stop());

const OWN = JSON.stringify({
  format: 'rekindle', version: 1, revision: 7,
  answers: { ex_asked_for_distance: { single: 'not_sure' } },
});

/** Opens `link` as a fresh document on a browser whose own saved answers are OWN. */
async function openAsReceiver(b, link) {
  await b.open(server.url + '/');
  await b.run((own) => {
    localStorage.clear();
    localStorage.setItem('rekindle.default.v1', own);
  }, OWN);
  // A fresh document, as when a link is opened from a message (a hash-only change on
  // the same page would not reload it).
  await b.driver.get('about:blank');
  await b.open(link);
}

/** The text of the file the page offered for download, as the engine saved it. */
async function downloaded(b, prefix, click) {
  // Firefox saves into the session's folder without asking; MiniBrowser into its home,
  // which is the same folder (see engines.mjs).
  await click();
  const deadline = Date.now() + PATIENCE;
  for (;;) {
    const files = await readdir(b.downloads);
    const done = files.find((f) => f.startsWith(prefix) && f.endsWith('.json'));
    const busy = files.some((f) => f.endsWith('.part') || f.endsWith('.wkdownload'));
    if (done && !busy) {
      const text = await readFile(join(b.downloads, done), 'utf8');
      if (text.length > 0) return { name: done, text };
    }
    if (Date.now() > deadline) throw new Error(`${b.name}: no ${prefix}*.json was downloaded (${files})`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling the folder
  }
}

forEachEngine('the reader’s data', (engine) => {
  let resultTitle;
  let plainLink;
  let protectedLink;

  test('a finished assessment makes a private link, with and without a passphrase', async () => {
    const b = engine.browser;
    await b.openFresh(server.url + '/');
    await b.completeAssessment();
    await b.click('See my result');
    resultTitle = await b.until(() => {
      const h = rk().querySelector('#rk-result-title');
      return h && h.textContent.trim();
    }, 'no result heading');

    await b.click('Make a private link');
    await b.text('send it only to someone you trust');
    plainLink = await b.run(() => rk().getElementById('rk-share-link').value);
    // Copying after the encryption has finished needs the browser's leave: Chromium and
    // Firefox give it, WebKit does not (the click is over). Then the link is selected
    // and focused, so copying it by hand is one gesture.
    const copy = await b.run(() => {
      const area = rk().getElementById('rk-share-link');
      return {
        copied: /copied to your clipboard/.test(rk().querySelector('.rk-share-ready').textContent),
        focused: deepActive() === area,
        selected: area.selectionStart === 0 && area.selectionEnd === area.value.length,
      };
    });
    console.log(`# ${engine.name}: the link was ${copy.copied ? 'copied to the clipboard' : 'not copied, and selected for a copy by hand'}`);
    if (!copy.copied) assert.deepEqual(copy, { copied: false, focused: true, selected: true }, 'an uncopied link is focused and selected');
    assert.match(plainLink, /^http:\/\/127\.0\.0\.1:\d+\/#r=1\.[\w-]+\.[\w-]+$/);

    await (await b.field('Protect it with a passphrase')).click();
    await (await b.field('Passphrase')).sendKeys('blue horse 42');
    await b.click('Make a private link');
    await b.text('send the passphrase another way');
    protectedLink = await b.run(() => rk().getElementById('rk-share-link').value);
    assert.match(protectedLink, /#r=1p\.[\w-]+\.[\w-]+$/);
  });

  test('the link with the key inside opens read-only, leaves own data alone, and leaves the address bar', async (t) => {
    if (!plainLink) return t.skip('no link was made');
    const b = engine.browser;
    await openAsReceiver(b, plainLink);
    await b.text('A result someone shared with you');
    await b.until((title) => rk().querySelector('h2, h3') && rk().textContent.includes(title), 'the shared result title', resultTitle);
    await b.text('Made on (?:\\w+ \\d{1,2}, \\d{4}|\\d{1,2} \\w+ \\d{4})');
    await b.until(() => location.hash === '', 'the fragment stays in the address bar');
    assert.equal(await b.run(() => localStorage.getItem('rekindle.default.v1')), OWN, 'own data untouched');
    assert.equal(await b.run(() => Boolean(named(rk(), 'button', '^Start my plan$'))), false, 'read-only');
  });

  test('the passphrase link refuses a wrong passphrase and opens with the right one', async (t) => {
    if (!protectedLink) return t.skip('no link was made');
    const b = engine.browser;
    await openAsReceiver(b, protectedLink);
    const passphrase = await b.field('Passphrase');
    await passphrase.sendKeys('red horse 42');
    await b.click('Open');
    await b.text('That passphrase does not open this link');
    // The prompt is drawn anew with the message, so find the field again.
    const again = await b.field('Passphrase');
    await again.clear();
    await again.sendKeys('blue horse 42');
    await b.click('Open');
    await b.until((title) => rk().textContent.includes(title) && rk().textContent.includes('A result someone shared with you'), 'the shared result after the passphrase', resultTitle);
    await b.until(() => location.hash === '', 'the fragment stays in the address bar');
    assert.equal(await b.run(() => localStorage.getItem('rekindle.default.v1')), OWN, 'own data untouched');
  });

  test('export to a file, delete everything, import it: the same state comes back', async () => {
    const b = engine.browser;
    await b.openFresh(server.url + '/');
    await b.click('Start the assessment');
    await b.until(() => rk().querySelector('fieldset input'), 'no question');
    await b.run(() => rk().querySelectorAll('fieldset input[type=radio]')[1].click());
    await b.next();
    await b.run(() => rk().querySelectorAll('fieldset input[type=radio]')[0].click());
    await b.click('My data');
    await b.text('2 assessment answers');

    const file = await downloaded(b, 'rekindle', () => b.click('Export to a file'));
    assert.match(file.name, /^rekindle-\d{4}-\d{2}-\d{2}\.json$/, 'the file is named for the day');
    const exportedText = file.text;
    const exported = JSON.parse(exportedText);
    assert.equal(Object.keys(exported.answers).length, 2, 'the file holds both answers');
    assert.deepEqual(exported.answers, (await b.stored()).answers, 'the file holds what is saved');

    await b.clickToOpen('Delete everything…', 'Yes, delete everything');
    await b.click('Yes, delete everything');
    await b.click('My data');
    await b.text('0 assessment answers');

    const dir = await mkdtemp(join(tmpdir(), 'rekindle-import-'));
    try {
      const file = join(dir, 'mine.json');
      await writeFile(file, exportedText);
      // The file picker, as WebDriver fills it: the path typed into the file input.
      const input = await b.run(() => rk().getElementById('rk-import-file'));
      await input.sendKeys(file);
      await b.click('Replace my data with the file');
      await b.text('Imported\\.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const back = await b.stored();
    const { revision: _a, ...restBack } = back;
    const { revision: _b, ...restExported } = exported;
    assert.deepEqual(restBack, restExported, 'identical state, apart from the revision counter');
    assert.ok(back.revision > exported.revision, 'the import is newer than anything before it');
  });
});
