/* Registers Rekindle's service worker for the standalone page, so a reader who has
 * visited once can open it without a network. A plain script file (no inline code), so it
 * works under a strict Content-Security-Policy. The embed loader (rekindle.js) never
 * registers anything: host pages are not ours to change.
 *
 * When a new version has been downloaded while this one is in use, it says so in the page
 * and offers a reload; it never switches versions under the reader on its own. Any
 * failure (no service worker support, a file:// page, a refused registration) only means
 * no offline copy: the page works as before and says nothing. */
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;

  var container = navigator.serviceWorker;
  var reloading = false;

  // The notice's words are in the page (index.html), where the widget translates them
  // with the footer: every word Rekindle shows comes from content/<lang>/ui.json.
  function words(key) {
    var holder = document.querySelector('[data-rk-text="' + key + '"]');
    return holder ? holder.textContent : '';
  }

  function showUpdate(registration) {
    var status = document.getElementById('rekindle-update');
    if (!status || status.firstChild) return;
    var text = document.createElement('span');
    text.textContent = words('update_ready');
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = words('update_reload');
    button.addEventListener('click', function () {
      var waiting = registration.waiting;
      if (!waiting) {
        location.reload();
        return;
      }
      reloading = true;
      button.disabled = true;
      waiting.postMessage({ type: 'skip-waiting' });
    });
    status.appendChild(text);
    status.appendChild(document.createTextNode(' '));
    status.appendChild(button);
    status.classList.add('is-shown');
  }

  // Only a reload the reader asked for; the first install also changes the controller.
  container.addEventListener('controllerchange', function () {
    if (reloading) location.reload();
  });

  function watch(registration) {
    // A version downloaded on an earlier visit and still waiting.
    if (registration.waiting && container.controller) showUpdate(registration);
    registration.addEventListener('updatefound', function () {
      var installing = registration.installing;
      if (!installing) return;
      installing.addEventListener('statechange', function () {
        // With no controller this is the first install, not an update.
        if (installing.state === 'installed' && container.controller) showUpdate(registration);
      });
    });
  }

  function register() {
    try {
      container.register('sw.js').then(watch, function (error) {
        console.info('Rekindle: no offline copy this time (' + (error && error.message) + ').');
      });
    } catch (error) {
      console.info('Rekindle: no offline copy this time.');
    }
  }

  // After the page has loaded, so precaching never slows the first visit.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
})();
