// Storage faults: damaged data, a saved fixture, refused or full storage, two tabs, and
// export → delete → import. Each fault must leave the reader informed and lose nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordedPage, ROOT, withServerAndBrowser } from './lib/harness.mjs';
import { KEY, ready, stored, answerCurrent } from './lib/widget.mjs';

const env = withServerAndBrowser({ acceptDownloads: true });

/** A fresh page on an origin whose storage holds exactly `entries`. */
async function pageWith(entries = {}) {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/');
  await ready(page);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
  await page.reload();
  await ready(page);
  return { page, log };
}

async function answerFirstQuestion(page) {
  await page.getByRole('button', { name: /Start the assessment|Pick up where you left off/ }).click();
  await page.locator('fieldset legend').first().waitFor();
  await answerCurrent(page);
}

async function downloadText(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return readFile(path, 'utf8');
}

test('damaged saved data is kept aside, the reader is told, and can download it', async () => {
  const damaged = '{"format":"rekindle","version":1,"revision":3,"answers":{"still_cares": tru';
  const { page } = await pageWith({ [KEY]: damaged });
  await page.getByText('We could not read your saved progress').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + '.damaged'), KEY), damaged);
  const text = await downloadText(page, () => page.getByRole('button', { name: 'Download the old data' }).click());
  assert.equal(text, damaged, 'the download is the damaged text, byte for byte');
  // The widget works from a fresh start.
  await answerFirstQuestion(page);
  assert.equal(Object.keys((await stored(page)).answers).length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + '.damaged'), KEY), damaged, 'backup kept');
  await page.close();
});

test('a saved version 1 fixture loads with nothing lost', async () => {
  const fixture = await readFile(join(ROOT, 'src/domain/fixtures/state_v1.json'), 'utf8');
  const { page } = await pageWith({ [KEY]: fixture });
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByText('11 assessment answers').waitFor();
  await page.getByText('2 journal notes').waitFor();
  const exported = JSON.parse(await downloadText(page, () => page.getByRole('button', { name: 'Export to a file' }).click()));
  // Opening "My data" saves the reader's place (and so one more revision); everything
  // the fixture held comes back unchanged.
  const expected = JSON.parse(fixture);
  assert.deepEqual(exported.settings.place, { view: 'data' });
  delete exported.settings.place;
  assert.equal(exported.revision, expected.revision + 1);
  exported.revision = expected.revision;
  assert.deepEqual(exported, expected, 'the export holds exactly the fixture');
  await page.close();
});

for (const name of ['SecurityError', 'QuotaExceededError']) {
  test(`storage that throws ${name} on write: the widget keeps working and says progress will not survive`, async () => {
    const { page } = await recordedPage(env.browser.context);
    await page.addInitScript((errorName) => {
      localStorage.clear();
      Storage.prototype.setItem = function () {
        throw new DOMException('refused for the test', errorName);
      };
    }, name);
    await page.goto(env.server.url + '/');
    await ready(page);
    await answerFirstQuestion(page);
    await page.getByText('This browser is not letting Rekindle save').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('fieldset legend').first().waitFor();
    assert.equal(await stored(page), null, 'nothing was written');
    await page.getByRole('button', { name: 'Export my data' }).waitFor();
    const exported = JSON.parse(await downloadText(page, () => page.getByRole('button', { name: 'Export my data' }).click()));
    assert.equal(Object.keys(exported.answers).length, 1, 'the answer lives on in memory and in the export');
    await page.close();
  });
}

test('storage that cannot even be opened: the banner shows at once and the widget works', async () => {
  const { page } = await recordedPage(env.browser.context);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked for the test', 'SecurityError');
      },
    });
  });
  await page.goto(env.server.url + '/');
  await ready(page);
  await page.getByText('This browser is not letting Rekindle save').waitFor();
  await answerFirstQuestion(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.close();
});

test('a change in one tab shows in the other, and a stale tab never overwrites newer state', async () => {
  const { page: first } = await pageWith({});
  const { page: second } = await recordedPage(env.browser.context);
  await second.goto(env.server.url + '/');
  await ready(second);
  await second.getByRole('button', { name: 'My data' }).click();
  await second.getByText('0 assessment answers').waitFor();

  await answerFirstQuestion(first);
  await second.getByText('1 assessment answer').waitFor();

  // Make `second` stale: write a newer state behind its back (no storage event reaches
  // the tab that writes), then let it try to save an older change.
  const current = await stored(second);
  const newer = { ...current, revision: current.revision + 10, answers: {} };
  await second.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(newer)]);
  await second.getByRole('button', { name: 'Assessment' }).click();
  await second.getByRole('button', { name: /Start the assessment|Pick up where you left off/ }).click();
  await second.locator('fieldset legend').first().waitFor();
  await answerCurrent(second);
  const after = await stored(second);
  assert.ok(after.revision >= newer.revision, 'the newer revision was not overwritten by a stale one');
  // The stale tab held the first tab's answer; the newer state had none. If the stale
  // state had been written, that answer would be back.
  assert.equal(Object.keys(current.answers).length, 1);
  for (const question of Object.keys(current.answers)) {
    assert.ok(!(question in after.answers), `the stale answer to ${question} did not come back`);
  }
  await first.close();
  await second.close();
});

test('export, delete everything, import: the same state comes back', async () => {
  const { page } = await pageWith({});
  await answerFirstQuestion(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('fieldset legend').first().waitFor();
  await answerCurrent(page);
  await page.getByRole('button', { name: 'My data' }).click();
  const exportedText = await downloadText(page, () => page.getByRole('button', { name: 'Export to a file' }).click());
  const exported = JSON.parse(exportedText);
  // Laid out to be read in a text editor, two spaces a level, as JSON.stringify would.
  assert.equal(exportedText, JSON.stringify(exported, null, 2), 'the export is indented');

  await page.getByRole('button', { name: 'Delete everything…' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByText('0 assessment answers').waitFor();
  assert.equal(await stored(page), null, 'deleted means gone from storage, not an empty state left behind');

  await page.setInputFiles('#rk-import-file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(exportedText) });
  await page.getByRole('button', { name: 'Replace my data with the file' }).click();
  await page.getByText('Imported.').waitFor();
  const back = await stored(page);
  const { revision: _a, ...restBack } = back;
  const { revision: _b, ...restExported } = exported;
  assert.deepEqual(restBack, restExported, 'identical state, apart from the revision counter');
  assert.ok(back.revision > exported.revision, 'the import is newer than anything before it');
  await page.close();
});

test('a malformed, foreign, too-new or oversized import is refused and nothing changes', async () => {
  const { page } = await pageWith({});
  await answerFirstQuestion(page);
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByRole('heading', { name: 'Your data' }).waitFor();
  const before = JSON.stringify(await stored(page));
  const cases = [
    ['broken.json', '{"format": "rekindle", "vers', /could not be read/],
    ['foreign.json', JSON.stringify({ format: 'something-else', version: 1 }), /other than Rekindle/],
    ['newer.json', JSON.stringify({ format: 'rekindle', version: 99, revision: 1 }), /newer version/],
    ['huge.json', 'x'.repeat(3 * 1024 * 1024), /too large/],
  ];
  for (const [name, text, message] of cases) {
    await page.setInputFiles('#rk-import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const alert = page.locator('.rk-error[role=alert]');
    await alert.filter({ hasText: message }).waitFor();
    assert.match(await alert.textContent(), /has not been changed/);
    assert.equal(JSON.stringify(await stored(page)), before, `${name}: saved state untouched`);
  }
  await page.close();
});

test('an import whose journal notes share ids is repaired, said so, and every note kept', async () => {
  const { page } = await pageWith({});
  await page.getByRole('button', { name: 'My data' }).click();
  const file = {
    format: 'rekindle', version: 1, revision: 2,
    tracker: {
      notes: [
        { id: 1, step: 4, written_on: '2025-01-12', text: 'First words.' },
        { id: 1, step: 4, written_on: '2025-01-13', text: 'Second words.' },
      ],
      next_note_id: 1,
    },
  };
  await page.setInputFiles('#rk-import-file', { name: 'pasted.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByText('numbered afresh').waitFor();
  await page.getByRole('button', { name: 'Replace my data with the file' }).click();
  await page.getByText('Imported.').waitFor();
  const notes = (await stored(page)).tracker.notes;
  assert.deepEqual(notes.map((n) => n.text), ['First words.', 'Second words.']);
  assert.equal(new Set(notes.map((n) => n.id)).size, 2, 'distinct ids');
  assert.ok((await stored(page)).tracker.next_note_id > Math.max(...notes.map((n) => n.id)), 'the next id is above them all');
  // Deleting one note leaves the other: the ids really are apart.
  await page.getByRole('button', { name: 'My plan' }).click();
  await page.getByRole('button', { name: /Step 4|^4\b|Improve/ }).first().click();
  await page.getByText('Second words.').waitFor();
  await page.close();
});

test('an import with a text field beyond any bound is refused, saying why', async () => {
  const { page } = await pageWith({});
  await answerFirstQuestion(page);
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByRole('heading', { name: 'Your data' }).waitFor();
  const before = JSON.stringify(await stored(page));
  const file = { format: 'rekindle', version: 1, revision: 2, tracker: { notes: [{ id: 0, step: 4, written_on: '2025-01-12', text: 'x'.repeat(250_000) }], next_note_id: 1 } };
  await page.setInputFiles('#rk-import-file', { name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const alert = page.locator('.rk-error[role=alert]');
  await alert.filter({ hasText: /more than Rekindle ever keeps/ }).waitFor();
  assert.match(await alert.textContent(), /has not been changed/);
  assert.equal(JSON.stringify(await stored(page)), before);
  await page.close();
});

test('export keeps its file address alive for slow browsers, and says so when the download cannot start', async () => {
  const { page } = await recordedPage(env.browser.context);
  await page.addInitScript(() => {
    window.__revoked = [];
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.revokeObjectURL = (url) => {
      window.__revoked.push(url);
      revoke(url);
    };
  });
  await page.goto(env.server.url + '/');
  await ready(page);
  await page.getByRole('button', { name: 'My data' }).click();
  const text = await downloadText(page, () => page.getByRole('button', { name: 'Export to a file' }).click());
  assert.equal(JSON.parse(text).format, 'rekindle');
  assert.deepEqual(await page.evaluate(() => window.__revoked), [], 'not revoked at once');

  // A browser that cannot make the file: the reader is told, and nothing is lost.
  await page.evaluate(() => {
    URL.createObjectURL = () => {
      throw new DOMException('refused for the test', 'SecurityError');
    };
  });
  await page.getByRole('button', { name: 'Export to a file' }).click();
  await page.getByRole('alert').filter({ hasText: 'could not start the download' }).waitFor();
  await page.close();
});

test('the browser is asked once, after the first real answer, to keep the data; Your data says what it answered', async () => {
  const { page } = await recordedPage(env.browser.context);
  await page.addInitScript(() => {
    window.__persistCalls = 0;
    let granted = false;
    Object.defineProperty(navigator, 'storage', {
      value: {
        persisted: () => Promise.resolve(granted),
        persist: () => {
          window.__persistCalls += 1;
          granted = true;
          return Promise.resolve(true);
        },
      },
    });
  });
  await page.goto(env.server.url + '/');
  await ready(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByText('has not promised to keep it').waitFor();
  assert.equal(await page.evaluate(() => window.__persistCalls), 0, 'not asked before there is anything to keep');
  await page.getByRole('button', { name: 'Assessment', exact: true }).click();
  await answerFirstQuestion(page);
  await page.waitForFunction(() => window.__persistCalls === 1);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('fieldset legend').first().waitFor();
  await answerCurrent(page);
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByText('has agreed to keep it').waitFor();
  assert.equal(await page.evaluate(() => window.__persistCalls), 1, 'asked once');
  await page.close();
});
