// Refreshes a document batch's progress (staff/documents-batch.html) from its JSON while the batch can still change;
// served from the app (CSP script-src 'self'). Without it the page's refresh link does the same.
(function () {
  'use strict';
  var root = document.querySelector('[data-progress-url]');
  if (!root || root.getAttribute('data-open') !== 'true' || !window.fetch) {
    return;
  }
  var url = root.getAttribute('data-progress-url');
  var every = parseInt(root.getAttribute('data-poll-ms'), 10) || 5000;
  var status = root.getAttribute('data-status');
  function later(ms) {
    window.setTimeout(tick, ms);
  }
  function tick() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (progress) {
        if (!progress) {
          later(every * 2);
          return;
        }
        if (progress.status !== status) {
          // the buttons and links depend on the status: the page knows which
          window.location.reload();
          return;
        }
        Object.keys(progress.display).forEach(function (field) {
          root.querySelectorAll('[data-field="' + field + '"]').forEach(function (element) {
            element.textContent = progress.display[field];
          });
        });
        var bar = root.querySelector('progress');
        if (bar) {
          bar.value = progress.percent;
        }
        if (progress.open) {
          later(every);
        }
      })
      .catch(function () { later(every * 2); });
  }
  later(every);
})();
