// Private share links: made on the result view, opened on another browser's page, read
// only, with or without a passphrase; every bad link explained; nothing of the
// reader's own changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, serve, launch, recordedPage, axeViolations } from './lib/harness.mjs';
import { completeAssessment, ready, stored, KEY } from './lib/widget.mjs';

let server;
let sender;
let receiver;
let resultTitle;
let plainLink;
let protectedLink;

before(async () => {
  server = await serve();
  sender = await launch();
  receiver = await launch();
  const { page } = await recordedPage(sender.context);
  await page.goto(server.url + '/');
  await ready(page);
  await completeAssessment(page);
  await page.getByRole('button', { name: 'See my result' }).click();
  resultTitle = (await page.locator('h2[tabindex="-1"]').first().textContent()).trim();

  await page.getByRole('button', { name: 'Make a private link' }).click();
  await page.getByText('send it only to someone you trust').waitFor();
  plainLink = await page.getByLabel('Your private link').inputValue();

  await page.getByLabel('Protect it with a passphrase').check();
  await page.getByLabel('Passphrase', { exact: true }).fill('blue horse 42');
  await page.getByRole('button', { name: 'Make a private link' }).click();
  await page.getByText('send the passphrase another way').waitFor();
  protectedLink = await page.getByLabel('Your private link').inputValue();
  await page.close();
});

after(async () => {
  await sender?.close();
  await receiver?.close();
  await server?.stop();
});

/** The receiver's page with some answers of their own already saved. */
async function receiverWithOwnData(url) {
  const { page, log } = await recordedPage(receiver.context);
  await page.goto(server.url + '/');
  await ready(page);
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({
    format: 'rekindle', version: 1, revision: 7,
    answers: { ex_asked_for_distance: { single: 'not_sure' } },
  })), KEY);
  const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
  // A fresh document, as when a link is opened from a message (a hash-only change on
  // the same page would not reload it).
  await page.goto('about:blank');
  await page.goto(url);
  await ready(page);
  return { page, log, before };
}

test('links are short and keep everything in the fragment', () => {
  const fragment = (link) => link.slice(link.indexOf('#'));
  console.log(`# link fragment lengths: ${fragment(plainLink).length} with the key inside, ${fragment(protectedLink).length} with a passphrase`);
  assert.match(plainLink, /^http:\/\/127\.0\.0\.1:\d+\/#r=1\./);
  assert.match(protectedLink, /#r=1p\./);
  assert.ok(fragment(plainLink).length <= 120, plainLink);
  assert.ok(fragment(protectedLink).length <= 200, protectedLink);
});

test('a link with the key inside opens read-only elsewhere, leaves own data alone, and leaves the address bar', async () => {
  const { page, log, before } = await receiverWithOwnData(plainLink);
  await page.getByRole('heading', { name: 'A result someone shared with you' }).waitFor();
  await page.getByRole('heading', { name: resultTitle }).waitFor();
  await page.getByText(/^Made on (?:\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4})/).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the shared result passes axe');
  assert.equal(new URL(page.url()).hash, '', 'the fragment is removed after reading');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before, 'own data untouched');
  assert.equal(await page.getByRole('button', { name: /^(Start my plan|Plan for moving on)$/ }).count(), 0, 'read-only');
  const sentFragment = log.requests.some((r) => r.url.includes('#') || r.url.includes('r=1'));
  assert.equal(sentFragment, false, 'the fragment never reaches the server');

  // Saving asks first, because the reader has answers of their own.
  await page.getByRole('button', { name: 'Save these answers as mine' }).click();
  await page.getByRole('button', { name: 'Keep mine' }).click();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before);
  await page.getByRole('button', { name: 'Save these answers as mine' }).click();
  await page.getByRole('button', { name: 'Yes, use these answers' }).click();
  await page.getByRole('button', { name: /^(Start my plan|Plan for moving on)$/ }).waitFor();
  const mine = await stored(page);
  assert.notDeepEqual(mine.answers, { ex_asked_for_distance: { single: 'not_sure' } });
  await page.close();
});

test('a passphrase link asks for it, refuses a wrong one, and opens with the right one', async () => {
  const { page, before } = await receiverWithOwnData(protectedLink);
  await page.getByLabel('Passphrase', { exact: true }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the passphrase prompt passes axe');
  await page.getByLabel('Passphrase', { exact: true }).fill('red horse 42');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByText('That passphrase does not open this link').waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill('blue horse 42');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('heading', { name: resultTitle }).waitFor();
  assert.equal(new URL(page.url()).hash, '');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before);
  await page.close();
});

test('altered, truncated, unknown-version and garbage links each get their own message', async () => {
  const fragment = plainLink.slice(plainLink.indexOf('#'));
  const flip = (s) => s.slice(0, -3) + (s.at(-3) === 'A' ? 'B' : 'A') + s.slice(-2);
  const cases = [
    ['altered', flip(fragment), /changed since it was made/],
    ['truncated', fragment.slice(0, fragment.lastIndexOf('.') + 21), /cut short/],
    ['unknown version', fragment.replace('#r=1.', '#r=9.'), /./],
    ['garbage', '#r=1.%%%.!!!', /./],
  ];
  const messages = new Map();
  for (const [name, bad, expected] of cases) {
    const { page, before } = await receiverWithOwnData(server.url + '/' + bad);
    const alert = page.locator('.rk-shared [role=alert]');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, expected, name);
    assert.match(text, /Nothing of yours has been changed/, name);
    messages.set(name, text);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before, `${name}: own data untouched`);
    await page.close();
  }
  assert.equal(new Set(messages.values()).size, messages.size, `each bad link has its own message: ${[...messages.values()].join(' | ')}`);
});

test('a link opened on the blog demo page shows the shared result inside the widget', async () => {
  const fragment = plainLink.slice(plainLink.indexOf('#'));
  const { page } = await recordedPage(receiver.context);
  await page.goto(server.url + '/demo/blog.html' + fragment);
  await page.getByRole('heading', { name: 'A result someone shared with you' }).waitFor();
  await page.getByRole('heading', { name: resultTitle }).waitFor();
  await page.close();
});

test('a link pasted into a page that is already open opens too', async () => {
  const fragment = plainLink.slice(plainLink.indexOf('#'));
  const { page } = await recordedPage(receiver.context);
  await page.goto(server.url + '/');
  await ready(page);
  await page.goto(server.url + '/' + fragment); // same document: only the hash changes
  await page.getByRole('heading', { name: 'A result someone shared with you' }).waitFor();
  assert.equal(new URL(page.url()).hash, '');
  await page.close();
});

/** The sender's result, shown in the widget on `path` (namespace blog) of `base`, from the answers saved on the standalone page. */
async function resultOn(path, base = server.url) {
  const { page, log } = await recordedPage(sender.context);
  await page.goto(server.url + '/');
  await ready(page);
  const state = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  // Saved on the result, so the widget picks up there.
  state.settings = { ...state.settings, place: { view: 'result' } };
  await page.goto(base + path);
  await ready(page);
  await page.evaluate((v) => localStorage.setItem('rekindle.blog.v1', v), JSON.stringify(state));
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: 'Make a private link' }).waitFor();
  return { page, log };
}

async function makeLink(page) {
  await page.getByRole('button', { name: 'Make a private link' }).click();
  return page.getByLabel('Your private link').inputValue();
}

test('a link made on a blog page is built on Rekindle’s own page beside rekindle.js, and opens there', async () => {
  const { page } = await resultOn('/demo/blog.html');
  const link = await makeLink(page);
  assert.ok(link.startsWith(server.url + '/index.html#r=1.'), `built on Rekindle's own page: ${link}`);
  assert.ok(!link.includes('/demo/blog.html'), 'never on the host page');
  await page.close();
  const { page: opened } = await recordedPage(receiver.context);
  await opened.goto(link);
  await opened.getByRole('heading', { name: resultTitle }).waitFor();
  await opened.close();
});

test('data-share-page names another page for links', async () => {
  const { page } = await resultOn('/fixtures/share-page.html');
  const link = await makeLink(page);
  assert.ok(link.startsWith(server.url + '/?from=override#r=1.'), link);
  await page.close();
});

test('with no standalone page deployed beside rekindle.js, links fall back to the host page', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rekindle-no-page-'));
  await cp(DIST, dir, { recursive: true });
  await rm(join(dir, 'index.html'));
  const bare = await serve(dir);
  try {
    const { page } = await resultOn('/demo/blog.html', bare.url);
    const link = await makeLink(page);
    assert.ok(link.startsWith(bare.url + '/demo/blog.html#r=1.'), `today's behaviour: ${link}`);
    await page.close();
  } finally {
    await bare.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a ticked passphrase box with no passphrase, or a short one, is explained and makes no link', async () => {
  const { page } = await resultOn('/demo/blog.html');
  await page.getByLabel('Protect it with a passphrase').check();
  await page.getByRole('button', { name: 'Make a private link' }).click();
  await page.getByRole('alert').filter({ hasText: 'Write a passphrase' }).waitFor();
  assert.equal(await page.getByLabel('Your private link').count(), 0, 'no link without the passphrase asked for');
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Make a private link' }).click();
  await page.getByRole('alert').filter({ hasText: 'at least 8 characters' }).waitFor();
  assert.equal(await page.getByLabel('Your private link').count(), 0);
  await page.getByLabel('Passphrase', { exact: true }).fill('long enough now');
  await page.getByRole('button', { name: 'Make a private link' }).click();
  await page.getByText('send the passphrase another way').waitFor();
  await page.close();
});

test('opening a link keeps the host page’s own history state (a single-page router’s)', async () => {
  const fragment = plainLink.slice(plainLink.indexOf('#'));
  const { page } = await recordedPage(receiver.context);
  await page.addInitScript(() => {
    history.replaceState({ router: 'kept', page: 3 }, '', location.href);
  });
  await page.goto(server.url + '/demo/blog.html' + fragment);
  await page.getByRole('heading', { name: resultTitle }).waitFor();
  await page.waitForFunction(() => location.hash === '');
  assert.deepEqual(await page.evaluate(() => history.state), { router: 'kept', page: 3 });
  await page.close();
});
