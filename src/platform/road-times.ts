/**
 * Driving times between places from an OSRM server's table service: one call,
 * `GET {base}/table/v1/driving/{lon,lat;lon,lat;…}?annotations=duration`, answered by
 * `{ code: "Ok", durations: [[seconds…]…] }` (row i: from place i to each place). A pair with
 * no road between them comes back as null.
 *
 * It never throws: a slow, unreachable or confused server is an outcome, so that the caller
 * falls back to its straight-line estimate and says so.
 */
import { z } from 'zod';
import { isTimeout } from './geocoder.ts';

export type RoadTimesFailure = 'timeout' | 'unavailable' | 'bad_response' | 'no_route';
export type RoadTimesOutcome = { ok: true; durations: number[][] } | { ok: false; reason: RoadTimesFailure };

export interface RoadTimes {
  /** Seconds from each place to each place, places as [longitude, latitude]. */
  table(places: readonly (readonly [number, number])[]): Promise<RoadTimesOutcome>;
}

const DEFAULT_TIMEOUT_MS = 4_000;

const answer = z.object({ code: z.string(), durations: z.array(z.array(z.number().min(0).nullable())).optional() });

const coordinate = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** An OSRM server at `baseUrl` (without trailing slash), each call bounded by `timeoutMs`. */
export function osrmRoadTimes(baseUrl: string, options: { timeoutMs?: number } = {}): RoadTimes {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async table(places) {
      const path = places.map(([lon, lat]) => `${coordinate(lon)},${coordinate(lat)}`).join(';');
      let body: unknown;
      try {
        const response = await fetch(`${baseUrl}/table/v1/driving/${path}?annotations=duration`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
        if (!response.ok) return { ok: false, reason: 'unavailable' };
        body = await response.json();
      } catch (error) {
        return { ok: false, reason: isTimeout(error) ? 'timeout' : error instanceof SyntaxError ? 'bad_response' : 'unavailable' };
      }
      const parsed = answer.safeParse(body);
      if (!parsed.success || parsed.data.code !== 'Ok' || !parsed.data.durations) return { ok: false, reason: parsed.success && parsed.data.code !== 'Ok' ? 'unavailable' : 'bad_response' };
      const rows = parsed.data.durations;
      if (rows.length !== places.length || rows.some((row) => row.length !== places.length)) return { ok: false, reason: 'bad_response' };
      if (rows.some((row) => row.some((d) => d === null))) return { ok: false, reason: 'no_route' };
      return { ok: true, durations: rows.map((row) => row.map((d) => Math.round(d!))) };
    },
  };
}
