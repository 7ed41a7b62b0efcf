// Records the state a release saves, for the next release's upgrade test
// (e2e/release.test.mjs loads every src/domain/fixtures/releases/<version>.json into the
// current build). Run once per release, after `cargo xtask release`:
//   node e2e/tools/capture-release-state.mjs
// It drives the packaged widget as a reader would (the whole assessment, the result, a
// started step with a ticked action and a journal note) and writes what it saved.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, recordedPage, ROOT, serve } from '../lib/harness.mjs';
import { completeAssessment, KEY, openFresh } from '../lib/widget.mjs';

const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
const version = cargo.match(/\[package\][^[]*?\nversion = "([^"]+)"/)[1];
const folder = join(ROOT, 'release', `rekindle-${version}`);
const server = await serve(folder);
const browser = await launch();
try {
  const { page, log } = await recordedPage(browser.context);
  await openFresh(page, server.url + '/');
  await completeAssessment(page);
  await page.getByRole('button', { name: 'See my result' }).first().click();
  await page.getByRole('button', { name: 'My plan' }).first().click();
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
  await page.getByRole('button', { name: /Step 4|Improve/ }).first().click();
  await page.locator('.rekindle input[type=checkbox]').first().check();
  await page.locator('textarea').last().fill(`Written with Rekindle ${version}.`);
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByText(`Written with Rekindle ${version}.`).waitFor();
  const saved = await page.evaluate((k) => localStorage.getItem(k), KEY);
  if (!saved || log.errors.length) throw new Error(`nothing saved, or errors: ${log.errors}`);
  const out = join(ROOT, 'src', 'domain', 'fixtures', 'releases', `${version}.json`);
  await writeFile(out, JSON.stringify(JSON.parse(saved), null, 2) + '\n');
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
