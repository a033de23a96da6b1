/*
 * The navette's tiled maps (loaded after Leaflet, only on pages drawn with MAP_TILES_URL set).
 * - figure.tour-map[data-map]: the SVG drawing of the tour gives way to a tiled map with the
 *   centre and the numbered visits, in order; the list beside it stays the page's content.
 * - [data-pin-map] (the request form): shown, and a click on the map fills the latitude and
 *   longitude fields of its form (typing in them moves the pin).
 * Without this script (or without Leaflet), the drawing and the fields stay as they are.
 * Every word comes from the page (the server's French catalogue); no inline style is written,
 * so that the Content-Security-Policy holds.
 */
(function () {
  'use strict';
  var L = window.L;
  if (!L || !document.querySelector) return;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** A Leaflet map in a new element placed before `before`, with tiles, French zoom buttons and the credit. */
  function makeMap(parent, before, settings, extraClass) {
    var area = document.createElement('div');
    area.className = 'map-area' + (extraClass ? ' ' + extraClass : '');
    area.setAttribute('role', 'region');
    area.setAttribute('aria-label', settings.label);
    parent.insertBefore(area, before);
    var map = L.map(area, { zoomControl: false, scrollWheelZoom: false, attributionControl: false });
    L.control.zoom({ zoomInTitle: settings.zoomIn, zoomOutTitle: settings.zoomOut }).addTo(map);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addAttribution(escapeHtml(settings.attribution)).addTo(map);
    L.tileLayer(settings.tiles, { maxZoom: 19, subdomains: 'abc' }).addTo(map);
    return map;
  }

  function marker(point, extraClass) {
    return L.marker(point.at, {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({
        className: 'map-marker' + (extraClass ? ' ' + extraClass : '') + (point.approximate ? ' approximate' : ''),
        html: '<span>' + escapeHtml(point.label) + '</span>',
        iconSize: [30, 30],
        iconAnchor: [15, 15],
      }),
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('figure.tour-map[data-map]'), function (figure) {
    var settings;
    try { settings = JSON.parse(figure.getAttribute('data-map')); } catch { return; }
    var drawing = figure.querySelector('svg');
    var map = makeMap(figure, drawing, settings);
    var route = [settings.start.at].concat(settings.points.map(function (p) { return p.at; })).concat([settings.start.at]);
    L.polyline(route, { color: '#1d4f91', weight: 3, interactive: false }).addTo(map);
    marker(settings.start, 'start').addTo(map);
    settings.points.forEach(function (p) { marker(p).addTo(map); });
    map.fitBounds(L.latLngBounds(route), { padding: [30, 30], maxZoom: 15 });
    // The drawing says the same thing: kept for print, hidden on screen.
    if (drawing) drawing.classList.add('map-replaced');
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-pin-map]'), function (box) {
    var form = box.closest('form');
    var settings;
    try { settings = JSON.parse(box.getAttribute('data-pin-map')); } catch { return; }
    if (!form || !form.elements.latitude || !form.elements.longitude) return;
    var lat = form.elements.latitude;
    var lon = form.elements.longitude;
    box.hidden = false;
    var map = makeMap(box, null, settings, 'pin');
    var pin = null;
    var read = function (input) { return Number(String(input.value).trim().replace(',', '.')); };
    var typed = function () {
      var a = read(lat);
      var b = read(lon);
      return lat.value.trim() && lon.value.trim() && Math.abs(a) <= 90 && Math.abs(b) <= 180 ? [a, b] : null;
    };
    var place = function (at) {
      if (pin) pin.setLatLng(at);
      else pin = marker({ at: at, label: '' }, 'pin').addTo(map);
    };
    var first = typed();
    map.setView(first || settings.centre, first ? 16 : 13);
    if (first) place(first);
    map.on('click', function (event) {
      // French decimals, as staff type them; the server reads both.
      lat.value = event.latlng.lat.toFixed(5).replace('.', ',');
      lon.value = event.latlng.lng.toFixed(5).replace('.', ',');
      place([event.latlng.lat, event.latlng.lng]);
    });
    var moved = function () {
      var at = typed();
      if (at) {
        place(at);
        map.panTo(at);
      }
    };
    lat.addEventListener('change', moved);
    lon.addEventListener('change', moved);
  });
})();
