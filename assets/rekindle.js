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
    // Set once loading starts: `ready`, a promise of the module; `sharePage`, Rekindle's
    // own page beside this loader if there is one (null if not): share links open
    // there, so their key never passes through the host page's scripts.
    /** Mounts a widget into `target`, configured by `config`'s data- attributes. */
    mount: function (target, config) {
      config = config || target;
      var text = TEXT[language(target, config)];
      var status = reserve(target, config, text[0]);
      return load().then(
        (module) => module.mount(target, config, Rekindle.sharePage || undefined),
        (error) => {
          if (status) status.textContent = text[1];
          throw error;
        },
      );
    },
  };
  if (!existing) window.Rekindle = Rekindle;

  // The two things the loader itself says, before the widget's own text has arrived:
  // while loading, and when the files were refused or did not load.
  var TEXT = {
    en: ['Loading Rekindle…', 'Rekindle could not start. Your saved answers are safe; try reloading the page.'],
    es: ['Cargando Rekindle…', 'Rekindle no pudo iniciarse. Tus respuestas guardadas están a salvo; intenta recargar la página.'],
  };

  // The language the widget will choose (src/embed.rs, choose_language): data-lang if it
  // names one (an unknown value means English), else the nearest lang attribute, then
  // the browser's languages, whichever Rekindle speaks first.
  function language(target, config) {
    var chosen = config.getAttribute('data-lang');
    var near = target.closest('[lang]');
    var tags = [near ? near.lang : ''].concat(navigator.languages || []);
    if (chosen != null && (chosen = chosen.trim().toLowerCase()) != 'auto') return chosen == 'es' ? 'es' : 'en';
    for (var i = 0, found; i < tags.length; i++) {
      if ((found = /^\s*(en|es)([-_]|\s*$)/i.exec(tags[i]))) return found[1].toLowerCase();
    }
    return 'en';
  }

  function refused(file) {
    return new Error(file + ' did not load or failed its SHA-384 check');
  }

  function load() {
    if (!Rekindle.ready) {
      var glue = base + 'rekindle-app.js';
      // The browser checks the module: a module script with `integrity`, after which
      // import() takes that very module from the module map. (A strict CSP forbids a
      // blob: module, so it cannot be checked here and run from bytes; and WebKit runs a
      // module whose modulepreload integrity failed.)
      var module = new Promise((resolve, reject) => {
        var tag = document.createElement('script');
        tag.type = 'module';
        tag.integrity = BUILD.glue;
        tag.src = glue;
        tag.onload = resolve;
        tag.onerror = () => reject(refused('rekindle-app.js'));
        document.head.append(tag);
      }).then(() => import(glue));
      // The wasm: fetch checks it against the hash (Subresource Integrity, in every
      // current browser, on http pages too) and hands over only bytes that match, which
      // are compiled as they are.
      var wasm = fetch(base + 'rekindle-app_bg.wasm', { integrity: BUILD.wasm }).then(
        (response) => (response.ok ? response.arrayBuffer() : Promise.reject()),
      ).catch(() => Promise.reject(refused('rekindle-app_bg.wasm')));
      Rekindle.ready = Promise.all([module, wasm, findOwnPage()])
        .then((all) => all[0].default({ module_or_path: all[1] }).then(() => all[0]))
        .catch((error) => {
          failed = error;
          console.error('Rekindle could not start:', error.message || error);
          throw error;
        });
    }
    return Rekindle.ready;
  }

  // The height of the first view, in half-em of the widget's own width (container query
  // bands: [from width, min-height, ...]), so nothing around the widget moves when the
  // wasm arrives and replaces the placeholder. Upper bounds measured in Chromium for the
  // welcome view and, with data-start, the first question or the plan, in English and
  // Spanish alike (one table: the taller of the two); e2e/shift.test.mjs fails when a
  // view outgrows them or leaves a gap of over 4 em (10 em under the plan, which is
  // 90 to 160 em tall and words longer in Spanish). The reserve lasts
  // until the reader's first click or key press. A returning reader may resume on
  // another view: that one can still move the page once.
  var BANDS = {
    welcome: [0, 87, 38, 84, 39, 81, 43, 78, 44, 75, 47, 68, 53, 62, 76, 55, 80, 62],
    assessment: [0, 140, 37, 136, 40, 130, 45, 121, 47, 112, 52, 105, 68, 99, 80, 103],
    plan: [0, 316, 37, 304, 42, 288, 45, 276, 47, 267, 48, 264, 49, 257, 54, 239, 69, 217, 80, 187],
  };

  // Draws the placeholder in the widget's shadow root at once: a status line in a box
  // as tall as the first view. A constructed stylesheet, so a strict CSP allows it.
  function reserve(target, config, loading) {
    if (target.shadowRoot) return null;
    try {
      var bands = BANDS[config.getAttribute('data-start')] || BANDS.welcome;
      // The host rule is src/embed.rs's HOST_RULE, character for character.
      var css = ':host{all:initial!important;display:block!important;width:100%!important;font-size:medium!important;contain:content;container-type:inline-size!important}.rk-wait{margin:0;padding:1em}';
      for (var i = 0; i < bands.length; i += 2) {
        css += '@container (min-width:' + bands[i] / 2 + 'em){.rk-reserve{min-height:' + bands[i + 1] / 2 + 'em}}';
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
      status.textContent = loading;
      box.append(status);
      root.append(box);
      var release = () => box.classList.remove('rk-reserve');
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
      .then((response) => {
        // A CDN sends HTML as plain text: no page for share links there.
        if (!response.ok || !/html/.test(response.headers.get('content-type'))) return null;
        return response.text().then((html) => (html.indexOf('id="rekindle-standalone"') >= 0 ? page : null));
      })
      .then(
        (found) => (Rekindle.sharePage = found),
        () => {},
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
        console.warn('Rekindle: nothing matches data-target ' + selector + '; mounting after the script');
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
