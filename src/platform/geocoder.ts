/**
 * Address search in the French national address base (BAN), through any server that speaks
 * its API: the Géoplateforme (`https://data.geopf.fr/geocodage`, which took over
 * api-adresse.data.gouv.fr), or a self-hosted addok. One call:
 * `GET {base}/search?q=…&limit=5[&citycode=INSEE]`, answered by a GeoJSON FeatureCollection
 * whose features carry `geometry.coordinates` [longitude, latitude] and `properties.label`,
 * `score` (0 to 1), `type` (housenumber, street, locality, municipality) and `citycode`.
 *
 * It never throws: a slow, unreachable or confused server is an outcome the caller shows
 * calmly (the visit then goes to the pin or the commune's centre).
 */
import { z } from 'zod';

export interface AddressCandidate {
  /** [longitude, latitude], WGS 84. */
  location: [number, number];
  label: string;
  score: number;
  type: string | null;
  /** INSEE code of the commune the address is in. */
  citycode: string | null;
}

export type GeocoderFailure = 'timeout' | 'unavailable' | 'bad_response';
export type GeocodeOutcome = { ok: true; candidates: AddressCandidate[] } | { ok: false; reason: GeocoderFailure };

export interface Geocoder {
  search(query: string, options?: { citycode?: string; limit?: number }): Promise<GeocodeOutcome>;
}

const DEFAULT_TIMEOUT_MS = 3_000;

const feature = z.object({
  geometry: z.object({ coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number()) }),
  properties: z.object({
    label: z.string(),
    score: z.number().min(0).max(1),
    type: z.string().optional(),
    citycode: z.string().optional(),
  }),
});
const answer = z.object({ features: z.array(z.unknown()) });

/** A BAN-format geocoder at `baseUrl` (without trailing slash), each call bounded by `timeoutMs`. */
export function banGeocoder(baseUrl: string, options: { timeoutMs?: number } = {}): Geocoder {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async search(query, { citycode, limit = 5 } = {}) {
      const params = new URLSearchParams({ q: query, limit: String(limit) });
      if (citycode) params.set('citycode', citycode);
      let body: unknown;
      try {
        const response = await fetch(`${baseUrl}/search?${params.toString()}`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
        if (!response.ok) return { ok: false, reason: 'unavailable' };
        body = await response.json();
      } catch (error) {
        return { ok: false, reason: isTimeout(error) ? 'timeout' : error instanceof SyntaxError ? 'bad_response' : 'unavailable' };
      }
      const parsed = answer.safeParse(body);
      if (!parsed.success) return { ok: false, reason: 'bad_response' };
      // A feature we cannot read is skipped; the others still count.
      const candidates = parsed.data.features.flatMap((item): AddressCandidate[] => {
        const f = feature.safeParse(item);
        if (!f.success) return [];
        const [lon, lat] = f.data.geometry.coordinates;
        return [{ location: [lon, lat], label: f.data.properties.label, score: f.data.properties.score, type: f.data.properties.type ?? null, citycode: f.data.properties.citycode ?? null }];
      });
      return { ok: true, candidates: candidates.sort((a, b) => b.score - a.score) };
    },
  };
}

/** Whether a fetch failed because its AbortSignal.timeout fired (while waiting or while reading). */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error.name === 'AbortError' && /timeout/i.test(String(error.message))));
}
