// `cargo xtask bench`: prints figures, asserts nothing. Time from navigation to an
// interactive widget on the blog demo page (script tag → wasm → first render), the
// time from a click on an answer to the next paint, and what a save costs. Numbers
// depend on the machine; compare runs on the same one.
import { serve, launch, recordedPage } from './lib/harness.mjs';

const RUNS = Number(process.env.REKINDLE_BENCH_RUNS ?? 15);
const server = await serve();
const browser = await launch();

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const show = (name, values, unit = 'ms') =>
  console.log(`${name}: p50 ${pct(values, 50).toFixed(1)} ${unit}, p95 ${pct(values, 95).toFixed(1)} ${unit} (n=${values.length})`);

try {
  const ready = [];
  const clickToPaint = [];
  const saveCost = [];
  for (let i = 0; i < RUNS; i++) {
    const { page } = await recordedPage(browser.context);
    await page.goto(server.url + '/demo/blog.html');
    await page.getByRole('button', { name: /Start the assessment|Pick up/ }).waitFor();
    ready.push(await page.evaluate(() => performance.now()));
    await page.getByRole('button', { name: /Start the assessment|Pick up/ }).click();
    await page.locator('fieldset input').first().waitFor();
    clickToPaint.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const input = window.__rk().querySelectorAll('fieldset input')[1];
            const start = performance.now();
            input.click();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
          }),
      ),
    );
    saveCost.push(
      await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('rekindle.'));
        const text = localStorage.getItem(key);
        const start = performance.now();
        for (let n = 0; n < 2000; n++) localStorage.setItem(key, n % 2 ? text : text + ' ');
        return ((performance.now() - start) / 2000) * 1000;
      }),
    );
    await page.evaluate(() => localStorage.clear());
    await page.close();
  }
  show('navigation to interactive widget (blog page, loopback, no compression)', ready);
  show('click on an answer to the next paint', clickToPaint);
  show('localStorage.setItem of the saved state', saveCost, 'µs');
} finally {
  await browser.close();
  await server.stop();
}
