import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, withServerAndBrowser } from './lib/harness.mjs';

const env = withServerAndBrowser();

test('the standalone page shows the welcome view and its start button works', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/');
  const heading = page.getByRole('heading', { level: 1, name: 'Rekindle' });
  await heading.waitFor();
  await page.getByText('Nothing is sent to any server').waitFor();

  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await heading.waitFor({ state: 'detached' });

  assert.deepEqual(log.errors, [], 'no page errors');
  const foreign = log.requests.filter((r) => !r.url.startsWith(env.server.url));
  assert.deepEqual(foreign, [], 'no request leaves loopback');
  await page.close();
});
