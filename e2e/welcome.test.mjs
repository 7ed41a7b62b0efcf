import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, recordedPage } from './lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the standalone page shows the welcome view and its start button works', async () => {
  const { page, log } = await recordedPage(browser.context);
  await page.goto(server.url + '/');
  const heading = page.getByRole('heading', { level: 1, name: 'Rekindle' });
  await heading.waitFor();
  await page.getByText('Nothing is sent to any server').waitFor();

  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await heading.waitFor({ state: 'detached' });

  assert.deepEqual(log.errors, [], 'no page errors');
  const foreign = log.requests.filter((r) => !r.url.startsWith(server.url));
  assert.deepEqual(foreign, [], 'no request leaves loopback');
  await page.close();
});
