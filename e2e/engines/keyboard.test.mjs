// The whole journey by keyboard alone, in Firefox and WebKit: every question with focus
// landing on its heading, the result, the plan, a step marked done, and a reload that
// keeps it all. Focus after Next is where engines differed (Firefox will not focus a
// legend), so every question checks where focus is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../lib/harness.mjs';
import { forEachEngine, Key } from './lib/engines.mjs';

forEachEngine('keyboard journey', (engine) => {
  test('welcome → every question → result → a step marked done → reload keeps it, by keyboard alone', async (t) => {
    const server = await serve();
    t.after(() => server.stop());
    const b = engine.browser;
    await b.openFresh(server.url + '/');

    await b.tabTo(/^Start the assessment$/);
    await b.press(Key.ENTER);
    let questions = 0;
    for (;;) {
      const legend = await b.until(
        () => {
          const root = rk();
          if ([...root.querySelectorAll('h2')].some((h) => h.textContent.trim() === 'Your answers')) return 'review';
          const l = root.querySelector('fieldset legend');
          return l ? l.textContent.trim() : false;
        },
        'neither a question nor the review appeared',
      );
      if (legend === 'review') break;
      questions += 1;
      // Focus lands on the new question's heading, inside its legend, so a screen
      // reader says the question and Tab goes on into its answers.
      await b
        .until(
          (text) => {
            const el = deepActive();
            return el && el.tagName === 'H2' && el.closest('legend') && el.textContent.trim() === text;
          },
          `focus never reached the heading of question ${questions} ("${legend}")`,
          legend,
        )
        .catch(async (error) => {
          error.message += `; focus is on ${JSON.stringify(await b.focused())}`;
          throw error;
        });
      await b.press(Key.TAB);
      const first = await b.focused();
      if (first.type === 'radio') {
        await b.press(Key.ARROW_DOWN); // the second answer, as a reader might
      } else {
        assert.equal(first.type, 'checkbox', `question ${questions}: Tab from the heading reaches an answer`);
        // Checkboxes: move to the last one ("none of these" on the harm question).
        const count = await b.run(() => rk().querySelectorAll('fieldset input[type=checkbox]').length);
        for (let i = 1; i < count; i++) await b.press(Key.TAB);
        await b.press(Key.SPACE);
      }
      await b.tabTo(/^(Next|Review my answers)$/);
      await b.press(Key.ENTER);
      await b.until(
        (previous) => {
          const l = rk().querySelector('fieldset legend');
          return !l || l.textContent.trim() !== previous;
        },
        `question ${questions} was never replaced after Next`,
        legend,
      );
    }
    assert.ok(questions >= 20, `walked every question (${questions})`);

    await b.tabTo(/^See my result$/, 200);
    await b.press(Key.ENTER);
    const title = await b.until(() => {
      const el = deepActive();
      return el && el.id === 'rk-result-title' && el.textContent.trim();
    }, 'focus never reached the result heading');
    assert.ok(title.length > 0);
    // A "move on" outlook offers a plan for moving on in place of "Start my plan".
    await b.tabTo(/^(Start my plan|Plan for moving on)$/, 200);
    await b.press(Key.ENTER);
    await b.until(() => [...rk().querySelectorAll('h2')].some((h) => h.textContent.trim() === 'Your plan'), 'no plan');
    // The first step the plan lists (which steps it shows depends on the outlook).
    await b.tabTo(/^Step \d+/);
    const step = Number((await b.focused()).text.match(/^Step (\d+)/)[1]);
    await b.press(Key.ENTER);
    await b.until(() => deepActive() && deepActive().id === 'rk-step-title', 'focus never reached the step heading');
    for (let i = 0; i < 40 && (await b.focused()).type !== 'checkbox'; i++) await b.press(Key.TAB);
    assert.equal((await b.focused()).type, 'checkbox', `Tab reaches the first action of step ${step}`);
    await b.press(Key.SPACE);
    await b.until((n) => {
      const raw = localStorage.getItem('rekindle.default.v1');
      const saved = raw && JSON.parse(raw).tracker.steps.find((s) => s.step === n);
      return saved && saved.ticked.length === 1 && saved.ticked[0] === 0;
    }, `ticking the first action of step ${step} was never saved`, step);
    const saved = await b.stored();
    assert.ok(Object.keys(saved.answers).length >= 20, 'every question answered');

    await b.driver.navigate().refresh();
    await b.ready();
    const after = await b.stored();
    assert.deepEqual(after.answers, saved.answers, 'answers kept across a reload');
    assert.deepEqual(after.tracker, saved.tracker, 'the plan kept across a reload');
    // The reload picks up on the step, and leaves focus with the page: a widget takes
    // focus only once the reader acts in it, so loading never scrolls a host page.
    const heading = await b.until(() => {
      const title = rk() && rk().getElementById('rk-step-title');
      return title ? title.textContent.trim() : false;
    }, 'the reload did not pick up on the step');
    assert.match(heading, new RegExp(`^Step ${step} of 16`), 'the reload reopened the same step');
    assert.equal(await b.run(() => (deepActive() || document.body).tagName), 'BODY', 'the reload took no focus');
    const ticked = await b.until(() => {
      const box = rk().querySelector('input[type=checkbox]');
      return box ? String(box.checked) : false;
    }, 'step 1 shows no actions after the reload');
    assert.equal(ticked, 'true', `the ticked action of step ${step} is still ticked after the reload`);
  });
});
