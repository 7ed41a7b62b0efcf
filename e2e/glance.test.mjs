// At a glance: the reader's place survives reloads and new tabs, step buttons read as
// sentences, and the result and plan print without navigation or buttons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, axeViolations, withServerAndBrowser } from './lib/harness.mjs';
import { completeAssessment, openFresh, ready } from './lib/widget.mjs';

const env = withServerAndBrowser();

async function openPlan(page) {
  await page.getByRole('button', { name: 'My plan', exact: true }).click();
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
}

test('a reload on a step comes back to that step, and a second tab opens there too', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  await openPlan(page);
  await page.getByRole('button', { name: /^Step 4, Work on yourself: / }).click();
  await page.getByRole('heading', { name: /Work on yourself/ }).waitFor();
  await page.locator('input[type=checkbox]').first().check();

  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: /Step 4 of 16.*Work on yourself/ }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Rekindle', exact: true }).count(), 0,
    'no welcome screen for a reader with progress');

  const second = await env.browser.context.newPage();
  await second.goto(env.server.url + '/');
  await ready(second);
  await second.getByRole('heading', { name: /Step 4 of 16.*Work on yourself/ }).waitFor();
  await second.close();
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the welcome screen is only for a reader with nothing saved; the result comes back after a reload', async () => {
  const { page } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  await page.getByRole('button', { name: 'Start the assessment' }).waitFor();
  await completeAssessment(page);
  await page.getByRole('button', { name: 'See my result' }).click();
  const title = (await page.locator('h2[tabindex="-1"]').first().textContent()).trim();
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Start the assessment' }).count(), 0);
  await page.close();
});

test('step buttons announce as one sentence each', async () => {
  const { page } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  await openPlan(page);
  const names = await page.evaluate(() =>
    [...window.__rk().querySelectorAll('.rk-steps button')].map((b) => b.getAttribute('aria-label')));
  assert.equal(names.length, 16);
  // The accessible name the browser computes, as a screen reader hears it.
  await page.getByRole('button', { name: 'Step 1, Find out if they still care: not started, suggested next', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Step 16, Don\'t overdo the affection: not started', exact: true }).waitFor();
  for (const name of names) assert.match(name, /^Step \d+, [^:]+: (not started|in progress|done|skipped)(, suggested next)?$/);
  await page.close();
});

test('printing shows the result and the plan without navigation or buttons, with the date', async () => {
  const { page } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  await completeAssessment(page);
  await page.getByRole('button', { name: 'See my result' }).click();
  await page.locator('h2[tabindex="-1"]').first().waitFor();
  await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('navigation', { name: 'Rekindle' }).isVisible(), false, 'no navigation on paper');
  assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: /Start my plan|Plan for moving on/ }).isVisible(), false);
  assert.match(await page.locator('.rk-result .rk-print-only').textContent(), /^Saved on (?:\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4})$/);
  assert.ok(await page.locator('.rk-result .rk-print-only').isVisible());
  assert.ok(await page.locator('h2[tabindex="-1"]').first().isVisible(), 'the band prints');
  await page.emulateMedia({ media: 'screen' });
  await openPlan(page);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.rk-plan .rk-print-only').isVisible());
  assert.ok(await page.locator('.rk-steps li').first().isVisible(), 'the steps print');
  assert.equal(await page.getByRole('navigation', { name: 'Tools for your plan' }).isVisible(), false);
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  test(`the result picture, the plan tiles and the day strip pass axe (${scheme})`, async () => {
    const { page } = await recordedPage(env.browser.context);
    await page.emulateMedia({ colorScheme: scheme });
    await openFresh(page, env.server.url + '/');
    await completeAssessment(page);
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.locator('.rk-scale').waitFor();
    await page.locator('.rk-all-answers summary').click();
    assert.deepEqual(await axeViolations(page), [], 'result');
    await openPlan(page);
    assert.deepEqual(await axeViolations(page), [], 'plan');
    await page.getByRole('button', { name: 'No-contact counter' }).click();
    await page.getByRole('button', { name: 'Start counting today' }).click();
    await page.locator('.rk-strip').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'no-contact');
    await page.close();
  });
}
