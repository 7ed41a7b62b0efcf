// Journal text is the reader's own words: whatever they paste renders as plain text and saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, withServerAndBrowser } from './lib/harness.mjs';
import { ready, stored } from './lib/widget.mjs';

const env = withServerAndBrowser();

test('script tags, entities, right-to-left overrides and a 100 KB paste render as text and save', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/');
  await ready(page);
  await page.getByRole('button', { name: 'My plan' }).click();
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
  await page.getByRole('button', { name: /Step 4|^4\b|Improve/ }).first().click();

  const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> &amp; &lt;b&gt; \u202Etxt.exe';
  const big = 'I miss you. '.repeat(Math.ceil(100 * 1024 / 12)).slice(0, 100 * 1024);
  for (const text of [hostile, big]) {
    const box = page.locator('textarea').last();
    await box.fill(text);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForFunction(
      (expected) => [...window.__rk().querySelectorAll('.rekindle *')].some((el) => el.children.length === 0 && el.textContent === expected),
      text,
    );
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in a note ever runs');
  assert.equal(await page.locator('.rekindle img').count(), 0, 'no element is created from note text');
  const notes = (await stored(page)).tracker.notes.map((n) => n.text);
  assert.deepEqual(notes, [hostile, big], 'both notes saved exactly');
  assert.deepEqual(log.errors, []);
  await page.close();
});
