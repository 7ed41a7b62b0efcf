// Redraws the PNG icons in assets/icons/ from their SVG sources with headless Chromium.
// Run it after editing icon.svg or maskable.svg: `node e2e/tools/render-icons.mjs`.
// The PNGs are committed, so a build never needs a browser to produce them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from '../lib/harness.mjs';

const ICONS = join(ROOT, 'assets', 'icons');
const RENDERS = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'maskable.svg', png: 'maskable-512.png', size: 512 },
  // iOS ignores the manifest and uses this one; it draws its own rounded corners.
  { svg: 'maskable.svg', png: 'apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  for (const { svg, png, size } of RENDERS) {
    const source = await readFile(join(ICONS, svg), 'utf8');
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const data = 'data:image/svg+xml;base64,' + Buffer.from(source).toString('base64');
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${data}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(ICONS, png), omitBackground: true });
    await page.close();
    console.log(`assets/icons/${png} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
