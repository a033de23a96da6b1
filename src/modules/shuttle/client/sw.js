/*
 * The navette's service worker (scope /navette/): keeps the visit pages opened or listed on
 * the road sheet, the stylesheet and the page script, so that they open in the car without
 * network. Network first (fresh data when there is a connection), the kept copy otherwise —
 * for a day at most. Signing out wipes the whole cache (Clear-Site-Data from /deconnexion).
 * Writes (the reports) never go through here: the page queues them in IndexedDB.
 */
const CACHE = 'lieudit-navette-v1';
const ALWAYS = ['/static/app.css', '/navette/visite.js'];
const OFFLINE_TITLE = '__OFFLINE_TITLE__';
const OFFLINE_BODY = '__OFFLINE_BODY__';
const TIMEOUT_MS = 6000;
// A kept page serves the day's tour, not the next week's: older copies are not shown offline.
const KEEP_MS = 24 * 3600 * 1000;

const isVisitPage = (url) => /^\/navette\/demandes\/[0-9a-f-]{36}\/visite$/i.test(url.pathname);
const isKept = (url) => url.origin === self.location.origin && (isVisitPage(url) || ALWAYS.includes(url.pathname));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ALWAYS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lieudit-navette-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** Fetches and keeps a good answer (a page, not a redirect to the sign-in page). */
async function fetchAndKeep(request) {
  const response = await fetch(request, { credentials: 'same-origin' });
  if (response.ok && !response.redirected) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

/** Kept less than a day ago (the Date header the server sent with the page). */
function isFresh(response) {
  const at = Date.parse(response.headers.get('date') || '');
  return ALWAYS.includes(new URL(response.url || 'http://x/').pathname) || (Number.isFinite(at) && Date.now() - at < KEEP_MS);
}

function withTimeout(promise) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

function offlinePage() {
  const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escape(OFFLINE_TITLE)}</title><link rel="stylesheet" href="/static/app.css"></head>`
    + `<body><main id="contenu" class="container"><h1>${escape(OFFLINE_TITLE)}</h1><p>${escape(OFFLINE_BODY)}</p></main></body></html>`;
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

async function networkFirst(request) {
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  try {
    const response = await withTimeout(fetchAndKeep(new Request(key, { credentials: 'same-origin' })));
    // Signed out meanwhile: let the browser follow the redirect to the sign-in page itself.
    return response.redirected ? Response.redirect(response.url, 303) : response;
  } catch {
    const kept = await caches.match(key);
    if (kept && isFresh(kept)) return kept;
    if (kept) await caches.open(CACHE).then((cache) => cache.delete(key));
    return request.mode === 'navigate' ? offlinePage() : Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !isKept(url)) return;
  event.respondWith(networkFirst(event.request));
});

// The page lists the visit pages to keep (the ones it links to, itself included).
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.type === 'keep' && Array.isArray(event.data.urls) ? event.data.urls : [];
  const wanted = urls.map((u) => new URL(u, self.location.origin)).filter((u) => isKept(u));
  event.waitUntil(Promise.all(wanted.map((u) => fetchAndKeep(new Request(u.origin + u.pathname, { credentials: 'same-origin' })).catch(() => undefined))));
});
