/*! Rekindle loader · MIT OR Apache-2.0 */
/* One script tag puts the private Rekindle widget in a page. It finds its own URL, loads
 * the widget's module and wasm from beside it, and mounts one widget per script tag in
 * the body (data-target, or right after the tag) and per <rekindle-widget> element. It
 * defines one global, `Rekindle`, and sends nothing anywhere: the widget's files (and,
 * once, Rekindle's own page beside them, to learn whether share links can open there)
 * are the only requests it makes. Only the first line ships: the build minifies this. */
(function () {
  'use strict';
  var script = document.currentScript;
  var existing = window.Rekindle;
  var base = script && script.src ? new URL('.', script.src).href : existing && existing.base;
  if (!base) return;

  // Filled in by `cargo xtask build`: the SHA-384 of the module and of the wasm this
  // loader was built with. It runs them only if what arrives matches, so a host or CDN
  // handing back a changed file, or one of another build, gets it refused, not run.
  var BUILD = { glue: '__REKINDLE_GLUE_SRI__', wasm: '__REKINDLE_WASM_SRI__' };
  // The error that stopped loading, logged once for the page however many widgets wait.
  var failed;

  var Rekindle = existing || {
    base: base,
    version: '__REKINDLE_RELEASE__',
    ready: null,
    /** Rekindle's own page beside this loader, if there is one: share links open there,
     * so their key never passes through the host page's scripts. */
    sharePage: null,
    /** Mounts a widget into `target`, configured by `config`'s data- attributes. */
    mount: function (target, config) {
      config = config || target;
      var status = reserve(target, config);
      return load().then(
        function (module) {
          module.mount(target, config, Rekindle.sharePage || undefined);
        },
        function (error) {
          if (status) status.textContent = 'Rekindle could not start: its files did not arrive intact, so nothing was run. Your saved answers are safe. Reloading the page may help.';
          throw error;
        },
      );
    },
  };
  if (!existing) window.Rekindle = Rekindle;

  function refused(file) {
    return new Error(file + ' failed its SHA-384 check or did not load; not run');
  }

  function load() {
    if (!Rekindle.ready) {
      var glue = base + 'rekindle-app.js';
      // The browser checks the module: a module script with `integrity`, after which
      // import() takes that very module from the module map. (A strict CSP forbids a
      // blob: module, so it cannot be checked here and run from bytes; and WebKit runs a
      // module whose modulepreload integrity failed.)
      var module = new Promise(function (resolve, reject) {
        var tag = document.createElement('script');
        tag.type = 'module';
        tag.integrity = BUILD.glue;
        tag.src = glue;
        tag.onload = resolve;
        tag.onerror = function () {
          reject(refused('rekindle-app.js'));
        };
        document.head.append(tag);
      }).then(function () {
        return import(glue);
      });
      // The wasm is hashed here and compiled from the very bytes that were checked. A
      // page without WebCrypto (plain http) has fetch check it instead.
      var subtle = window.crypto && crypto.subtle;
      var wasm = fetch(base + 'rekindle-app_bg.wasm', subtle ? {} : { integrity: BUILD.wasm })
        .then(function (response) {
          return response.ok ? response.arrayBuffer() : Promise.reject(refused('rekindle-app_bg.wasm'));
        })
        .then(function (bytes) {
          return subtle
            ? subtle.digest('SHA-384', bytes).then(function (digest) {
                if ('sha384-' + btoa(String.fromCharCode.apply(null, new Uint8Array(digest))) != BUILD.wasm) {
                  throw refused('rekindle-app_bg.wasm');
                }
                return bytes;
              })
            : bytes;
        });
      Rekindle.ready = Promise.all([module, wasm, findOwnPage()])
        .then(function (all) {
          return all[0].default({ module_or_path: all[1] }).then(function () {
            return all[0];
          });
        })
        .catch(function (error) {
          failed = error;
          console.error('Rekindle could not start:', error.message || error);
          throw error;
        });
    }
    return Rekindle.ready;
  }

  // The height of the first view, in em of the widget's own width (container query
  // bands: [from width, min-height, ...]), so nothing around the widget moves when the
  // wasm arrives and replaces the placeholder. Upper bounds measured in Chromium for the
  // welcome view and, with data-start, the first question or the plan; e2e/shift.test.mjs
  // fails when a view outgrows them (or leaves a gap of over 4 em). The reserve lasts
  // until the reader's first click or key press. A returning reader may resume on
  // another view: that one can still move the page once.
  var BANDS = {
    welcome: [0, 42, 18, 40.5, 19.5, 37.3, 22, 34, 23.5, 31, 27, 27.7, 38, 24.4, 40, 31.1, 41.5, 28],
    assessment: [0, 69.8, 18.5, 68.2, 20, 65.1, 21.5, 62, 22.5, 60.5, 23.5, 55.8, 24.5, 54.2, 25.5, 52.7, 28, 51.1, 32.5, 49.5, 34, 48, 40, 51.5],
    plan: [0, 151.8, 18.5, 147.2, 20.5, 142.5, 22, 134.8, 23, 128.8, 23.5, 124.1, 26, 119.4, 29.5, 112.9, 34.5, 108.3, 38.5, 103.6, 40, 91.8, 44, 87.4],
  };

  // Draws the placeholder in the widget's shadow root at once: a status line in a box
  // as tall as the first view. A constructed stylesheet, so a strict CSP allows it.
  function reserve(target, config) {
    if (target.shadowRoot || !window.CSSStyleSheet) return null;
    try {
      var bands = BANDS[config.getAttribute('data-start')] || BANDS.welcome;
      // The host rule is src/embed.rs's HOST_RULE, character for character.
      var css = ':host{all:initial!important;display:block!important;width:100%!important;font-size:medium!important;contain:content;container-type:inline-size!important}.rk-wait{margin:0;padding:1em;font-family:system-ui,sans-serif}';
      for (var i = 0; i < bands.length; i += 2) {
        css += '@container (min-width:' + bands[i] + 'em){.rk-reserve{min-height:' + bands[i + 1] + 'em}}';
      }
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      var root = target.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      var box = document.createElement('div');
      var status = document.createElement('p');
      box.className = 'rk-reserve';
      status.className = 'rk-wait';
      status.setAttribute('role', 'status');
      status.textContent = 'Loading Rekindle…';
      box.appendChild(status);
      root.appendChild(box);
      var release = function () {
        box.classList.remove('rk-reserve');
      };
      // On click, not pointerdown: a reserve released between pointerdown and pointerup
      // could move the button from under the pointer and swallow the click.
      root.addEventListener('click', release);
      root.addEventListener('keydown', release);
      return status;
    } catch (error) {
      return null;
    }
  }

  // Rekindle's standalone page, deployed beside this file (index.html with its
  // #rekindle-standalone element, served as HTML). Any failure only means links stay on
  // the host page.
  function findOwnPage() {
    var page = base + 'index.html';
    return fetch(page, { credentials: 'omit' })
      .then(function (response) {
        // A CDN sends HTML as plain text: no page for share links there.
        if (!response.ok || !/html/.test(response.headers.get('content-type'))) return null;
        return response.text().then(function (html) {
          return html.indexOf('id="rekindle-standalone"') >= 0 ? page : null;
        });
      })
      .then(
        function (found) {
          Rekindle.sharePage = found;
        },
        function () {},
      );
  }

  if (!window.customElements.get('rekindle-widget')) {
    window.customElements.define(
      'rekindle-widget',
      class extends HTMLElement {
        connectedCallback() {
          if (!this.shadowRoot) Rekindle.mount(this, this).catch(report);
        }
      },
    );
  }

  // A tag in <head> only loads Rekindle for <rekindle-widget> elements; a tag in the
  // body (or one with data-target) also mounts a widget of its own.
  if (script && script.tagName === 'SCRIPT' && (script.hasAttribute('data-target') || script.parentNode !== document.head)) {
    var selector = script.getAttribute('data-target');
    var target = null;
    if (selector) {
      target = document.querySelector(selector);
      if (!target) {
        console.warn('Rekindle: data-target="' + selector + '" matches no element; mounting after the script tag instead.');
      }
    }
    if (!target) {
      target = document.createElement('div');
      script.after(target);
    }
    Rekindle.mount(target, script).catch(report);
  }

  function report(error) {
    if (error !== failed) console.error('Rekindle could not start:', error);
  }
})();
