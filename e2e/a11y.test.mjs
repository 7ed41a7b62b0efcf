// axe-core (WCAG 2.0/2.1 A and AA) on every view, in the light and the dark scheme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, axeViolations, withServerAndBrowser } from './lib/harness.mjs';
import { completeAssessment, ready, openFresh } from './lib/widget.mjs';
import { VIEWS } from './lib/views.mjs';

const env = withServerAndBrowser();

for (const scheme of ['light', 'dark']) {
  test(`no axe violations on any view (${scheme})`, async () => {
    const { page, log } = await recordedPage(env.browser.context);
    await page.emulateMedia({ colorScheme: scheme });
    await openFresh(page, env.server.url + '/');
    await completeAssessment(page);
    const report = [];
    for (const [name, go, shown] of VIEWS) {
      await go(page);
      await shown(page).waitFor();
      const violations = await axeViolations(page);
      if (violations.length) report.push({ view: name, violations });
    }
    assert.deepEqual(report, [], JSON.stringify(report, null, 2));
    assert.deepEqual(log.errors, []);
    await page.close();
  });
}

test('every view fits a 320 px screen without sideways scrolling', async () => {
  const { page } = await recordedPage(env.browser.context);
  await page.setViewportSize({ width: 320, height: 640 });
  await openFresh(page, env.server.url + '/');
  await completeAssessment(page);
  const overflowing = [];
  for (const [name, go, shown] of VIEWS) {
    await go(page);
    await shown(page).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) overflowing.push(`${name}: ${width}px`);
  }
  assert.deepEqual(overflowing, []);
  await page.close();
});
