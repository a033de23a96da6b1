/** Pieces several navette pages use: tags, the day's label, the tour map drawn as SVG. */
import { communeName } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { TextField, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatDate, formatWallTime } from '../../../ui/format.ts';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { LeftReason, PlannedStop, TourWarning } from '../tour.service.ts';
import type { TravelTimes } from '../travel-times.ts';
import type { RequestView } from '../visit-request.service.ts';
import { MapAssets, tourMapData } from './map.tsx';

export const tk = (prefix: string, value: string | number): MessageKey => `${prefix}.${value}` as MessageKey;
export const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** "jeudi 10 décembre 2026" for a calendar day "2026-12-10". */
export const dayLabel = (date: string) => formatDate(`${date}T12:00:00Z`);

/** "1 h 25" or "40 min" for a number of seconds. */
export function durationLabel(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const m = minutes % 60;
  return m === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${String(m).padStart(2, '0')}`;
}

export function UrgencyTag({ ctx, urgency }: { ctx: ViewContext; urgency: string }) {
  return urgency === 'urgente' ? <span class="tag error">{ctx.t('shuttle.urgency.urgente')}</span> : <span class="tag">{ctx.t('shuttle.urgency.normale')}</span>;
}

export function StatusTag({ ctx, prefix, status }: { ctx: ViewContext; prefix: 'shuttle.status' | 'shuttle.tourStatus'; status: string }) {
  const tone = status === 'pending' || status === 'draft' ? ' warning' : status === 'planned' || status === 'confirmed' ? ' success' : '';
  return <span class={`tag${tone}`}>{ctx.t(tk(prefix, status))}</span>;
}

/**
 * "Monter", "Descendre", "Retirer" for one visit: each a submit button of the form `form`
 * (a POST), its value the move and the request ("up:<id>"). No "Monter" on the first visit,
 * no "Descendre" on the last.
 */
export function OrderButtons({ ctx, form, requestId, name, first, last }: { ctx: ViewContext; form: string; requestId: string; name: string; first: boolean; last: boolean }) {
  const { t } = ctx;
  const who = name || t('shuttle.request.noName');
  return (
    <div class="button-row order-buttons">
      {!first && (
        <button type="submit" class="secondary" form={form} name="move" value={`up:${requestId}`} aria-label={t('shuttle.order.upOf', { name: who })}>
          {t('shuttle.order.up')}
        </button>
      )}
      {!last && (
        <button type="submit" class="secondary" form={form} name="move" value={`down:${requestId}`} aria-label={t('shuttle.order.downOf', { name: who })}>
          {t('shuttle.order.down')}
        </button>
      )}
      <button type="submit" class="secondary" form={form} name="move" value={`remove:${requestId}`} aria-label={t('shuttle.order.removeOf', { name: who })}>
        {t('shuttle.order.remove')}
      </button>
    </div>
  );
}

/** What an order chosen by hand breaks, said before the tour is confirmed or driven. */
export function TourWarnings({ ctx, warnings, stops }: { ctx: ViewContext; warnings: readonly TourWarning[]; stops: readonly PlannedStop[] }) {
  const { t } = ctx;
  if (warnings.length === 0) return null;
  return (
    <div class="notice warning" role="status">
      <h3>{t('shuttle.warn.title')}</h3>
      <ul>
        {warnings.map((w, i) => {
          if (w.type !== 'late') return <li key={i}>{t(tk('shuttle.warn', w.type))}</li>;
          const stop = stops.find((s) => s.request.id === w.requestId);
          const time = stop ? `${formatWallTime(stop.arrival)} – ${formatWallTime(stop.departure)}` : '';
          return <li key={i}>{t('shuttle.warn.late', { name: stop?.request.personName || t('shuttle.request.noName'), time })}</li>;
        })}
      </ul>
    </div>
  );
}

/** Where the proposal's driving times come from; a warning when the OSRM server failed. */
export function TravelNote({ ctx, travel }: { ctx: ViewContext; travel: TravelTimes }) {
  if (travel === 'straight_fallback') return <p class="notice warning">{ctx.t('shuttle.travel.fallback')}</p>;
  return <p class="hint">{ctx.t(travel === 'road' ? 'shuttle.travel.road' : 'shuttle.travel.straight')}</p>;
}

export interface MapPoint {
  location: [number, number];
  /** Shown in the marker: the visit's number. */
  label: string;
  approximate?: boolean;
}

const WIDTH = 640;
const HEIGHT = 400;
const PAD = 28;

/**
 * The day's route on a plain plane (no tiles, no script): longitudes scaled by the cosine of
 * the latitude so that distances look right at our latitudes, north up. The start (the
 * centre) is a square, each visit a numbered disc, dashed when its position is approximate.
 * With map tiles configured and JavaScript on, the drawing gives way to a tiled map of the
 * same points (map.tsx); printed, the drawing comes back.
 */
export function TourMap({ ctx, start, points, title }: { ctx: ViewContext; start: [number, number]; points: MapPoint[]; title: string }) {
  const all = [start, ...points.map((p) => p.location)];
  const lats = all.map((p) => p[1]);
  const meanLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = all.map((p) => p[0] * k);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...lats), Math.max(...lats)];
  const span = Math.max(maxX - minX, maxY - minY, 0.005);
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(maxX - minX, span / 4), (HEIGHT - 2 * PAD) / Math.max(maxY - minY, span / 4));
  const ox = (WIDTH - (maxX - minX) * scale) / 2;
  const oy = (HEIGHT - (maxY - minY) * scale) / 2;
  const at = (p: [number, number]): [number, number] => [Math.round((ox + (p[0] * k - minX) * scale) * 10) / 10, Math.round((HEIGHT - oy - (p[1] - minY) * scale) * 10) / 10];
  const route = [start, ...points.map((p) => p.location), start].map((p) => at(p).join(',')).join(' ');
  const [sx, sy] = at(start);
  return (
    <figure class="tour-map" data-map={tourMapData(ctx, title, start, points)}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="tour-map-title" xmlns="http://www.w3.org/2000/svg">
        <title id="tour-map-title">{title}</title>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#f7f4ef" />
        <polyline points={route} fill="none" stroke="#1d4f91" stroke-width="3" stroke-linejoin="round" />
        <rect x={sx - 11} y={sy - 11} width="22" height="22" fill="#0b0c0c" />
        <text x={sx} y={sy + 5} text-anchor="middle" font-size="14" font-weight="bold" fill="#fff">{ctx.t('shuttle.map.start')}</text>
        {points.map((p) => {
          const [x, y] = at(p.location);
          return (
            <g key={p.label}>
              <circle cx={x} cy={y} r="13" fill="#fff" stroke="#1d4f91" stroke-width="3" stroke-dasharray={p.approximate ? '4 3' : undefined} />
              <text x={x} y={y + 5} text-anchor="middle" font-size="14" font-weight="bold" fill="#0b0c0c">{p.label}</text>
            </g>
          );
        })}
      </svg>
      <figcaption class="hint">{ctx.t('shuttle.map.caption')}</figcaption>
      {ctx.mapTiles && <MapAssets />}
    </figure>
  );
}

/** The car's departure and return fields of a day (`from`, `to`; a week's days add their number). */
export function ShiftFields({ ctx, values, errors, suffix = '' }: { ctx: ViewContext; values: FormValues; errors: FieldErrors; suffix?: string }) {
  const { t } = ctx;
  const from = `from${suffix}`;
  const to = `to${suffix}`;
  return (
    <div class="window-row">
      <TextField ctx={ctx} name={from} type="time" width="short" label={t('shuttle.plan.leave')} value={str(values[from])} error={errors[from]} />
      <TextField ctx={ctx} name={to} type="time" width="short" label={t('shuttle.plan.back')} value={str(values[to])} error={errors[to]} />
    </div>
  );
}

/** The lunch break of a day's or a week's planning: between which hours, and how long. */
export function LunchFields({ ctx, values, errors }: { ctx: ViewContext; values: FormValues; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <fieldset class="field">
      <legend>{t('shuttle.plan.lunch')}</legend>
      <p class="hint">{t('shuttle.plan.lunchHint')}</p>
      <div class="window-row">
        <TextField ctx={ctx} name="lunchFrom" type="time" width="short" label={t('shuttle.plan.lunchFrom')} value={str(values.lunchFrom)} error={errors.lunchFrom} />
        <TextField ctx={ctx} name="lunchTo" type="time" width="short" label={t('shuttle.plan.lunchTo')} value={str(values.lunchTo)} error={errors.lunchTo} />
        <TextField ctx={ctx} name="lunchMinutes" width="short" inputmode="numeric" label={t('shuttle.plan.lunchMinutes')} value={str(values.lunchMinutes)} error={errors.lunchMinutes} />
      </div>
    </fieldset>
  );
}

/** The requests the coordinator left out of a plan, each with its box ticked (untick it and plan again to take it back). */
export function ExcludedRequests({ ctx, excluded, form }: { ctx: ViewContext; excluded: readonly RequestView[]; form: string }) {
  const { t } = ctx;
  if (excluded.length === 0) return null;
  return (
    <>
      <h3>{t('shuttle.plan.excluded')}</h3>
      <ul>
        {excluded.map((r) => (
          <li key={r.id}>
            <label>
              <input class="plan-choice" type="checkbox" form={form} name="exclude" value={r.id} checked /> {r.personName || t('shuttle.request.noName')} ({communeName(r.communeInsee)})
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The requests a plan could not place, each with why. The day's page gives each a box to force
 * it in (`force`: the form it belongs to and those already forced), except a request without a
 * position; the week's page has no such box, and says "not at home" of the days chosen (`notHome`).
 */
export function UnplacedRequests({ ctx, title, left, notHome, force }: {
  ctx: ViewContext;
  title: string;
  left: readonly { request: RequestView; reason: LeftReason }[];
  notHome?: string;
  force?: { form: string; forced: ReadonlySet<string> };
}) {
  const { t } = ctx;
  if (left.length === 0) return null;
  const columns = [t('shuttle.col.person'), t('shuttle.col.commune'), t('shuttle.col.reason')];
  return (
    <>
      <h3>{title}</h3>
      <table>
        <TableHead ctx={ctx} columns={force ? [...columns, t('shuttle.plan.forceIn')] : columns} />
        <tbody>
          {left.map(({ request, reason }) => (
            <tr key={request.id}>
              <td>
                <a href={`/navette/demandes/${request.id}`}>{request.personName || t('shuttle.request.noName')}</a> <UrgencyTag ctx={ctx} urgency={request.urgency} />
              </td>
              <td>{communeName(request.communeInsee)}</td>
              <td>{reason === 'not_home' && notHome !== undefined ? notHome : t(tk('shuttle.reason', reason))}</td>
              {force && (
                <td>
                  {reason !== 'no_location' && (
                    <input class="plan-choice" type="checkbox" form={force.form} name="force" value={request.id} checked={force.forced.has(request.id)} aria-label={t('shuttle.plan.forceInOf', { name: request.personName })} />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
