import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, tilesOrigin } from '../config.ts';
import { banGeocoder } from './geocoder.ts';
import { osrmRoadTimes } from './road-times.ts';

/**
 * The two outside services of the navette, against a small HTTP server started here that answers
 * like them (or badly, or too slowly): what we send, what we read back, and that nothing throws.
 */
type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler = (_q, r) => r.end();
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.url ?? '');
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (body: unknown, status = 200): Handler => (_q, r) => {
  r.writeHead(status, { 'content-type': 'application/json' });
  r.end(JSON.stringify(body));
};
const ban = (features: unknown[]) => json({ type: 'FeatureCollection', version: 'draft', features, attribution: 'BAN', licence: 'ETALAB-2.0', query: 'x', limit: 5 });
const point = (lon: number, lat: number, label: string, score: number, citycode = '59389') => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { label, score, type: 'housenumber', citycode, city: 'Masnières', id: '59389_0150_00004' },
});

describe('geocoder (BAN format)', () => {
  it('asks /search with the words, the limit and the commune, and reads the candidates best first', async () => {
    handler = ban([point(3.2101, 50.1162, '4 Rue du Calvaire 59241 Masnières', 0.71), point(3.2083, 50.1149, '4 Rue Haute 59241 Masnières', 0.93)]);
    seen.length = 0;
    const outcome = await banGeocoder(base).search('4 rue Haute', { citycode: '59389' });
    const asked = new URL(seen[0]!, base);
    expect(asked.pathname).toBe('/search');
    expect(Object.fromEntries(asked.searchParams)).toEqual({ q: '4 rue Haute', limit: '5', citycode: '59389' });
    expect(outcome).toEqual({
      ok: true,
      candidates: [
        { location: [3.2083, 50.1149], label: '4 Rue Haute 59241 Masnières', score: 0.93, type: 'housenumber', citycode: '59389' },
        { location: [3.2101, 50.1162], label: '4 Rue du Calvaire 59241 Masnières', score: 0.71, type: 'housenumber', citycode: '59389' },
      ],
    });
  });

  it('answers no candidate for an unknown address, and skips a feature it cannot read', async () => {
    handler = ban([]);
    expect(await banGeocoder(base).search('nulle part')).toEqual({ ok: true, candidates: [] });
    handler = ban([{ type: 'Feature', geometry: { coordinates: [500, 2] }, properties: { label: 'hors du monde', score: 0.9 } }, point(3.2, 50.1, 'ici', 0.8)]);
    const outcome = await banGeocoder(base).search('ici');
    expect(outcome.ok && outcome.candidates.map((c) => c.label)).toEqual(['ici']);
  });

  it('says unavailable, bad_response or timeout instead of throwing', async () => {
    handler = json({ code: 400, message: 'q must contain at least 3 chars' }, 400);
    expect(await banGeocoder(base).search('a')).toEqual({ ok: false, reason: 'unavailable' });
    handler = (_q, r) => r.end('<html>maintenance</html>');
    expect(await banGeocoder(base).search('4 rue Haute')).toEqual({ ok: false, reason: 'bad_response' });
    handler = json({ type: 'FeatureCollection', features: 'none' });
    expect(await banGeocoder(base).search('4 rue Haute')).toEqual({ ok: false, reason: 'bad_response' });
    handler = () => undefined; // never answers
    const started = Date.now();
    expect(await banGeocoder(base, { timeoutMs: 200 }).search('4 rue Haute')).toEqual({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await banGeocoder('http://127.0.0.1:9').search('4 rue Haute')).toEqual({ ok: false, reason: 'unavailable' });
  });
});

describe('road times (OSRM table service)', () => {
  const places: [number, number][] = [[3.2083, 50.1147], [3.1753, 50.1211], [3.2351, 50.1758]];

  it('asks the table of durations between the places in order, and reads whole seconds', async () => {
    handler = json({ code: 'Ok', durations: [[0, 412.3, 905.9], [420.1, 0, 1010], [899.5, 1003.2, 0]], sources: [], destinations: [] });
    seen.length = 0;
    expect(await osrmRoadTimes(base).table(places)).toEqual({ ok: true, durations: [[0, 412, 906], [420, 0, 1010], [900, 1003, 0]] });
    const asked = new URL(seen[0]!, base);
    expect(decodeURIComponent(asked.pathname)).toBe('/table/v1/driving/3.2083,50.1147;3.1753,50.1211;3.2351,50.1758');
    expect(asked.searchParams.get('annotations')).toBe('duration');
  });

  it('says no_route, unavailable, bad_response or timeout instead of throwing', async () => {
    handler = json({ code: 'Ok', durations: [[0, null, 1], [1, 0, 1], [1, 1, 0]] });
    expect(await osrmRoadTimes(base).table(places)).toEqual({ ok: false, reason: 'no_route' });
    handler = json({ code: 'TooBig', message: 'Too many table coordinates' }, 400);
    expect(await osrmRoadTimes(base).table(places)).toEqual({ ok: false, reason: 'unavailable' });
    handler = json({ code: 'Ok', durations: [[0, 1], [1, 0]] });
    expect(await osrmRoadTimes(base).table(places)).toEqual({ ok: false, reason: 'bad_response' });
    handler = (_q, r) => r.end('not json');
    expect(await osrmRoadTimes(base).table(places)).toEqual({ ok: false, reason: 'bad_response' });
    handler = () => undefined;
    expect(await osrmRoadTimes(base, { timeoutMs: 200 }).table(places)).toEqual({ ok: false, reason: 'timeout' });
    expect(await osrmRoadTimes('http://127.0.0.1:9').table(places)).toEqual({ ok: false, reason: 'unavailable' });
  });
});

describe('their settings (GEOCODER_URL, OSRM_URL, MAP_TILES_URL)', () => {
  it('reads the addresses, drops a trailing slash, and refuses what is not http(s) in French', () => {
    const config = loadConfig({ NODE_ENV: 'test', GEOCODER_URL: 'https://data.geopf.fr/geocodage/', OSRM_URL: 'http://osrm.interne:5000', MAP_TILES_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' });
    expect(config.geocoderUrl).toBe('https://data.geopf.fr/geocodage');
    expect(config.osrmUrl).toBe('http://osrm.interne:5000');
    expect(config.mapTiles).toEqual({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© les contributeurs d’OpenStreetMap' });
    const none = loadConfig({ NODE_ENV: 'test' });
    expect([none.geocoderUrl, none.osrmUrl, none.mapTiles]).toEqual([undefined, undefined, undefined]);
    expect(() => loadConfig({ NODE_ENV: 'test', OSRM_URL: 'osrm.interne' })).toThrow(/OSRM_URL invalide/);
    expect(() => loadConfig({ NODE_ENV: 'test', GEOCODER_URL: 'ftp://adresses' })).toThrow(/GEOCODER_URL invalide/);
    expect(() => loadConfig({ NODE_ENV: 'test', MAP_TILES_URL: 'https://tiles.exemple.fr/carte.png' })).toThrow(/MAP_TILES_URL invalide/);
    expect(() => loadConfig({ NODE_ENV: 'test', MAP_TILES_URL: 'javascript:{z}{x}{y}' })).toThrow(/MAP_TILES_URL invalide/);
  });

  it('names the tile host for the Content-Security-Policy, subdomains as a wildcard', () => {
    expect(tilesOrigin('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tilesOrigin('https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png')).toBe('https://*.tile.openstreetmap.fr');
    expect(tilesOrigin('http://127.0.0.1:8080/tuiles/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:8080');
  });
});
