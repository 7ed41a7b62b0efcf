// `cargo xtask bench`, second half: Lighthouse 12.2.3 (mobile defaults: simulated slow
// 4G, 4x CPU) on the blog demo page and the standalone page, served from dist/ with gzip
// on loopback. Prints Performance, Accessibility, Best Practices, CLS, LCP, TBT and time
// to interactive for each; asserts nothing (the scores depend on the machine). The
// targets (issue 13) are printed beside them.
//
// Each page is audited REKINDLE_LIGHTHOUSE_RUNS times (default 3) in a fresh Chromium
// profile and the median run by Performance score is shown, as Lighthouse's own docs
// advise for a single figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { DIST } from './lib/harness.mjs';
import { serveGzip } from './lib/gzip-server.mjs';

const RUNS = Number(process.env.REKINDLE_LIGHTHOUSE_RUNS ?? 3);
const PAGES = [
  { name: 'blog demo page', path: '/demo/blog.html', targets: { performance: 95, accessibility: 100, cls: 0.01 } },
  { name: 'standalone page', path: '/', targets: { performance: 90, accessibility: 100, cls: 0.01 } },
];

async function audit(url) {
  const profile = mkdtempSync(join(tmpdir(), 'rekindle-lighthouse-'));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    userDataDir: profile,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const { categories, audits } = result.lhr;
    return {
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      bestPractices: Math.round(categories['best-practices'].score * 100),
      cls: audits['cumulative-layout-shift'].numericValue,
      lcp: audits['largest-contentful-paint'].numericValue,
      tbt: audits['total-blocking-time'].numericValue,
      tti: audits.interactive.numericValue,
      failing: Object.values(audits)
        .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric'].includes(a.scoreDisplayMode) && a.details?.type !== 'opportunity')
        .map((a) => a.id),
    };
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

const server = await serveGzip({ '/': DIST });
const rows = [];
try {
  for (const page of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(server.url + page.path));
    runs.sort((a, b) => a.performance - b.performance);
    const median = runs[Math.floor(runs.length / 2)];
    rows.push({ page, median, all: runs.map((r) => r.performance) });
    process.stdout.write(`  audited the ${page.name} ${RUNS} times\n`);
  }
} finally {
  await server.stop();
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const header = ['figure', ...rows.map((r) => r.page.name), 'target'];
const table = [
  ['Performance (runs)', ...rows.map((r) => `${r.median.performance} (${r.all.join(', ')})`), '≥ 95 blog, ≥ 90 standalone'],
  ['Accessibility', ...rows.map((r) => String(r.median.accessibility)), '100'],
  ['Best Practices', ...rows.map((r) => String(r.median.bestPractices)), ''],
  ['Cumulative Layout Shift', ...rows.map((r) => r.median.cls.toFixed(3)), '≤ 0.01'],
  ['Largest Contentful Paint', ...rows.map((r) => seconds(r.median.lcp)), ''],
  ['Total Blocking Time', ...rows.map((r) => `${Math.round(r.median.tbt)} ms`), ''],
  ['Time to Interactive', ...rows.map((r) => seconds(r.median.tti)), ''],
];
const widths = header.map((_, c) => Math.max(...[header, ...table].map((r) => String(r[c]).length)));
const line = (r) => '| ' + r.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ') + ' |';
console.log(`\nLighthouse ${lighthouse.version ?? '12.2.3'}, mobile defaults (simulated slow 4G, 4x CPU), median of ${RUNS} by Performance:`);
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of table) console.log(line(r));
for (const r of rows) {
  if (r.median.failing.length) console.log(`  ${r.page.name}, audits not passed: ${r.median.failing.join(', ')}`);
}
