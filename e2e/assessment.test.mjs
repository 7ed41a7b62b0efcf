import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, withServerAndBrowser } from './lib/harness.mjs';
import { completeAssessment, ready, stored, openFresh } from './lib/widget.mjs';

const env = withServerAndBrowser();

test('a reader completes the assessment, sees the result, ticks a step, and a reload keeps it all', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await page.goto(env.server.url + '/');
  await ready(page);
  await completeAssessment(page);

  await page.getByRole('button', { name: 'See my result' }).click();
  const heading = page.locator('h2[tabindex="-1"]').first();
  await heading.waitFor();
  const band = (await heading.textContent()).trim();
  assert.ok(band.length > 0, 'the result names a band');
  assert.equal(
    await page.evaluate(() => window.__rkActive()?.tagName),
    'H2',
    'focus moves to the result heading',
  );
  assert.match(await page.locator('[role=status]').allTextContents().then((t) => t.join(' ')), /Your result/);

  // A "move on" outlook offers a plan for moving on in place of "Start my plan".
  await page.getByRole('button', { name: /^(Start my plan|Plan for moving on)$/ }).click();
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
  await page.getByRole('button', { name: /Find out if they still care|^1\b|Step 1/ }).first().click();
  const firstAction = page.locator('input[type=checkbox]').first();
  await firstAction.check();
  const answersBefore = (await stored(page)).answers;

  await page.reload();
  await ready(page);
  const after = await stored(page);
  assert.deepEqual(after.answers, answersBefore, 'answers survive a reload');
  await page.getByRole('button', { name: 'My plan' }).click();
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
  await page.getByRole('button', { name: /Find out if they still care|^1\b|Step 1/ }).first().click();
  assert.equal(await page.locator('input[type=checkbox]').first().isChecked(), true, 'the ticked action is still ticked');

  await page.getByRole('button', { name: 'Assessment' }).click();
  await page.getByRole('button', { name: 'Pick up where you left off' }).click();
  await page.getByRole('heading', { name: 'Your answers' }).waitFor();

  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.requests.filter((r) => !r.url.startsWith(env.server.url)), []);
  await page.close();
});

/** The focused element inside the widget: its tag, whether it is in a legend, its text. */
const focusedQuestion = (page) =>
  page.evaluate(() => {
    const el = window.__rkActive();
    return { tag: el?.tagName, inLegend: Boolean(el?.closest('legend')), text: el?.textContent?.trim() ?? '' };
  });

test('the assessment works by keyboard alone and focus moves to each new question', async () => {
  const { page } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  const start = page.getByRole('button', { name: 'Start the assessment' });
  await start.focus();
  await page.keyboard.press('Enter');
  await page.locator('fieldset legend').first().waitFor();
  const firstLegend = await page.locator('fieldset legend').first().textContent();
  assert.deepEqual(await focusedQuestion(page), { tag: 'H2', inLegend: true, text: firstLegend.trim() },
    'focus is on the first question\'s heading');

  // Tab into the radio group, choose with the arrow key, then Tab to Next and press it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => window.__rkActive()?.textContent?.trim());
    if (label === 'Next') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (previous) => window.__rk()?.querySelector('fieldset legend')?.textContent !== previous,
    firstLegend,
  );
  const answered = await stored(page);
  assert.equal(Object.keys(answered.answers).length, 1, 'one answer saved, chosen by keyboard');
  const secondLegend = await page.locator('fieldset legend').first().textContent();
  assert.deepEqual(await focusedQuestion(page), { tag: 'H2', inLegend: true, text: secondLegend.trim() },
    'after Next, focus is on the new question\'s heading');
  await page.close();
});
