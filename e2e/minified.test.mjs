// The glue and the loader ship minified (xtask/src/build.rs runs esbuild over dist/).
// Every other end-to-end test runs on those minified files too; this one says so
// directly, so a minifier that breaks them fails here with a plain message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, recordedPage, withServerAndBrowser } from './lib/harness.mjs';

const env = withServerAndBrowser();

test('the minified glue and loader still start the widget, which answers a click', async () => {
  for (const file of ['rekindle-app.js', 'rekindle.js']) {
    const text = await readFile(join(DIST, file), 'utf8');
    // wasm-bindgen writes one statement per line with doc comments; esbuild a few lines.
    assert.ok(text.split('\n').length < 30, `dist/${file} is minified`);
  }
  // Through the loader on a blog page, and on the standalone page, whose Subresource
  // Integrity hashes must name the minified files.
  for (const path of ['/demo/blog.html', '/']) {
    const { page, log } = await recordedPage(env.browser.context);
    await page.goto(env.server.url + path);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    const first = page.locator('fieldset input').first();
    await first.check();
    assert.equal(await first.isChecked(), true, path);
    // The names the loader calls survive minification.
    const exported = await page.evaluate(async () => Object.keys(await import('/rekindle-app.js')));
    assert.ok(exported.includes('default') && exported.includes('mount'), exported.join(', '));
    // No uncaught error on the way (a renamed import would throw one), no refused file.
    assert.deepEqual(log.errors, [], path);
    assert.deepEqual(
      log.console.filter((m) => /integrity/i.test(m.text) && m.type === 'error'),
      [],
      path,
    );
    await page.close();
  }
});
