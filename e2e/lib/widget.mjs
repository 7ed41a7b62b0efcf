// Helpers that drive the widget the way a reader does: by role and visible text.
export const KEY = 'rekindle.default.v1';

/** The saved state as stored in localStorage (parsed), or null. */
export async function stored(page, key = KEY) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  return raw === null ? null : JSON.parse(raw);
}

/** Waits until the widget has rendered its navigation. */
export async function ready(page) {
  await page.getByRole('navigation', { name: 'Rekindle' }).waitFor();
}

/**
 * Answers the question on screen: the second option of a radio group (a "no" or a
 * middle answer, which keeps the path away from the safety band), or the last checkbox
 * (for the harm question, "none of these").
 */
export async function answerCurrent(page) {
  const radios = page.locator('fieldset input[type=radio]');
  if ((await radios.count()) > 0) {
    await radios.nth(1).check();
  } else {
    await page.locator('fieldset input[type=checkbox]').last().check();
  }
}

/** The words the helpers click and wait for, per language. */
export const WORDS = {
  en: {
    start: /Start the assessment|Pick up where you left off/,
    resume: 'Pick up where you left off',
    answers: 'Your answers',
    next: /^(Next|Review my answers)$/,
    change: /^Change/,
    assessment: 'Assessment',
    welcome: 'Rekindle',
    seeResult: 'See my result',
    myPlan: 'My plan',
    plan: 'Your plan',
    step13: /Step 13|^13\b|Talk/,
    counter: /no-contact|counter|space/i,
    templates: /message/i,
    myData: 'My data',
    data: 'Your data',
  },
  es: {
    start: /Empezar la evaluación|Seguir donde lo dejaste/,
    resume: 'Seguir donde lo dejaste',
    answers: 'Tus respuestas',
    next: /^(Siguiente|Revisar mis respuestas)$/,
    change: /^Cambiar/,
    assessment: 'Evaluación',
    welcome: 'Rekindle',
    seeResult: 'Ver mi resultado',
    myPlan: 'Mi plan',
    plan: 'Tu plan',
    step13: /Paso 13/,
    counter: /contacto cero/i,
    templates: /mensajes/i,
    myData: 'Mis datos',
    data: 'Tus datos',
  },
};

/** Walks the whole assessment from the welcome view to the review, by keyboard-free clicks. */
export async function completeAssessment(page, words = WORDS.en) {
  await page.getByRole('button', { name: words.start }).click();
  for (let i = 0; i < 60; i++) {
    if (await page.getByRole('heading', { name: words.answers }).isVisible()) return;
    await page.locator('fieldset legend').first().waitFor();
    const legend = await page.locator('fieldset legend').first().textContent();
    await answerCurrent(page);
    await page.getByRole('button', { name: words.next }).click();
    // Wait for the next question (or the review) to replace this one.
    await page.waitForFunction(
      (previous) => {
        const root = window.__rk()?.querySelector('.rekindle');
        const legend = root?.querySelector('fieldset legend');
        return !legend || legend.textContent !== previous;
      },
      legend,
    );
  }
  throw new Error('the assessment did not reach the review within 60 questions');
}

/** Opens `url` with nothing saved for its origin, and waits for the widget. */
export async function openFresh(page, url) {
  await page.goto(url);
  await ready(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
}
