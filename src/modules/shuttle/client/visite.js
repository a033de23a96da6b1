/*
 * The visit page, offline (loaded by /navette/ pages; does nothing without the browser's
 * support). It registers the service worker that keeps the visit pages, intercepts the report
 * form, queues the report in IndexedDB with a UUID made on this device, and sends the queue to
 * POST /api/v1/shuttle/reports when the network is there (on load and on "online"). The server
 * stores a report once per UUID, so sending one twice does no harm. Without JavaScript the
 * form posts normally.
 */
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.indexedDB || !window.crypto || !crypto.randomUUID || !window.fetch) return;

  var DB = 'lieudit-navette';
  var STORE = 'reports';
  var API = '/api/v1/shuttle/reports';
  var status = document.querySelector('[data-report-queue]');
  var form = document.querySelector('form[data-visit-report]');
  var syncing = null;
  var waitingCount = 0;

  navigator.serviceWorker.register('/navette/sw.js', { scope: '/navette/' }).catch(function () {});
  navigator.serviceWorker.ready.then(function (registration) {
    var links = Array.prototype.map.call(document.querySelectorAll('a[href^="/navette/demandes/"]'), function (a) { return a.getAttribute('href'); });
    if (registration.active) registration.active.postMessage({ type: 'keep', urls: links.concat([location.pathname]) });
  });

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: 'clientId' }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && 'result' in result ? result.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var all = function () { return run('readonly', function (s) { return s.getAll(); }); };
  var put = function (item) { return run('readwrite', function (s) { s.put(item); }); };
  var remove = function (clientId) { return run('readwrite', function (s) { s.delete(clientId); }); };

  function say(text) {
    if (!status) return;
    status.textContent = text;
    status.hidden = !text;
  }

  function showCount() {
    return all().then(function (items) {
      var waiting = items.filter(function (i) { return !i.refused; }).length;
      var refused = items.length - waiting;
      waitingCount = items.length;
      var d = status ? status.dataset : {};
      var text = waiting === 0 ? d.none : waiting === 1 ? d.one : (d.many || '').replace('{n}', String(waiting));
      say(refused ? text + ' ' + d.refused : text);
      showRefusedHere(items);
      return items;
    });
  }

  /** On the visit page of a refused report: its values back in the form, the server's words above. */
  function showRefusedHere(items) {
    if (!form) return;
    var mine = items.filter(function (i) { return i.refused && i.body.requestId === form.dataset.requestId; })[0];
    var box = form.querySelector('[data-refused-here]');
    if (!mine || !box) return;
    var list = box.querySelector('ul');
    list.textContent = '';
    Object.keys(mine.refused).forEach(function (field) {
      var li = document.createElement('li');
      li.textContent = mine.refused[field];
      list.appendChild(li);
    });
    box.hidden = false;
    fill(mine.body);
  }

  function fill(body) {
    ['summary', 'durationMinutes'].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && body[name] !== undefined) field.value = String(body[name]);
    });
    ['outcome', 'autonomy', 'themes', 'equipment', 'followUps'].forEach(function (name) {
      var wanted = [].concat(body[name] || []);
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (input) { input.checked = wanted.indexOf(input.value) >= 0; });
    });
    var slot = form.elements.namedItem('appointment');
    if (slot && body.appointment) slot.value = [body.appointment.motifId, body.appointment.siteId, body.appointment.startAt].join('|');
  }

  /** The form as the JSON API takes it. */
  function bodyOf(formElement, clientId) {
    var data = new FormData(formElement);
    var minutes = String(data.get('durationMinutes') || '').trim();
    var slot = String(data.get('appointment') || '');
    var parts = slot ? slot.split('|') : null;
    var body = {
      clientId: clientId,
      requestId: formElement.dataset.requestId,
      summary: String(data.get('summary') || ''),
      themes: data.getAll('themes'),
      equipment: data.getAll('equipment'),
      durationMinutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes,
      followUps: data.getAll('followUps'),
      appointment: parts ? { motifId: parts[0], siteId: parts[1], startAt: parts[2] } : null,
      writtenAt: new Date().toISOString(),
    };
    if (data.get('autonomy')) body.autonomy = String(data.get('autonomy'));
    if (data.get('outcome')) body.outcome = String(data.get('outcome'));
    return body;
  }

  /** Sends one report: 'sent', 'refused' (kept with the server's words), or 'later'. */
  function send(item) {
    return fetch(API, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(item.body) })
      .then(function (response) {
        if (response.ok) return remove(item.clientId).then(function () { return 'sent'; });
        if (response.status === 401) return 'signedOut';
        if (response.status === 422 || response.status === 409 || response.status === 404 || response.status === 403) {
          return response.json().catch(function () { return {}; }).then(function (answer) {
            var fields = answer.fields && Object.keys(answer.fields).length ? answer.fields : { _form: answer.message || '' };
            item.refused = fields;
            return put(item).then(function () { return 'refused'; });
          });
        }
        return 'later';
      }, function () { return 'later'; });
  }

  /** Sends the waiting reports one after the other; stops at the first that must wait. */
  function sync() {
    if (syncing) return syncing;
    syncing = all().then(function (items) {
      var waiting = items.filter(function (i) { return !i.refused; });
      var outcomes = {};
      return waiting.reduce(function (previous, item) {
        return previous.then(function (stop) {
          if (stop) return stop;
          return send(item).then(function (result) {
            outcomes[item.clientId] = result;
            return result === 'later' || result === 'signedOut' ? result : null;
          });
        });
      }, Promise.resolve(null)).then(function (stop) {
        return showCount().then(function () {
          if (stop === 'signedOut') say(status.dataset.signedOut);
          return outcomes;
        });
      });
    }).finally(function () { syncing = null; });
    return syncing;
  }

  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var clientId = crypto.randomUUID();
      var item = { clientId: clientId, body: bodyOf(form, clientId), queuedAt: new Date().toISOString() };
      var requestId = form.dataset.requestId;
      all()
        .then(function (items) {
          // A corrected report replaces the refused one of the same visit.
          return Promise.all(items.filter(function (i) { return i.refused && i.body.requestId === requestId; }).map(function (i) { return remove(i.clientId); }));
        })
        .then(function () { return put(item); })
        .then(function () {
          say(status ? status.dataset.sending : '');
          return sync();
        })
        .then(function (outcomes) {
          var result = outcomes[clientId];
          if (result === 'sent') {
            location.assign(location.pathname);
          } else if (result === 'refused' && navigator.onLine) {
            // Online: the server draws the form with its error summary, as without JavaScript.
            return remove(clientId).then(function () {
              form.elements.namedItem('clientId').value = clientId;
              HTMLFormElement.prototype.submit.call(form);
            });
          } else {
            form.hidden = true;
            return showCount().then(function () { say(status.dataset.saved + ' ' + status.textContent); });
          }
        });
    });
  }

  // Signing out wipes what this device keeps (the server asks the browser to): say so first
  // when reports written here have not reached the centre yet.
  Array.prototype.forEach.call(document.querySelectorAll('form[action="/deconnexion"]'), function (signOut) {
    signOut.addEventListener('submit', function (event) {
      if (waitingCount === 0 || !status) return;
      var d = status.dataset;
      var question = waitingCount === 1 ? d.signOutOne : (d.signOutMany || '').replace('{n}', String(waitingCount));
      if (!window.confirm(question)) event.preventDefault();
    });
  });

  window.addEventListener('online', function () { sync(); });
  sync();
})();
