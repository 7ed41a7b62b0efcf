// Firefox and WebKit through W3C WebDriver (selenium-webdriver). Playwright drives only
// its own browser builds, so the Chromium suite stays on playwright-core and this one
// covers the journeys where engines differ, in the browsers Debian ships:
//   Firefox ESR, through geckodriver (started by selenium), headless, a fresh profile;
//   WebKitGTK's MiniBrowser, through WebKitWebDriver, under Xvfb (it has no headless mode).
// REKINDLE_ENGINES=firefox (or webkit) runs one engine only.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, before, after } from 'node:test';
import { Builder, Key } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';

export { Key };

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** How long any one condition may take before a test fails (the machine is shared). */
export const PATIENCE = 30_000;

export const ENGINES = (process.env.REKINDLE_ENGINES ?? 'firefox,webkit')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of ENGINES) {
  if (!['firefox', 'webkit'].includes(name)) {
    throw new Error(`REKINDLE_ENGINES names "${name}"; the engines here are firefox and webkit`);
  }
}

function geckodriverPath() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  return execFileSync('which', ['geckodriver'], { encoding: 'utf8' }).trim();
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startFirefox({ downloads }) {
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless')
    // Downloads land in our folder without a dialog, so a test can read the file.
    .setPreference('browser.download.folderList', 2)
    .setPreference('browser.download.dir', downloads)
    .setPreference('browser.download.useDownloadDir', true)
    .setPreference('browser.download.always_ask_before_handling_new_types', false)
    .setPreference('browser.helperApps.neverAsk.saveToDisk', 'application/json,text/html')
    // Quiet: no update checks or telemetry pings from the browser itself.
    .setPreference('app.update.enabled', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('toolkit.telemetry.enabled', false)
    .setPreference('network.captive-portal-service.enabled', false)
    .setPreference('browser.shell.checkDefaultBrowser', false);
  // geckodriver makes a fresh temporary profile for every session.
  const service = new firefox.ServiceBuilder(geckodriverPath());
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(service)
    .build();
  return { driver, stop: async () => {} };
}

async function startWebKit({ downloads }) {
  const port = await freePort();
  // Our own process group, so stopping it ends Xvfb, the driver and MiniBrowser together.
  // MiniBrowser saves downloads into the home folder (there is no download folder set
  // up here), so the session's home is our folder: downloads land where a test can read
  // them, and nothing is left in the real home.
  const child = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`, '--host=127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HOME: downloads, XDG_CONFIG_HOME: join(downloads, '.config') },
  });
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + PATIENCE;
  for (;;) {
    const up = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`WebKitWebDriver did not start on ${url} under xvfb-run`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling the driver's port
  }
  try {
    const driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        // With a named binary the args must not be empty, or no browser matches.
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
    return { driver, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts `name` ('firefox' or 'webkit') with a fresh profile. Returns a Browser: the
 * driver plus helpers that see into the widget's shadow root, as a reader's eyes do.
 */
export async function startEngine(name) {
  const downloads = mkdtempSync(join(tmpdir(), `rekindle-${name}-downloads-`));
  const { driver, stop } = name === 'firefox' ? await startFirefox({ downloads }) : await startWebKit({ downloads });
  const caps = await driver.getCapabilities();
  const browser = new Browser(name, driver, downloads);
  browser.version = `${caps.get('browserName')} ${caps.get('browserVersion')}`;
  browser.quit = async () => {
    await driver.quit().catch(() => {});
    await stop();
    rmSync(downloads, { recursive: true, force: true });
  };
  return browser;
}

/**
 * Runs `body(engine)` as a describe block for each engine, with a browser started
 * before and stopped after its tests. `engine.browser` is set once it has started.
 */
export function forEachEngine(title, body) {
  for (const name of ENGINES) {
    describe(`${name}: ${title}`, () => {
      const engine = { name };
      before(async () => {
        engine.browser = await startEngine(name);
        console.log(`# ${name}: ${engine.browser.version}`);
      });
      after(async () => {
        await engine.browser?.quit();
      });
      body(engine);
    });
  }
}

// Helpers defined in the page for every script we run there. The widget lives in a
// shadow root, and document.activeElement stops at its host, so look inside.
const PRELUDE = `
const rk = (index = 0) => {
  const hosts = [...document.querySelectorAll('*')].filter((el) => el.shadowRoot && el.shadowRoot.querySelector('.rekindle'));
  return hosts[index] ? hosts[index].shadowRoot : null;
};
const deepActive = () => {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active;
};
const named = (root, selector, name) => [...(root ? root.querySelectorAll(selector) : [])]
  .find((el) => new RegExp(name).test((el.getAttribute('aria-label') || el.textContent || '').trim()));
`;

export class Browser {
  constructor(name, driver, downloads) {
    this.name = name;
    this.driver = driver;
    this.downloads = downloads;
  }

  /** Runs `fn` in the page with the prelude's helpers in scope; returns its value. */
  run(fn, ...args) {
    return this.driver.executeScript(`${PRELUDE}\nreturn (${fn}).apply(null, arguments);`, ...args);
  }

  /** Waits until `fn` (run in the page) returns something truthy, and returns it. */
  async until(fn, message, ...args) {
    return this.driver.wait(
      () => this.run(fn, ...args).catch(() => false),
      PATIENCE,
      `${this.name}: ${message}`,
    );
  }

  /** Waits until the widget `index` has rendered its navigation. */
  ready(index = 0) {
    return this.until(
      (i) => Boolean(rk(i) && rk(i).querySelector('nav[aria-label="Rekindle"]')),
      `widget ${index} never became ready`,
      index,
    );
  }

  async open(url, index = 0) {
    await this.driver.get(url);
    await this.ready(index);
  }

  /**
   * Opens `url` with nothing saved for its origin. It opens the page a second time with
   * a plain navigation rather than WebDriver's Refresh, which in Firefox bypasses the
   * cache and the service worker, so no worker would ever control that page.
   */
  async openFresh(url) {
    await this.open(url);
    await this.run(() => localStorage.clear());
    await this.open(url);
  }

  /** The element in widget `index` matching `selector` whose text or label matches `name`. */
  async find(selector, name, index = 0) {
    return this.until(
      (sel, n, i) => named(rk(i), sel, n) || null,
      `no ${selector} named /${name}/ in widget ${index}`,
      selector,
      name,
      index,
    );
  }

  /** The form control whose label's text matches `name` (anchored), in widget `index`. */
  async field(name, index = 0) {
    return this.until(
      (n, i) => {
        const label = named(rk(i), 'label', `^${n}$`);
        if (!label) return null;
        return label.htmlFor ? rk(i).getElementById(label.htmlFor) : label.querySelector('input, textarea, select');
      },
      `no field labelled /${name}/ in widget ${index}`,
      name,
      index,
    );
  }

  /** Clicks a button (or link) by its visible name, through WebDriver, as a pointer would. */
  async click(name, index = 0) {
    const element = await this.find('button, a', `^(${name})$`, index);
    await element.click();
  }

  /**
   * Clicks a button by name until the button named `then` is shown. WebKitGTK's driver
   * has been seen (once in four runs, right after a download) to drop a pointer click
   * that reached a button on screen; one more click, only when nothing happened, keeps
   * that from failing a run. Only for clicks that open something, where a second
   * click does no harm.
   */
  async clickToOpen(name, then, index = 0) {
    for (let attempt = 1; ; attempt++) {
      await this.click(name, index);
      try {
        await this.driver.wait(
          () => this.run((n, i) => Boolean(named(rk(i), 'button, a', n)), `^(${then})$`, index).catch(() => false),
          attempt === 1 ? 5_000 : PATIENCE,
        );
        return;
      } catch (error) {
        if (attempt > 1) throw new Error(`${this.name}: "${name}" did not show "${then}": ${error.message}`);
      }
    }
  }

  /** Waits until some text matching `pattern` is shown in widget `index`. */
  text(pattern, index = 0) {
    return this.until(
      (p, i) => rk(i) && new RegExp(p).test(rk(i).querySelector('.rekindle').textContent),
      `no text /${pattern}/ in widget ${index}`,
      pattern,
      index,
    );
  }

  /** The focused element inside the widget: tag, whether in a legend, id and text. */
  focused() {
    return this.run(() => {
      const el = deepActive();
      return {
        tag: el ? el.tagName : null,
        type: (el && el.type) || '',
        inLegend: Boolean(el && el.closest && el.closest('legend')),
        id: (el && el.id) || '',
        text: ((el && (el.getAttribute('aria-label') || el.textContent)) || '').trim(),
      };
    });
  }

  /** Presses keys through WebDriver's keyboard, into whatever has focus. */
  async press(...keys) {
    await this.driver.actions().sendKeys(...keys).perform();
  }

  /** Presses Tab until the focused element's text matches `pattern`. */
  async tabTo(pattern, limit = 120) {
    const visited = [];
    for (let i = 0; i < limit; i++) {
      const now = await this.focused();
      if (pattern.test(now.text)) return;
      visited.push(`${now.tag} "${now.text.slice(0, 40)}"`);
      await this.press(Key.TAB);
    }
    throw new Error(`${this.name}: Tab never reached ${pattern}; it went through ${[...new Set(visited)].join(', ')}`);
  }

  /** The saved state under `key` in localStorage, parsed, or null. */
  async stored(key = 'rekindle.default.v1') {
    const raw = await this.run((k) => localStorage.getItem(k), key);
    return raw === null ? null : JSON.parse(raw);
  }

  /** The text of the question on screen (its legend), or null when there is none. */
  legend(index = 0) {
    return this.run((i) => {
      const legend = rk(i) && rk(i).querySelector('fieldset legend');
      return legend ? legend.textContent.trim() : null;
    }, index);
  }

  /** Clicks Next and waits until another question (by its legend) replaces this one. */
  async next(index = 0) {
    const before = await this.legend(index);
    await this.click('Next', index);
    await this.until(
      (i, previous) => {
        const legend = rk(i).querySelector('fieldset legend');
        return legend && legend.textContent.trim() !== previous;
      },
      'Next did not move on to another question',
      index,
      before,
    );
  }

  /**
   * Answers every question with clicks in the page (the second radio, or the last
   * checkbox: "none of these"), up to the review. For journeys that need a finished
   * assessment; the keyboard journey walks it key by key instead.
   */
  async completeAssessment(index = 0) {
    await this.click('Start the assessment|Pick up where you left off', index);
    for (let n = 0; n < 60; n++) {
      const state = await this.until(
        (i) => {
          const root = rk(i);
          if ([...root.querySelectorAll('h2')].some((h) => h.textContent.trim() === 'Your answers')) return 'review';
          const legend = root.querySelector('fieldset legend');
          return legend ? legend.textContent.trim() : false;
        },
        'neither a question nor the review appeared',
        index,
      );
      if (state === 'review') return;
      await this.run((i) => {
        const root = rk(i);
        const radios = root.querySelectorAll('fieldset input[type=radio]');
        if (radios.length > 0) radios[1].click();
        else [...root.querySelectorAll('fieldset input[type=checkbox]')].pop().click();
      }, index);
      await this.click('Next|Review my answers', index);
      await this.until((i, previous) => {
        const legend = rk(i).querySelector('fieldset legend');
        return !legend || legend.textContent.trim() !== previous;
      }, 'the next question never replaced this one', index, state);
    }
    throw new Error(`${this.name}: the assessment did not reach the review within 60 questions`);
  }
}
