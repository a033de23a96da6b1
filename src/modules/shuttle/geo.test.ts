import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { parisDate } from '../../platform/time.ts';
import { apiToken, createCentre, createTestApp, signIn, type Client, type TestApp } from '../../../tests/support/app.ts';
import { nextThursday } from './shuttle.fixtures.ts';

/**
 * The navette with its outside services configured (GEOCODER_URL, OSRM_URL, MAP_TILES_URL),
 * both played by one small HTTP server started here (answering like the national address base
 * and like OSRM, or badly): requests placed from their address, tours planned on road times,
 * calm fallbacks, and the tiled map's files and page data.
 */
type Reply = (request: IncomingMessage, response: ServerResponse) => void;
const json = (body: unknown, status = 200): Reply => (_q, r) => {
  r.writeHead(status, { 'content-type': 'application/json' });
  r.end(JSON.stringify(body));
};
const found = (score: number, citycode = '59389') => json({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [3.20831, 50.11472] }, properties: { label: '4 Rue Haute 59241 Masnières', score, type: 'housenumber', citycode } }],
});
/** OSRM's table for n places: 900 s between any two different places. */
const table: Reply = (request, response) => {
  const places = decodeURIComponent(new URL(request.url!, 'http://x').pathname.split('/').pop()!).split(';').length;
  json({ code: 'Ok', durations: Array.from({ length: places }, (_, i) => Array.from({ length: places }, (_, j) => (i === j ? 0 : 900))) })(request, response);
};

let server: Server;
let base: string;
let geocoder: Reply = found(0.87);
let osrm: Reply = table;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(request.url ?? '');
    (request.url?.startsWith('/ban/') ? geocoder : osrm)(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const TILES = 'https://{s}.tuiles.exemple.fr/{z}/{x}/{y}.png';

describe('navette with a geocoder, OSRM and map tiles', () => {
  let t: TestApp;
  let centreId: string;
  let staff: Client;
  let marcel: string;

  beforeAll(async () => {
    t = await createTestApp({ GEOCODER_URL: `${base}/ban/`, OSRM_URL: `${base}/osrm`, MAP_TILES_URL: TILES, MAP_TILES_ATTRIBUTION: '© <b>Tuiles</b> de test' });
    centreId = await createCentre(t.app, 'navette-geo', 'Centre social de la carte');
    const person = await t.app.services.people.create(systemActor(centreId), {
      firstName: 'Marcel', lastName: 'Caron', phone: '06 22 33 44 55', commune: '59389', consents: { data_processing: true }, confirmNotDuplicate: true,
    } as Parameters<typeof t.app.services.people.create>[1]);
    marcel = person.id;
    staff = await signIn(t.app, centreId, 'coordinator');
  });
  afterAll(() => t.close());

  const form = (extra: Record<string, string> = {}) => ({
    personId: marcel, commune: 'Masnières', address: '4 rue Haute', latitude: '', longitude: '', problem: 'Veut appeler ses petits-enfants en vidéo', theme: 'email',
    urgency: 'normale', weekday1: '4', from1: '09:00', to1: '17:00', notes: '', durationMinutes: '45', ...extra,
  });
  const rowOf = (id: string) => t.app.ctx.kysely.selectFrom('shuttleVisitRequests').select(['longitude', 'latitude', 'locationSource', 'geocodeScore']).where('id', '=', id).executeTakeFirstOrThrow();
  const saved = async (extra: Record<string, string> = {}) => {
    const response = await staff.post('/navette/demandes/nouvelle?q=Marcel', form(extra));
    expect(response.statusCode, response.body).toBe(303);
    const location = String(response.headers.location);
    return { id: location.split('/').pop()!, page: (await staff.get(location)).body };
  };

  it('places a request typed without a pin from its address in its commune, keeps the score and says so', async () => {
    geocoder = found(0.87);
    asked.length = 0;
    const { id, page } = await saved();
    const search = new URL(asked.find((u) => u.startsWith('/ban/'))!, base);
    expect(search.pathname).toBe('/ban/search');
    expect(Object.fromEntries(search.searchParams)).toEqual({ q: '4 rue Haute', limit: '5', citycode: '59389' });
    expect(page).toContain('Demande enregistrée. Le domicile est placé d’après l’adresse.');
    expect(page).toContain('50,11472, 3,20831 (trouvée d’après l’adresse, fiabilité 87 %)');
    const row = await rowOf(id);
    expect(row).toMatchObject({ locationSource: 'geocoder' });
    expect(row.longitude).toBeCloseTo(3.20831, 4);
    expect(row.latitude).toBeCloseTo(50.11472, 4);
    expect(row.geocodeScore).toBeCloseTo(0.87, 4);
    await t.app.services.shuttle.requests.cancel(systemActor(centreId), id);
  });

  it('keeps the pin staff gave, without asking the address base', async () => {
    asked.length = 0;
    const { id, page } = await saved({ latitude: '50,1170', longitude: '3,2110' });
    expect(asked.filter((u) => u.startsWith('/ban/'))).toEqual([]);
    expect(page).toContain('(indiquée par l’équipe)');
    expect(await rowOf(id)).toMatchObject({ locationSource: 'pin', geocodeScore: null });
    await t.app.services.shuttle.requests.cancel(systemActor(centreId), id);
  });

  it('still saves the request, at the commune centre, when the address is unsure, elsewhere, refused or garbled — and says why in French', async () => {
    for (const [reply, message] of [
      [found(0.31), 'L’adresse n’a pas été trouvée dans cette commune'],
      [found(0.95, '59122'), 'L’adresse n’a pas été trouvée dans cette commune'],
      [json({ code: 503, message: 'indisponible' }, 503), 'Le service des adresses n’a pas répondu'],
      [(_q: IncomingMessage, r: ServerResponse) => r.end('<html>maintenance</html>'), 'Le service des adresses n’a pas répondu'],
    ] as const) {
      geocoder = reply;
      const { id, page } = await saved();
      expect(page).toContain(message);
      expect(page).toContain('Pas de position : centre de la commune');
      expect(await rowOf(id)).toEqual({ longitude: null, latitude: null, locationSource: null, geocodeScore: null });
      await t.app.services.shuttle.requests.cancel(systemActor(centreId), id);
    }
  });

  it('answers the API 201 with geocoding "unavailable" when the address base does not answer in time', async () => {
    geocoder = () => undefined; // never answers: the 3-second limit ends the wait
    const api = await apiToken(t.app, centreId, 'coordinator');
    const started = Date.now();
    const response = await api('POST', '/api/v1/shuttle/requests', {
      personId: marcel, commune: '59389', address: '4 rue Haute', problem: 'Tablette bloquée', theme: 'prendre_en_main_du_materiel', availability: [{ weekday: 4, from: '09:00', to: '12:00' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(response.json()).toMatchObject({ location: null, locationSource: null, geocodeScore: null, geocoding: 'unavailable' });
    await t.app.services.shuttle.requests.cancel(systemActor(centreId), response.json().id);
    geocoder = found(0.87);
  }, 15_000);

  it('plans on OSRM road times, and falls back to the straight line with a warning when OSRM fails', async () => {
    geocoder = found(0.87);
    const system = systemActor(centreId);
    const base = { personId: marcel, commune: '59389', address: null, problem: 'Aide', theme: 'email' as const, urgency: 'normale' as const, availability: [{ weekday: 4, from: '09:00', to: '17:00' }], notes: null, durationMinutes: 45 };
    await t.app.services.shuttle.requests.create(system, { ...base, location: [3.2083, 50.1147] });
    await t.app.services.shuttle.requests.create(system, { ...base, location: [3.1753, 50.1211] });
    const thursday = nextThursday(parisDate(t.clock.now()));
    const day = `/navette/planifier?date=${thursday}&from=08:30&to=17:30&lunchMinutes=0`;

    osrm = table;
    asked.length = 0;
    const road = await staff.get(day);
    expect(road.statusCode).toBe(200);
    // Three legs of 900 s: centre → 1 → 2 → centre (the straight line would say 28 min).
    expect(road.body).toContain('2 visites');
    expect(road.body).toContain('45 min de route');
    expect(road.body).toContain('Temps de route calculés sur les routes.');
    const call = decodeURIComponent(asked.find((u) => u.startsWith('/osrm/'))!);
    expect(call).toMatch(/^\/osrm\/table\/v1\/driving\/3\.2351,50\.1758;(3\.2083,50\.1147;3\.1753,50\.1211|3\.1753,50\.1211;3\.2083,50\.1147)\?annotations=duration$/);
    const api = await apiToken(t.app, centreId, 'coordinator');
    const planned = await api('POST', '/api/v1/shuttle/day-plan', { date: thursday, start: [3.2351, 50.1758], lunch: null });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json()).toMatchObject({ travelTimes: 'road', solution: { summary: { cost: 2700 } } });

    osrm = json({ code: 'InvalidQuery', message: 'Query string malformed' }, 400);
    const fallback = await staff.get(day);
    expect(fallback.statusCode).toBe(200);
    expect(fallback.body).toContain('2 visites');
    expect(fallback.body).toContain('Le service des temps de route n’a pas répondu');
    expect(fallback.body).not.toContain('45 min de route');
    expect((await api('POST', '/api/v1/shuttle/day-plan', { date: thursday, start: [3.2351, 50.1758], lunch: null })).json()).toMatchObject({ travelTimes: 'straight_fallback' });
    osrm = table;
  });

  it('serves Leaflet and the map script from our own address, and lets only the tile host into img-src', async () => {
    const page = await staff.get('/navette/demandes/nouvelle?q=Marcel');
    expect(page.body).toContain('data-pin-map=');
    expect(page.body).toContain('<script src="/static/leaflet/leaflet.js" defer>');
    expect(page.body).toContain('nous cherchons l’adresse dans la commune');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' data: https://*.tuiles.exemple.fr;");
    expect(csp).toContain("script-src 'self';");

    const plan = await staff.get(`/navette/planifier?date=${nextThursday(parisDate(t.clock.now()))}&from=08:30&to=17:30&lunchMinutes=0`);
    const data = /<figure class="tour-map" data-map="([^"]+)"/.exec(plan.body)?.[1];
    const map = JSON.parse(data!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
    expect(map).toMatchObject({ tiles: TILES, attribution: '© <b>Tuiles</b> de test', zoomIn: 'Zoom avant', start: { at: [50.1758, 3.2351], label: 'C' } });
    expect(map.points.map((p: { label: string }) => p.label)).toEqual(['1', '2']);
    expect(plan.body).toContain('<svg'); // the drawing stays for print and without JavaScript

    const script = await staff.get('/static/leaflet/leaflet.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain('Leaflet 1.9.4');
    expect((await staff.get('/static/leaflet/leaflet.css')).body).toContain('.leaflet-container');
    const icon = await staff.get('/static/leaflet/images/marker-icon.png');
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await staff.get('/static/leaflet/images/..%2F..%2Fpackage.json')).statusCode).toBe(404);
    expect((await staff.get('/static/navette/carte.js')).body).toContain('data-pin-map');
  });
});

describe('navette without outside services', () => {
  let t: TestApp;
  let staff: Client;

  beforeAll(async () => {
    t = await createTestApp();
    const centreId = await createCentre(t.app, 'navette-sans', 'Centre social sans carte');
    const person = await t.app.services.people.create(systemActor(centreId), {
      firstName: 'Lucienne', lastName: 'Dufour', commune: '59389', consents: { data_processing: true }, confirmNotDuplicate: true,
    } as Parameters<typeof t.app.services.people.create>[1]);
    await t.app.services.shuttle.requests.create(systemActor(centreId), {
      personId: person.id, commune: '59389', address: '4 rue Haute', location: null, problem: 'Aide', theme: 'email', urgency: 'normale',
      availability: [{ weekday: 4, from: '09:00', to: '17:00' }], notes: null, durationMinutes: 45,
    });
    staff = await signIn(t.app, centreId, 'coordinator');
  });
  afterAll(() => t.close());

  it('draws the plan without tiles or Leaflet, estimates times in a straight line, and keeps img-src to our own address', async () => {
    const page = await staff.get('/navette/demandes/nouvelle?q=Lucienne');
    expect(page.body).toContain('name="latitude"');
    expect(page.body).not.toContain('data-pin-map');
    expect(String(page.headers['content-security-policy'])).toContain("img-src 'self' data:;");
    const plan = await staff.get(`/navette/planifier?date=${nextThursday(parisDate(t.clock.now()))}&from=08:30&to=17:30&lunchMinutes=0`);
    expect(plan.body).toContain('1 visite');
    expect(plan.body).toContain('<svg');
    expect(plan.body).toContain('Temps de route estimés à vol d’oiseau');
    expect(plan.body).not.toContain('leaflet');
    expect(plan.body).not.toContain('data-map');
  });
});
