// Message templates: copy to the clipboard with a confirmation, or, when the browser
// refuses, the text is selected for a copy by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, withServerAndBrowser } from './lib/harness.mjs';
import { openFresh } from './lib/widget.mjs';

const env = withServerAndBrowser();

async function openTemplates(page) {
  await openFresh(page, env.server.url + '/');
  await page.getByRole('button', { name: 'My plan' }).click();
  await page.getByRole('button', { name: /message/i }).first().click();
  await page.locator('textarea').first().waitFor();
}

test('Copy puts the edited text on the clipboard and says so', async () => {
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  const { page } = await recordedPage(env.browser.context);
  await openTemplates(page);
  const box = page.locator('textarea').first();
  await box.fill('Let us not talk for a while. Take care.');
  await page.getByRole('button', { name: /^Copy / }).first().click();
  await page.getByText('Copied to your clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Let us not talk for a while. Take care.');
  await page.close();
});

test('when the browser refuses the clipboard, the text is selected for a copy by hand', async () => {
  const { page } = await recordedPage(env.browser.context);
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      get() {
        return { writeText: () => Promise.reject(new DOMException('refused for the test', 'NotAllowedError')) };
      },
    });
  });
  await openTemplates(page);
  await page.getByRole('button', { name: /^Copy / }).first().click();
  await page.getByText("Your browser didn't allow copying").waitFor();
  const selection = await page.evaluate(() => {
    const el = window.__rkActive();
    return { tag: el?.tagName, start: el?.selectionStart, end: el?.selectionEnd, length: el?.value?.length };
  });
  assert.equal(selection.tag, 'TEXTAREA');
  assert.equal(selection.start, 0);
  assert.equal(selection.end, selection.length, 'the whole message is selected');
  assert.ok(selection.length > 10);
  await page.close();
});

test('on a plain http page with no clipboard at all, the text is selected for a copy by hand, with no error', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.addInitScript(() => {
    // As on http:// pages other than localhost: no navigator.clipboard.
    delete Navigator.prototype.clipboard;
  });
  await openTemplates(page);
  assert.equal(await page.evaluate(() => navigator.clipboard), undefined);
  await page.getByRole('button', { name: /^Copy / }).first().click();
  await page.getByText("Your browser didn't allow copying").waitFor();
  const tag = await page.evaluate(() => window.__rkActive()?.tagName);
  assert.equal(tag, 'TEXTAREA');
  assert.deepEqual(log.errors, [], 'no exception');
  await page.close();
});
