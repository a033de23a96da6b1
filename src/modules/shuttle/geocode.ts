/**
 * Where a new visit request is placed (no database, one outside call at most): the pin staff
 * gave; else, with a geocoder, the best match for the address in the request's commune when
 * its score reaches MIN_SCORE; else nowhere (the tour then uses the commune's centre). What
 * happened is told to staff in French (`geocoding`), never as an error.
 */
import type { Geocoder } from '../../platform/geocoder.ts';
import type { RoadTimes } from '../../platform/road-times.ts';

/** The navette's outside services, each absent when not configured. */
export interface NavetteGeo {
  geocoder: Geocoder | null;
  roads: RoadTimes | null;
}

/**
 * - `pin`: staff gave the position; `found`: the address was found;
 * - `not_found`: the geocoder found nothing good enough in the commune; `unavailable`: it did not answer;
 * - `no_address`: nothing to look up; `off`: no geocoder configured.
 */
export type Geocoding = 'pin' | 'found' | 'not_found' | 'unavailable' | 'no_address' | 'off';

/** Below this BAN score a match is more likely another street than the person's home. */
export const MIN_SCORE = 0.5;

export interface Placement {
  location: [number, number] | null;
  source: 'pin' | 'geocoder' | null;
  score: number | null;
  geocoding: Geocoding;
}

export async function placeRequest(geocoder: Geocoder | null, input: { address?: string | null; location?: [number, number] | null }, communeInsee: string): Promise<Placement> {
  if (input.location) return { location: input.location, source: 'pin', score: null, geocoding: 'pin' };
  const address = input.address?.trim() ?? '';
  if (!geocoder) return { location: null, source: null, score: null, geocoding: 'off' };
  // The BAN wants at least 3 characters; fewer is no address to look up.
  if (address.length < 3) return { location: null, source: null, score: null, geocoding: 'no_address' };
  const outcome = await geocoder.search(address, { citycode: communeInsee, limit: 5 });
  if (!outcome.ok) return { location: null, source: null, score: null, geocoding: 'unavailable' };
  const best = outcome.candidates.find((c) => c.score >= MIN_SCORE && (c.citycode === null || c.citycode === communeInsee));
  if (!best) return { location: null, source: null, score: null, geocoding: 'not_found' };
  return { location: best.location, source: 'geocoder', score: Math.round(best.score * 100) / 100, geocoding: 'found' };
}
