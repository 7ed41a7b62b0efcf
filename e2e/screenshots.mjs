// `cargo xtask screenshots`: PNGs of every view at phone and desktop sizes, light and
// dark, into screenshots/ (ignored by git) for review.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, recordedPage, ROOT } from './lib/harness.mjs';
import { completeAssessment, ready, openFresh } from './lib/widget.mjs';
import { VIEWS } from './lib/views.mjs';

const out = join(ROOT, 'screenshots');
mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
let count = 0;
try {
  for (const [label, viewport] of [['phone', { width: 375, height: 812 }], ['desktop', { width: 1280, height: 800 }]]) {
    for (const scheme of ['light', 'dark']) {
      const { page } = await recordedPage(browser.context);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await openFresh(page, server.url + '/');
      await completeAssessment(page);
      for (const [name, go, shown] of VIEWS) {
        await go(page);
        await shown(page).waitFor();
        const file = join(out, `${name.replace(/ /g, '-')}-${label}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        count += 1;
      }
      await page.close();
    }
  }
  console.log(`wrote ${count} screenshots to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
