// Safety through the whole journey: answers that signal fear or control change the plan,
// not only the result, and a reader can leave the page at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordedPage, axeViolations, withServerAndBrowser } from './lib/harness.mjs';
import { answerCurrent, openFresh, ready } from './lib/widget.mjs';

const env = withServerAndBrowser();

/**
 * Walks the assessment from the welcome view to the review. `choices` maps a pattern
 * matching a question's legend to the labels to choose there; every other question gets
 * the calm default answer.
 */
async function walkAssessment(page, choices) {
  await page.getByRole('button', { name: /Start the assessment|Pick up where you left off/ }).click();
  for (let i = 0; i < 60; i++) {
    if (await page.getByRole('heading', { name: 'Your answers' }).isVisible()) return;
    const legend = page.locator('fieldset legend').first();
    await legend.waitFor();
    const text = (await legend.textContent()).trim();
    const chosen = choices.find(([pattern]) => pattern.test(text));
    if (chosen) {
      for (const label of chosen[1]) {
        await page.getByLabel(label, { exact: true }).check();
      }
    } else {
      await answerCurrent(page);
    }
    await page.getByRole('button', { name: /^(Next|Review my answers)$/ }).click();
    await page.waitForFunction(
      (previous) => window.__rk()?.querySelector('fieldset legend')?.textContent?.trim() !== previous,
      text,
    );
  }
  throw new Error('the assessment did not reach the review within 60 questions');
}

const PROFILES = [
  {
    name: 'afraid of their ex',
    choices: [[/afraid of your ex/, ['Yes']]],
    heading: 'Your safety comes first',
  },
  {
    name: 'an angry, controlling ex and fear answered "not sure"',
    choices: [
      [/afraid of your ex/, ["I'm not sure"]],
      [/played a part in the breakup/, ['Anger taken out on the other person', 'Being toxic to each other']],
    ],
    heading: /^(An uphill path|Better to move on)$/,
    note: 'A note about your safety',
  },
];

for (const profile of PROFILES) {
  test(`${profile.name}: the plan offers no step or message that means contacting them`, async () => {
    const { page, log } = await recordedPage(env.browser.context);
    await openFresh(page, env.server.url + '/');
    await walkAssessment(page, profile.choices);
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.getByRole('heading', { name: profile.heading, level: 2 }).waitFor();
    if (profile.note) await page.getByRole('heading', { name: profile.note }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Leave this page quickly' }).first().isVisible());
    assert.equal(await page.getByRole('button', { name: /Step 1[346]\b|Step 3\b/ }).count(), 0,
      'the result links to no contact step');
    assert.deepEqual(await axeViolations(page), [], 'the result passes axe');

    await page.getByRole('button', { name: 'My plan', exact: true }).click();
    await page.getByRole('heading', { name: 'Your plan' }).waitFor();
    const steps = await page.locator('.rk-steps .rk-step-num').allTextContents();
    assert.ok(steps.length >= 10, `the plan still lists its steps: ${steps}`);
    for (const hidden of ['Step 3', 'Step 13', 'Step 14', 'Step 16']) {
      assert.ok(!steps.includes(hidden), `${hidden} is hidden: ${steps}`);
    }
    assert.equal(await page.getByRole('button', { name: 'Message templates' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Switch back/ }).count(), 0,
      'no way back to reconnecting while the answer stands');
    assert.match(await page.locator('.rk-contact-hidden').textContent(), /answers about safety/);
    assert.deepEqual(await axeViolations(page), [], 'the plan passes axe');

    await page.getByRole('button', { name: /^Step 2\b/ }).first().click();
    await page.getByRole('heading', { name: /Give each other space/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: /to adapt it/ }).count(), 0,
      'step 2 offers no message to send');
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('rekindle.default.v1')));
    assert.equal(saved.tracker.plan, 'moving_on', 'the saved plan moved to moving on at once');
    assert.deepEqual(log.errors, []);
    await page.close();
  });
}

/**
 * Answers `exitPattern` (the neutral page the quick exit goes to) and a page read before
 * the blog with plain pages, so no test reaches the internet, and opens the page read
 * before. Returns the neutral page's arrivals, each with the Referer it was sent.
 */
async function plainPagesAround(page, exitPattern, exitTitle) {
  const arrivals = [];
  await page.route(exitPattern, (route) => {
    arrivals.push({ url: route.request().url(), referer: route.request().headers().referer });
    return route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>${exitTitle}</title><p>${exitTitle}</p>` });
  });
  await page.route('https://before.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Recipes</title><p>Soup</p>' }));
  await page.goto('https://before.example/soup');
  return arrivals;
}

test('the quick exit leaves an embedding page by keyboard for the embedder\'s neutral page, sending no referrer, and Back does not return to it', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  const arrivals = await plainPagesAround(page, 'https://neutral.example/**', 'Weather');
  await page.goto(env.server.url + '/fixtures/safety.html');
  await ready(page);
  await walkAssessment(page, [[/afraid of your ex/, ['Yes']]]);
  await page.getByRole('button', { name: 'See my result' }).click();
  await page.getByRole('heading', { name: 'Your safety comes first', level: 2 }).waitFor();

  const exit = page.getByRole('link', { name: 'Leave this page quickly' });
  await exit.focus();
  await Promise.all([page.waitForURL('https://neutral.example/weather'), page.keyboard.press('Enter')]);
  assert.equal(await page.title(), 'Weather');
  assert.deepEqual(arrivals.map((a) => a.url), ['https://neutral.example/weather']);
  assert.equal(arrivals[0].referer, undefined, 'the neutral site is not told where the reader was');
  await page.goBack();
  assert.equal(page.url(), 'https://before.example/soup', 'Back skips the page with the widget');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('from an iframe on another site, the quick exit takes the whole tab, sending no referrer, and Back skips the blog', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  const arrivals = await plainPagesAround(page, 'https://www.google.com/**', 'Search');
  // The blog is another site on loopback (localhost, where the widget is 127.0.0.1):
  // Chromium lets no public site frame a loopback one.
  await page.goto(env.server.url.replace('127.0.0.1', 'localhost') + '/fixtures/other-site.html');
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForURL((url) => url.href.startsWith(env.server.url));
  await ready(frame);
  await walkAssessment(frame, [[/afraid of your ex/, ['Yes']]]);
  await frame.getByRole('button', { name: 'See my result' }).click();
  await frame.getByRole('heading', { name: 'Your safety comes first', level: 2 }).waitFor();

  await Promise.all([
    page.waitForURL('https://www.google.com/'),
    frame.getByRole('link', { name: 'Leave this page quickly' }).click(),
  ]);
  assert.equal(await page.title(), 'Search');
  assert.equal(arrivals.length, 1);
  assert.equal(arrivals[0].referer, undefined, 'the search engine is not told where the reader was');
  await page.goBack();
  assert.equal(page.url(), 'https://before.example/soup', 'Back skips the blog with the widget');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a reader who chose moving on can switch back only through a confirm step, by keyboard', async () => {
  const { page, log } = await recordedPage(env.browser.context);
  await openFresh(page, env.server.url + '/');
  await page.getByRole('button', { name: 'My plan', exact: true }).click();
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
  const stepNumbers = () => page.locator('.rk-steps .rk-step-num').allTextContents();
  assert.ok((await stepNumbers()).includes('Step 13'));

  await page.getByRole('button', { name: 'Switch my plan to moving on' }).click();
  await page.getByRole('button', { name: 'Switch back to reconnecting' }).waitFor();
  assert.ok(!(await stepNumbers()).includes('Step 13'), 'talking with them is hidden');

  await page.getByRole('button', { name: 'Switch back to reconnecting' }).press('Enter');
  const keep = page.getByRole('button', { name: 'Keep moving on' });
  await keep.waitFor();
  assert.equal(await page.evaluate(() => window.__rkActive()?.textContent?.trim()), 'Keep moving on',
    'focus lands on the safer answer');
  assert.ok(!(await stepNumbers()).includes('Step 13'), 'nothing changes before the confirm');
  await page.getByRole('button', { name: 'Yes, switch back' }).press('Enter');
  await page.getByRole('button', { name: 'Switch my plan to moving on' }).waitFor();
  assert.ok((await stepNumbers()).includes('Step 13'), 'the contact steps are back');
  assert.deepEqual(log.errors, []);
  await page.close();
});
