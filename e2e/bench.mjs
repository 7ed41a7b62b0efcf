// `cargo xtask bench`: Rekindle side by side with a SurveyJS page of the same questions.
// Prints a table and asserts nothing: the figures depend on the machine, so compare
// runs made on the same one.
//
// Both pages are served by one loopback server with gzip (level 6, a common server
// default), in the same headless Chromium, each load in a fresh browser context with
// the cache off:
// - bytes: the compressed bodies of every response the page received before its first
//   question could be answered (Resource Timing's encodedBodySize);
// - time to the first question: navigation start to the first animation frame in which
//   the first answer's input is rendered (median and p95 of REKINDLE_BENCH_LOADS loads);
// - interaction durations from the Event Timing API, as INP measures them, for a click
//   on an answer and a click on Next (p95 of at least REKINDLE_BENCH_INTERACTIONS of
//   each). Chromium reports only events of 16 ms or more, so "<16" means at least 95%
//   of them were faster than that;
// - all of it again with the CPU throttled 4x (DevTools Emulation.setCPUThrottlingRate),
//   standing for a mid-range phone.
//
// The SurveyJS page is generated here from content/en/assessment.json: one question per
// page, the same options and show-if conditions, survey-core + survey-js-ui (minified,
// from e2e/node_modules, test-only dependencies) and survey-core's fontless CSS.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DIST, ROOT } from './lib/harness.mjs';
import { serveGzip } from './lib/gzip-server.mjs';

const LOADS = Number(process.env.REKINDLE_BENCH_LOADS ?? 15);
const INTERACTIONS = Number(process.env.REKINDLE_BENCH_INTERACTIONS ?? 50);
const THROTTLES = [1, 4];

// ---------------------------------------------------------------------------------
// The SurveyJS page

/** Rekindle's show-if condition as a SurveyJS expression. */
function expression(condition, kinds) {
  if (condition.selected) {
    const { question, option } = condition.selected;
    return kinds.get(question) === 'multiple_choice'
      ? `{${question}} contains '${option}'`
      : `{${question}} = '${option}'`;
  }
  if (condition.not) return negated(condition.not, kinds);
  if (condition.all) return `(${condition.all.map((c) => expression(c, kinds)).join(' and ')})`;
  if (condition.any) return `(${condition.any.map((c) => expression(c, kinds)).join(' or ')})`;
  throw new Error(`unknown condition ${JSON.stringify(condition)}`);
}

/** The negation, pushed down to the comparisons (De Morgan). */
function negated(condition, kinds) {
  if (condition.selected) {
    const { question, option } = condition.selected;
    return kinds.get(question) === 'multiple_choice'
      ? `{${question}} notcontains '${option}'`
      : `{${question}} != '${option}'`;
  }
  if (condition.not) return expression(condition.not, kinds);
  if (condition.all) return `(${condition.all.map((c) => negated(c, kinds)).join(' or ')})`;
  if (condition.any) return `(${condition.any.map((c) => negated(c, kinds)).join(' and ')})`;
  throw new Error(`unknown condition ${JSON.stringify(condition)}`);
}

function surveyJson(assessment) {
  const kinds = new Map(assessment.questions.map((q) => [q.id, q.kind]));
  const sections = new Map(assessment.sections.map((s) => [s.id, s]));
  const elements = assessment.questions.map((q) => {
    const conditions = [sections.get(q.section)?.show_if, q.show_if].filter(Boolean);
    const element = {
      type: q.kind === 'multiple_choice' ? 'checkbox' : 'radiogroup',
      name: q.id,
      title: q.prompt,
      isRequired: true,
      choices: q.options.map((o) => ({ value: o.id, text: o.label })),
    };
    if (q.help) element.description = q.help;
    if (conditions.length) element.visibleIf = conditions.map((c) => expression(c, kinds)).join(' and ');
    return element;
  });
  return {
    title: 'Rekindle',
    questionsOnPageMode: 'questionPerPage',
    showProgressBar: 'top',
    clearInvisibleValues: 'onHidden',
    pages: [{ name: 'assessment', elements }],
  };
}

function writeSurveyPage(dir) {
  const modules = join(ROOT, 'e2e', 'node_modules');
  copyFileSync(join(modules, 'survey-core', 'survey.core.min.js'), join(dir, 'survey.core.min.js'));
  copyFileSync(join(modules, 'survey-js-ui', 'survey-js-ui.min.js'), join(dir, 'survey-js-ui.min.js'));
  // The fontless theme: the stock one fetches Open Sans from a font CDN; Rekindle uses
  // the reader's own fonts.
  copyFileSync(join(modules, 'survey-core', 'survey-core.fontless.min.css'), join(dir, 'survey-core.min.css'));
  const assessment = JSON.parse(readFileSync(join(ROOT, 'content', 'en', 'assessment.json'), 'utf8'));
  writeFileSync(join(dir, 'survey.json'), JSON.stringify(surveyJson(assessment)));
  writeFileSync(
    join(dir, 'start.js'),
    `fetch('survey.json').then((r) => r.json()).then((json) => {
  new Survey.Model(json).render(document.getElementById('survey'));
});\n`,
  );
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SurveyJS: the same questions</title>
<link rel="stylesheet" href="survey-core.min.css">
<script src="survey.core.min.js" defer></script>
<script src="survey-js-ui.min.js" defer></script>
<script src="start.js" defer></script>
</head><body><main><h1>A sample blog post</h1><p>Some text before the survey.</p><div id="survey"></div></main></body></html>\n`,
  );
}

function writeRekindlePage(dir) {
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rekindle: the same questions</title>
</head><body><main><h1>A sample blog post</h1><p>Some text before the widget.</p>
<div id="rekindle"></div>
<script src="/rekindle.js" data-target="#rekindle" data-start="assessment" data-namespace="bench" async></script>
</main></body></html>\n`,
  );
}

// ---------------------------------------------------------------------------------
// The server (lib/gzip-server.mjs): dist/ at /, the two bench pages at /bench/rekindle/
// and /bench/surveyjs/.

// ---------------------------------------------------------------------------------
// Measuring

/** Runs in the page before anything else: finds the first question, records events. */
function instrument(selectorsForProduct) {
  const { host, input } = selectorsForProduct;
  window.__bench = { firstQuestionAt: null, events: [], marks: [] };
  const rendered = () => {
    const scope = host ? document.querySelector(host)?.shadowRoot : document;
    const el = scope?.querySelector(input);
    if (!el || el.disabled) return false;
    // Custom-styled inputs may be visually hidden; their label box is what is clicked.
    const box = (el.closest('label') ?? el).getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const poll = () => {
    if (rendered()) window.__bench.firstQuestionAt = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) {
        const processing = e.processingEnd - e.processingStart;
        window.__bench.events.push({ start: e.startTime, duration: e.duration, processing, id: e.interactionId });
      }
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  window.__benchMark = (kind) => window.__bench.marks.push({ kind, at: performance.now() });
}

const PRODUCTS = {
  Rekindle: {
    path: '/bench/rekindle/',
    selectors: { host: '#rekindle', input: 'fieldset input' },
    answer: (page) => page.locator('#rekindle fieldset label.rk-option').last(),
    next: (page) => page.locator('#rekindle button.rk-next'),
    question: (page) => page.locator('#rekindle fieldset legend').first().textContent(),
    done: async (page) => (await page.locator('#rekindle fieldset').count()) === 0,
  },
  SurveyJS: {
    path: '/bench/surveyjs/',
    selectors: { host: null, input: '.sd-question input' },
    answer: (page) => page.locator('.sd-question label.sd-selectbase__label').last(),
    next: (page) => page.locator('.sd-navigation__next-btn, .sd-navigation__complete-btn').first(),
    question: (page) => page.locator('.sd-question__title').first().textContent(),
    done: async (page) => (await page.locator('.sd-question').count()) === 0,
  },
};

async function freshPage(browser, product, throttle) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(instrument, product.selectors);
  return { context, page };
}

async function load(browser, server, product, throttle) {
  const { context, page } = await freshPage(browser, product, throttle);
  await page.goto(server.url + product.path);
  await page.waitForFunction(() => window.__bench.firstQuestionAt !== null, null, { timeout: 60_000 });
  const figures = await page.evaluate(() => {
    const at = window.__bench.firstQuestionAt;
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const bytes = entries.filter((e) => e.responseEnd <= at).reduce((sum, e) => sum + e.encodedBodySize, 0);
    return { at, bytes };
  });
  await context.close();
  return figures;
}

/**
 * Answers and moves on until `INTERACTIONS` of each kind are done; returns durations.
 * The answer clicked is always the last option (a "not sure", or "none of these" on the
 * harm question), which keeps both products on the same, longest path.
 */
async function interact(browser, server, product, throttle) {
  const durations = { answer: [], next: [] };
  const handlers = { answer: [], next: [] };
  let counts = { answer: 0, next: 0 };
  while (counts.next < INTERACTIONS) {
    const { context, page } = await freshPage(browser, product, throttle);
    await page.goto(server.url + product.path);
    await page.waitForFunction(() => window.__bench.firstQuestionAt !== null, null, { timeout: 60_000 });
    while (counts.next < INTERACTIONS && !(await product.done(page))) {
      const before = await product.question(page);
      await page.evaluate(() => window.__benchMark('answer'));
      await product.answer(page).click();
      counts.answer += 1;
      await page.waitForTimeout(50);
      await page.evaluate(() => window.__benchMark('next'));
      await product.next(page).click();
      counts.next += 1;
      await page.waitForFunction(
        ({ host, before }) => {
          const scope = host ? document.querySelector(host)?.shadowRoot : document;
          const title = scope?.querySelector(host ? 'fieldset legend' : '.sd-question__title');
          return !title || title.textContent !== before;
        },
        { host: product.selectors.host, before },
        { timeout: 30_000 },
      );
      await page.waitForTimeout(50);
    }
    // Event Timing entries arrive after the frame they end in.
    await page.waitForTimeout(200);
    const { events, marks } = await page.evaluate(() => window.__bench);
    // An interaction's duration is its longest event's (as INP takes it); the time in
    // the page's own handlers is the sum over its events (pointerdown, pointerup, click).
    const byInteraction = new Map();
    for (const e of events) {
      const current = byInteraction.get(e.id);
      const processing = (current?.processing ?? 0) + e.processing;
      if (!current || e.duration > current.duration) byInteraction.set(e.id, { ...e, processing });
      else current.processing = processing;
    }
    for (const e of byInteraction.values()) {
      const mark = marks.filter((m) => m.at <= e.start).pop();
      if (mark) {
        durations[mark.kind].push(e.duration);
        handlers[mark.kind].push(e.processing);
      }
    }
    await context.close();
  }
  // Interactions under the 16 ms reporting threshold have no entry: count them as 0.
  for (const kind of ['answer', 'next']) {
    while (durations[kind].length < counts[kind]) durations[kind].push(0);
    while (handlers[kind].length < counts[kind]) handlers[kind].push(0);
  }
  return { ...durations, handlers };
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value) => (value < 16 ? '<16' : value.toFixed(0)) + ' ms';

// ---------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'rekindle-bench-'));
const surveyDir = join(dir, 'surveyjs');
const rekindleDir = join(dir, 'rekindle');
mkdirSync(surveyDir);
mkdirSync(rekindleDir);
writeSurveyPage(surveyDir);
writeRekindlePage(rekindleDir);
const server = await serveGzip({ '/bench/surveyjs/': surveyDir, '/bench/rekindle/': rekindleDir, '/': DIST });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const rows = [];
const row = (figure, rekindle, survey, ratio) => rows.push([figure, rekindle, survey, ratio]);
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '—');

try {
  console.log(`Rekindle vs SurveyJS ${JSON.parse(readFileSync(join(ROOT, 'e2e/node_modules/survey-core/package.json'), 'utf8')).version}: ${LOADS} loads and ${INTERACTIONS}+ interactions of each kind per product and CPU rate`);
  const results = {};
  for (const throttle of THROTTLES) {
    for (const [name, product] of Object.entries(PRODUCTS)) {
      const loads = [];
      for (let i = 0; i < LOADS; i++) loads.push(await load(browser, server, product, throttle));
      const interactions = await interact(browser, server, product, throttle);
      results[`${name}@${throttle}`] = { loads, interactions };
      if (process.env.REKINDLE_BENCH_VERBOSE) console.log(name, throttle, JSON.stringify(interactions));
      process.stdout.write(`  measured ${name} at ${throttle}x CPU\n`);
    }
  }
  const r1 = results['Rekindle@1'];
  const s1 = results['SurveyJS@1'];
  const bytes = (res) => pct(res.loads.map((l) => l.bytes), 50);
  row('bytes before the first question (gzip bodies)', bytes(r1).toLocaleString('en'), bytes(s1).toLocaleString('en'), ratio(bytes(r1), bytes(s1)));
  for (const throttle of THROTTLES) {
    const r = results[`Rekindle@${throttle}`];
    const s = results[`SurveyJS@${throttle}`];
    const at = (res, p) => pct(res.loads.map((l) => l.at), p);
    row(
      `navigation → first question, p50 / p95 (${throttle}x CPU)`,
      `${at(r, 50).toFixed(0)} / ${at(r, 95).toFixed(0)} ms`,
      `${at(s, 50).toFixed(0)} / ${at(s, 95).toFixed(0)} ms`,
      `${ratio(at(r, 50), at(s, 50))} / ${ratio(at(r, 95), at(s, 95))}`,
    );
    for (const kind of ['answer', 'next']) {
      const p95r = pct(r.interactions[kind], 95);
      const p95s = pct(s.interactions[kind], 95);
      row(
        `click on ${kind === 'answer' ? 'an answer' : 'Next'}, Event Timing p95 (${throttle}x CPU; n=${r.interactions[kind].length}/${s.interactions[kind].length})`,
        ms(p95r),
        ms(p95s),
        p95r >= 16 && p95s >= 16 ? ratio(p95r, p95s) : '—',
      );
      // The rest of an interaction's duration is input delay and waiting for the next
      // frame to be presented, which a page's own code does not decide.
      const ownR = pct(r.interactions.handlers[kind], 95);
      const ownS = pct(s.interactions.handlers[kind], 95);
      row(
        `  of which in the page's event handlers, p95`,
        `${ownR.toFixed(1)} ms`,
        `${ownS.toFixed(1)} ms`,
        ownS > 0 ? ratio(ownR, ownS) : '—',
      );
    }
  }
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['figure', 'Rekindle', 'SurveyJS', 'ratio'], ...rows].map((r) => String(r[c]).length)));
  const line = (r) => '| ' + r.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ') + ' |';
  console.log('\n' + line(['figure', 'Rekindle', 'SurveyJS', 'ratio']));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log('\nratio = Rekindle / SurveyJS; "<16 ms" = under Event Timing\'s 16 ms reporting threshold.');
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
