// Progress of work done in the background (a long export, a federation's figures), for pages
// that hold a region marked data-progress. Without JavaScript the page has a « Mettre à jour »
// link; with it, this script asks for the same page every few seconds and puts the new region in
// place (its role="status" line is read out by screen readers). When the work is done — the page
// has no such region any more — the region says so and offers the link to the result, which the
// person follows when they choose: nothing moves under them, no page reloads by itself (WCAG
// 2.2.1). The CSP allows scripts from our own origin only: this file, no inline script.
(function () {
  var region = document.querySelector('[data-progress]');
  if (!region || !window.fetch || !window.DOMParser) return;
  var every = Number(region.getAttribute('data-progress-seconds')) * 1000 || 3000;
  var url = window.location.href;

  function done() {
    var status = region.querySelector('[role="status"]');
    if (status) status.textContent = region.getAttribute('data-progress-done') || '';
    var link = region.querySelector('[data-progress-link]');
    if (link) link.textContent = region.getAttribute('data-progress-done-link') || link.textContent;
    var bar = region.querySelector('progress');
    if (bar) bar.value = bar.max;
    var hints = region.querySelectorAll('[data-progress-hint]');
    for (var i = 0; i < hints.length; i++) hints[i].hidden = true;
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        // Sent elsewhere (a session that ended leads to the sign-in page): not the work's end.
        if (!response.ok || response.redirected) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-progress]');
        if (!next) return done();
        var status = region.querySelector('[role="status"]');
        var nextStatus = next.querySelector('[role="status"]');
        if (status && nextStatus && status.textContent !== nextStatus.textContent) status.textContent = nextStatus.textContent;
        var bar = region.querySelector('progress');
        var nextBar = next.querySelector('progress');
        if (bar && nextBar) {
          bar.max = nextBar.max;
          bar.value = nextBar.value;
          bar.textContent = nextBar.textContent;
        }
        window.setTimeout(poll, every);
      })
      .catch(function () {
        // The network or the server failed this time: ask again later, more slowly.
        window.setTimeout(poll, every * 3);
      });
  }

  window.setTimeout(poll, every);
})();
