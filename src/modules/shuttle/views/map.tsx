/**
 * The tiled maps of the navette (only when MAP_TILES_URL is set): the data a map needs, written
 * into the page for /static/navette/carte.js, and the files it loads (Leaflet, from our own
 * address). Without JavaScript, or without tiles, nothing here appears: the SVG drawing and the
 * lists stay the page's content, and the pin is typed in its two fields.
 */
import type { ViewContext } from '../../../ui/view-context.ts';
import { communeCentre } from '../commune-centres.ts';

/** Leaflet's stylesheet and script, then ours (deferred: they run in this order, after the page). */
export function MapAssets() {
  return (
    <>
      <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
      <script src="/static/leaflet/leaflet.js" defer />
      <script src="/static/navette/carte.js" defer />
    </>
  );
}

interface Marker {
  /** [latitude, longitude], Leaflet's order. */
  at: [number, number];
  label: string;
  approximate?: boolean;
}

/** What the tour map's script reads from `data-map`: tiles, words, the centre and the numbered visits in order. */
export function tourMapData(ctx: ViewContext, title: string, start: [number, number], points: { location: [number, number]; label: string; approximate?: boolean }[]): string | undefined {
  if (!ctx.mapTiles) return undefined;
  const { t } = ctx;
  const markers: Marker[] = points.map((p) => ({ at: [p.location[1], p.location[0]], label: p.label, approximate: Boolean(p.approximate) }));
  return JSON.stringify({
    tiles: ctx.mapTiles.url,
    attribution: ctx.mapTiles.attribution,
    label: t('shuttle.map.region', { title }),
    zoomIn: t('shuttle.map.zoomIn'),
    zoomOut: t('shuttle.map.zoomOut'),
    start: { at: [start[1], start[0]], label: t('shuttle.map.start') } satisfies Marker,
    points: markers,
  });
}

/**
 * The request form's map: a click fills the latitude and longitude fields. Hidden until the
 * script shows it; centred on the centre's commune (or on the pin already typed).
 */
export function PinMap({ ctx }: { ctx: ViewContext }) {
  if (!ctx.mapTiles) return null;
  const { t } = ctx;
  const centre = (ctx.centre?.communeInsee ? communeCentre(ctx.centre.communeInsee) : null) ?? [2.35, 48.85];
  const data = JSON.stringify({
    tiles: ctx.mapTiles.url,
    attribution: ctx.mapTiles.attribution,
    label: t('shuttle.map.pinRegion'),
    zoomIn: t('shuttle.map.zoomIn'),
    zoomOut: t('shuttle.map.zoomOut'),
    centre: [centre[1], centre[0]],
  });
  return (
    <div class="pin-map" data-pin-map={data} hidden>
      <p class="hint">{t('shuttle.map.pinHint')}</p>
      <MapAssets />
    </div>
  );
}
