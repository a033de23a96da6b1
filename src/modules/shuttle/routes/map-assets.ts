// The navette's tiled maps, served from our own address: Leaflet (its script, stylesheet and
// images, from the leaflet package) and our map script. No page loads them without MAP_TILES_URL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../platform/errors.ts';

const require = createRequire(import.meta.url);
const LEAFLET_DIST = path.dirname(require.resolve('leaflet/dist/leaflet.js'));
const IMAGES = ['layers.png', 'layers-2x.png', 'marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png'];
// A day: Leaflet's files change only with the package (a new version comes with a restart).
const CACHE = 'public, max-age=86400';
const open = { config: { access: 'public' as const }, schema: { hide: true } };

export function registerMapAssets(app: FastifyInstance): void {
  const script = readFileSync(path.join(LEAFLET_DIST, 'leaflet.js'), 'utf8');
  const css = readFileSync(path.join(LEAFLET_DIST, 'leaflet.css'), 'utf8');
  const images = new Map(IMAGES.map((name) => [name, readFileSync(path.join(LEAFLET_DIST, 'images', name))]));
  const ours = readFileSync(new URL('../client/carte.js', import.meta.url), 'utf8');

  app.get('/static/leaflet/leaflet.js', open, async (_request, reply) => reply.header('cache-control', CACHE).type('text/javascript; charset=utf-8').send(script));
  app.get('/static/leaflet/leaflet.css', open, async (_request, reply) => reply.header('cache-control', CACHE).type('text/css; charset=utf-8').send(css));
  app.get('/static/leaflet/images/*', open, async (request, reply) => {
    const image = images.get((request.params as { '*': string })['*']);
    if (!image) throw notFound();
    return reply.header('cache-control', CACHE).type('image/png').send(image);
  });
  app.get('/static/navette/carte.js', open, async (_request, reply) => reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(ours));
}
