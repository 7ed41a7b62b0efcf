/*! Rekindle loader: one script tag puts the private Rekindle widget in a page.
 * It finds its own URL, loads the widget's module and wasm from beside it, and mounts
 * one widget per script tag in the body (data-target, or right after the tag) and per
 * <rekindle-widget> element. It defines one global, `Rekindle`, and sends nothing
 * anywhere: the widget's files are the only requests it makes. */
(function () {
  'use strict';
  var script = document.currentScript;
  var existing = window.Rekindle;
  var base = script && script.src ? new URL('.', script.src).href : existing && existing.base;
  if (!base) return;

  var Rekindle = existing || {
    base: base,
    version: '0.1.0',
    ready: null,
    /** Mounts a widget into `target`, configured by `config`'s data- attributes. */
    mount: function (target, config) {
      return load().then(function (module) {
        module.mount(target, config || target);
      });
    },
  };
  if (!existing) window.Rekindle = Rekindle;

  function load() {
    if (!Rekindle.ready) {
      Rekindle.ready = import(Rekindle.base + 'rekindle-app.js').then(function (module) {
        return module.default({ module_or_path: Rekindle.base + 'rekindle-app_bg.wasm' }).then(function () {
          return module;
        });
      });
    }
    return Rekindle.ready;
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
