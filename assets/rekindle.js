/*! Rekindle loader: one script tag puts the private Rekindle widget in a page.
 * It finds its own URL, loads the widget's module and wasm from beside it, and mounts
 * one widget per script tag in the body (data-target, or right after the tag) and per
 * <rekindle-widget> element. It defines one global, `Rekindle`, and sends nothing
 * anywhere: the widget's files (and, once, Rekindle's own page beside them, to learn
 * whether share links can open there) are the only requests it makes. */
(function () {
  'use strict';
  var script = document.currentScript;
  var existing = window.Rekindle;
  var base = script && script.src ? new URL('.', script.src).href : existing && existing.base;
  if (!base) return;

  // Filled in by `cargo xtask build`: a hash of each file's content, so a cache (the
  // browser's, a CDN's) can never hand this loader a glue of one build and a wasm of
  // another. Left as is (a development build), the files load unversioned.
  var BUILD = { glue: '__REKINDLE_GLUE_HASH__', wasm: '__REKINDLE_WASM_HASH__' };
  function versioned(file, hash) {
    return base + file + (/^[0-9a-f]{16}$/.test(hash) ? '?v=' + hash : '');
  }

  var Rekindle = existing || {
    base: base,
    version: '0.1.0',
    ready: null,
    /** Rekindle's own page beside this loader, if there is one: share links open there,
     * so their key never passes through the host page's scripts. */
    sharePage: null,
    /** Mounts a widget into `target`, configured by `config`'s data- attributes. */
    mount: function (target, config) {
      return load().then(function (module) {
        module.mount(target, config || target, Rekindle.sharePage || undefined);
      });
    },
  };
  if (!existing) window.Rekindle = Rekindle;

  function load() {
    if (!Rekindle.ready) {
      var module = import(versioned('rekindle-app.js', BUILD.glue)).then(function (module) {
        return module.default({ module_or_path: versioned('rekindle-app_bg.wasm', BUILD.wasm) }).then(function () {
          return module;
        });
      });
      Rekindle.ready = Promise.all([module, findOwnPage()]).then(function (both) {
        return both[0];
      });
    }
    return Rekindle.ready;
  }

  // Rekindle's standalone page, deployed beside this file (index.html with its
  // #rekindle-standalone element). Any failure only means links stay on the host page.
  function findOwnPage() {
    var page = base + 'index.html';
    return fetch(page, { credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) return null;
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
    console.error('Rekindle could not start:', error);
  }
})();
