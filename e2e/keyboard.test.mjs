// The whole journey by keyboard alone on a 375 px screen: welcome → every question →
// review → result → plan → a ticked step → reload, and it is all still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, withServerAndBrowser } from './lib/harness.mjs';
import { ready, stored, openFresh } from './lib/widget.mjs';

const env = withServerAndBrowser({ viewport: { width: 375, height: 812 } });

const active = (page) =>
  page.evaluate(() => {
    const el = window.__rkActive();
    return { tag: el?.tagName, type: el?.type ?? '', text: (el?.textContent ?? '').trim(), name: el?.getAttribute?.('aria-label') ?? '' };
  });

/** Presses Tab until the focused element's text matches, or fails after `limit` tries. */
async function tabTo(page, pattern, limit = 80) {
  for (let i = 0; i < limit; i++) {
    const now = await active(page);
    if (pattern.test(now.text) || pattern.test(now.name)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${pattern}`);
}

test('welcome to a ticked step and back after a reload, by keyboard alone, at 375 px', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');

  await tabTo(page, /^Start the assessment$/);
  await page.keyboard.press('Enter');
  for (let n = 0; n < 60; n++) {
    const legend = page.locator('fieldset legend').first();
    if (!(await legend.isVisible().catch(() => false))) break;
    const before = await legend.textContent();
    const focused = await page.evaluate(() => {
      const el = window.__rkActive();
      return `${el?.tagName} ${el?.closest('legend') ? 'in legend' : ''}: ${el?.textContent?.trim()}`;
    });
    assert.equal(focused, `H2 in legend: ${before.trim()}`, 'focus is on the new question\'s heading');
    await page.keyboard.press('Tab'); // from the focused question into its first option
    const first = await active(page);
    if (first.type === 'radio') {
      await page.keyboard.press('ArrowDown'); // the second answer, as a reader might
    } else {
      // Checkboxes: move to the last one ("none of these" on the harm question).
      const count = await page.locator('fieldset input[type=checkbox]').count();
      for (let i = 1; i < count; i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
    }
    await tabTo(page, /^(Next|Review my answers)$/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (previous) => window.__rk()?.querySelector('fieldset legend')?.textContent !== previous,
      before,
    );
  }
  await page.getByRole('heading', { name: 'Your answers' }).waitFor();
  await tabTo(page, /^See my result$/, 200);
  await page.keyboard.press('Enter');
  await page.locator('h2[tabindex="-1"]').first().waitFor();
  await tabTo(page, /^(Start my plan|Plan for moving on)$/, 200);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
  await tabTo(page, /^Step 1(?!\d)/);
  await page.keyboard.press('Enter');
  await tabTo(page, /./); // focus is on the step heading
  await page.keyboard.press('Tab');
  while ((await active(page)).type !== 'checkbox') await page.keyboard.press('Tab');
  await page.keyboard.press('Space');

  const saved = await stored(page);
  const step1 = saved.tracker.steps.find((s) => s.step === 1);
  assert.deepEqual(step1.ticked, [0], 'the first action of step 1 is ticked');
  assert.ok(Object.keys(saved.answers).length >= 20, 'every question answered');

  await page.reload();
  await ready(page);
  const after = await stored(page);
  assert.deepEqual(after.answers, saved.answers);
  assert.deepEqual(after.tracker, saved.tracker);
  await tabTo(page, /^My plan$/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Step 1(?!\d)/);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('input[type=checkbox]').first().isChecked(), true);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 375), true, 'no sideways scrolling at 375 px');
  assert.deepEqual(log.errors, []);
  await page.close();
});
