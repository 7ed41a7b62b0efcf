// No write lost, nothing resurrected (issue 11, items 1 to 4): two widgets with one
// namespace on one page, a tab restored from the back/forward cache, a delete or a
// cleared key while another tab is open, and stored text this build cannot read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, withServerAndBrowser } from './lib/harness.mjs';
import { answerCurrent, ready, stored } from './lib/widget.mjs';

// Playwright turns the back/forward cache off by default; one test here needs it.
const env = withServerAndBrowser({ acceptDownloads: true, ignoreDefaultArgs: ['--disable-back-forward-cache'] });

const BLOG_KEY = 'rekindle.blog.v1';
const SHARED_KEY = 'rekindle.shared.v1';

/** A page at `path` (on an origin whose storage is cleared first when `clear`). */
async function open(path, { clear = false, noStorageEvents = false } = {}) {
  const { page, log } = await recordedPage(env.browser.context);
  await page.addInitScript((drop) => {
    window.__restores = 0;
    window.addEventListener('pageshow', (e) => {
      if (e.persisted) window.__restores += 1;
    });
    // Safari and Firefox do not deliver the storage events a page missed while it was in
    // the back/forward cache (Chromium does): stand in for them by delivering none.
    if (drop) window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true);
  }, noStorageEvents);
  const shown = () => page.getByRole('navigation', { name: 'Rekindle' }).first().waitFor();
  await page.goto(env.server.url + path);
  await shown();
  if (clear) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await shown();
  }
  return { page, log };
}

/** Starts (or resumes) the assessment in `scope` and answers the question on screen. */
async function answerOne(scope) {
  await scope.getByRole('button', { name: 'Assessment', exact: true }).click();
  await scope.getByRole('button', { name: /Start the assessment|Pick up where you left off/ }).click();
  await scope.locator('fieldset legend').first().waitFor();
  await answerCurrent(scope);
}

/** Adds a journal note to step 4 in `scope`. */
async function openStepFour(scope) {
  await scope.getByRole('button', { name: 'My plan' }).click();
  await scope.getByRole('heading', { name: 'Your plan' }).waitFor();
  await scope.getByRole('button', { name: /Step 4|^4\b|Improve/ }).first().click();
}

async function addNote(scope, text) {
  await openStepFour(scope);
  await writeNote(scope, text);
}

/** Adds a note on the step already open. */
async function writeNote(scope, text) {
  await scope.locator('textarea').last().fill(text);
  await scope.getByRole('button', { name: 'Add note' }).click();
  await scope.getByText(text, { exact: true }).waitFor();
}

async function waitForStored(page, key, check, what) {
  await page
    .waitForFunction(
      ([k, source]) => {
        const raw = localStorage.getItem(k);
        let state = null;
        try {
          state = raw === null ? null : JSON.parse(raw);
        } catch {
          return false; // text we cannot read is never what a test waits for
        }
        return new Function('state', `return (${source})(state)`)(state);
      },
      [key, check.toString()],
      { timeout: 5_000 },
    )
    .catch(async () => {
      throw new Error(`${what}; stored: ${await page.evaluate((k) => localStorage.getItem(k), key)}`);
    });
}

const notes = (state) => state?.tracker?.notes?.map((n) => n.text) ?? [];
const answerCount = (state) => Object.keys(state?.answers ?? {}).length;

test('two widgets with one namespace on one page stay in step and neither drops the other’s write', async () => {
  const { page } = await open('/fixtures/same-namespace.html', { clear: true });
  const upper = page.locator('rekindle-widget').nth(0);
  const lower = page.locator('rekindle-widget').nth(1);
  await lower.getByRole('navigation', { name: 'Rekindle' }).waitFor();

  await answerOne(upper);
  await waitForStored(page, SHARED_KEY, (s) => Object.keys(s?.answers ?? {}).length === 1, 'the upper widget saved its answer');
  await lower.getByRole('button', { name: 'My data' }).click();
  await lower.getByText('1 assessment answer').waitFor({ timeout: 5_000 });

  // The lower widget writes next; the upper one's answer must survive, and the upper one
  // must see the note.
  await addNote(lower, 'Written in the lower widget.');
  await waitForStored(
    page,
    SHARED_KEY,
    (s) => Object.keys(s?.answers ?? {}).length === 1 && (s?.tracker?.notes ?? []).some((n) => n.text === 'Written in the lower widget.'),
    'both the answer and the note are stored',
  );
  await upper.getByRole('button', { name: 'My data' }).click();
  await upper.getByText('1 journal note').waitFor({ timeout: 5_000 });
  await page.close();
});

test('a tab restored from the back/forward cache catches up, and its next write keeps the other tab’s', async () => {
  const { page: old } = await open('/demo/blog.html', { clear: true, noStorageEvents: true });
  await answerOne(old);
  await waitForStored(old, BLOG_KEY, (s) => Object.keys(s?.answers ?? {}).length === 1, 'the first answer is stored');

  // The reader leaves the page; meanwhile another tab adds a note.
  await old.goto(env.server.url + '/demo/');
  const { page: other } = await open('/demo/blog.html');
  await addNote(other, 'Written while the first tab was away.');
  await waitForStored(other, BLOG_KEY, (s) => (s?.tracker?.notes ?? []).length === 1, 'the other tab saved its note');
  await other.close();

  await old.goBack({ waitUntil: 'commit' }); // a restored page fires no load event
  await ready(old);
  assert.equal(await old.evaluate(() => window.__restores), 1, 'the page came back from the back/forward cache');
  await old.getByRole('button', { name: 'My data' }).click();
  await old.getByText('1 journal note').waitFor({ timeout: 5_000 });

  await answerOne(old);
  await waitForStored(
    old,
    BLOG_KEY,
    (s) => Object.keys(s?.answers ?? {}).length === 2 && (s?.tracker?.notes ?? []).length === 1,
    'the restored tab’s new answer is stored on top of the other tab’s note',
  );
  await old.close();
});

test('a write in a tab that missed another tab’s change is merged, not dropped', async () => {
  const { page } = await open('/demo/blog.html', { clear: true });
  await answerOne(page);
  // Opening the step saves the reader's place; that write happens before the other
  // tab's, so the note below is the only change made on a stale state.
  await openStepFour(page);
  await waitForStored(page, BLOG_KEY, (s) => s?.settings?.place?.view === 'step', 'the place is stored');
  // A newer state written behind the page's back (a tab whose storage event never came).
  const current = await stored(page, BLOG_KEY);
  const newer = structuredClone(current);
  newer.revision = current.revision + 5;
  newer.tracker = { ...(newer.tracker ?? {}), notes: [{ id: 0, step: 4, written_on: '2026-11-20', text: 'From the other tab.' }], next_note_id: 1 };
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [BLOG_KEY, JSON.stringify(newer)]);
  await writeNote(page, 'From this tab.');
  await waitForStored(
    page,
    BLOG_KEY,
    (s) => {
      const texts = (s?.tracker?.notes ?? []).map((n) => n.text);
      return texts.includes('From the other tab.') && texts.includes('From this tab.');
    },
    'both notes are kept',
  );
  const after = await stored(page, BLOG_KEY);
  assert.equal(after.revision, newer.revision + 1, 'saved as max(stored, own) + 1');
  assert.equal(answerCount(after), 1);
  await page.close();
});

test('delete in one tab clears the other open tab, which never writes the old data back', async () => {
  const { page: first } = await open('/demo/blog.html', { clear: true });
  await answerOne(first);
  await addNote(first, 'Something private.');
  const { page: second } = await open('/demo/blog.html');
  await second.getByRole('button', { name: 'My data' }).click();
  await second.getByText('1 journal note').waitFor();

  await first.getByRole('button', { name: 'My data' }).click();
  await first.getByRole('button', { name: 'Delete everything…' }).click();
  await first.getByRole('button', { name: 'Yes, delete everything' }).click();
  await second.getByText('0 journal notes').waitFor({ timeout: 5_000 });
  await second.getByText('0 assessment answers').waitFor();

  await addNote(second, 'A new start.');
  await waitForStored(second, BLOG_KEY, (s) => (s?.tracker?.notes ?? []).length === 1, 'the new note is stored');
  const after = await stored(second, BLOG_KEY);
  assert.deepEqual(notes(after), ['A new start.'], 'the deleted note did not come back');
  assert.equal(answerCount(after), 0, 'the deleted answer did not come back');
  await first.close();
  await second.close();
});

test('a removed key (site data cleared in another tab) counts as a delete: nothing is resurrected', async () => {
  const { page: first } = await open('/demo/blog.html', { clear: true });
  await answerOne(first);
  await addNote(first, 'Something private.');
  const { page: second } = await open('/demo/blog.html');
  await second.getByRole('button', { name: 'My data' }).click();
  await second.getByText('1 journal note').waitFor();

  await first.evaluate((k) => localStorage.removeItem(k), BLOG_KEY);
  await second.getByText('0 journal notes').waitFor({ timeout: 5_000 });
  // Both tabs write something new; neither brings the old note or answer back.
  await addNote(second, 'After the clear.');
  await waitForStored(second, BLOG_KEY, (s) => (s?.tracker?.notes ?? []).length >= 1, 'the new note is stored');
  await answerOne(first);
  await waitForStored(first, BLOG_KEY, (s) => Object.keys(s?.answers ?? {}).length === 1, 'the new answer is stored');
  const after = await stored(first, BLOG_KEY);
  assert.deepEqual(notes(after), ['After the clear.'], 'only the note written after the clear');
  await first.close();
  await second.close();
});

test('stored data from a newer version is never overwritten; the banner says nothing is being kept and offers Export', async () => {
  const newer = JSON.stringify({ format: 'rekindle', version: 99, revision: 4, somethingNew: { kept: true } });
  const { page } = await open('/demo/blog.html', { clear: true });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [BLOG_KEY, newer]);
  await page.reload();
  await ready(page);
  const banner = page.locator('.rk-banner');
  await banner.filter({ hasText: 'will not be kept after you close this page' }).waitFor();
  await banner.getByRole('button', { name: 'Export my data' }).waitFor();
  await answerOne(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('fieldset legend').first().waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), BLOG_KEY), newer, 'the newer data is untouched');
  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Export my data' }).click()]);
  assert.ok(download.suggestedFilename().endsWith('.json'));
  await page.close();
});

test('newer-version data written by another tab mid-session stops saving instead of being overwritten', async () => {
  const { page } = await open('/demo/blog.html', { clear: true });
  await answerOne(page);
  await waitForStored(page, BLOG_KEY, (s) => Object.keys(s?.answers ?? {}).length === 1, 'the first answer is stored');
  const newer = JSON.stringify({ format: 'rekindle', version: 99, revision: 40 });
  const { page: other } = await open('/demo/two.html'); // a page of the same site, widgets of other namespaces
  await other.evaluate(([k, v]) => localStorage.setItem(k, v), [BLOG_KEY, newer]);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('fieldset legend').first().waitFor();
  await answerCurrent(page);
  await page.locator('.rk-banner').filter({ hasText: 'will not be kept after you close this page' }).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), BLOG_KEY), newer, 'the newer data is untouched');
  await other.close();
  await page.close();
});

test('damaged text found when saving is backed up first; earlier backups are kept, up to a bound', async () => {
  const { page } = await open('/demo/blog.html', { clear: true });
  const damaged = (n) => `{"format":"rekindle","version":1,"revision":${n},"answers":{ damaged ${n}`;
  await answerOne(page);
  await waitForStored(page, BLOG_KEY, (s) => Object.keys(s?.answers ?? {}).length === 1, 'the first answer is stored');
  for (let n = 1; n <= 5; n++) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [BLOG_KEY, damaged(n)]);
    await addNote(page, `Note ${n}`);
    await waitForStored(page, BLOG_KEY, (s) => s !== null, `note ${n} is saved over a backed-up copy`);
  }
  const backups = await page.evaluate((k) => Object.keys(localStorage).filter((key) => key.startsWith(k + '.damaged')).sort().map((key) => localStorage.getItem(key)), BLOG_KEY);
  assert.ok(backups.length >= 2 && backups.length <= 5, `a few backups, bounded: ${backups.length}`);
  assert.ok(backups.includes(damaged(5)), 'the newest damaged text is kept');
  assert.ok(backups.includes(damaged(4)), 'the one before it is kept too');
  assert.ok(!backups.includes(damaged(1)), 'the oldest is let go, so backups stay bounded');
  await page.locator('.rk-banner').filter({ hasText: 'could not read' }).waitFor();
  await page.close();
});

test('an import in a tab that missed a newer write is kept, not silently lost', async () => {
  const { page } = await open('/demo/blog.html', { clear: true });
  await answerOne(page);
  await waitForStored(page, BLOG_KEY, (s) => Object.keys(s?.answers ?? {}).length === 1, 'the first answer is stored');
  const current = await stored(page, BLOG_KEY);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [BLOG_KEY, JSON.stringify({ ...current, revision: current.revision + 20 })]);
  await page.getByRole('button', { name: 'My data' }).click();
  const file = { format: 'rekindle', version: 1, revision: 1, tracker: { notes: [{ id: 0, step: 4, written_on: '2025-01-12', text: 'From the file.' }], next_note_id: 1 } };
  await page.setInputFiles('#rk-import-file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Replace my data with the file' }).click();
  await page.getByText('Imported.').waitFor();
  await waitForStored(page, BLOG_KEY, (s) => (s?.tracker?.notes ?? []).some((n) => n.text === 'From the file.'), 'the import is what is stored');
  const after = await stored(page, BLOG_KEY);
  assert.ok(after.revision > current.revision + 20, 'saved above the newer revision');
  assert.deepEqual(after.answers, {}, 'the import replaced everything, as the reader chose');
  await page.close();
});
