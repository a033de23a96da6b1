import { createRequire } from 'node:module';
import { compareFrench, foldText } from './text.ts';

/**
 * French communes from the official INSEE list (@etalab/decoupage-administratif), with the
 * EPCI (communauté de communes / d'agglomération) each belongs to. Loaded once, lazily.
 */
export interface Commune {
  code: string;
  name: string;
  postalCodes: string[];
  departement: string;
  epciCode: string | null;
  population: number | null;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}
interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

const require = createRequire(import.meta.url);
let byCode: Map<string, Commune> | undefined;
let epciNames: Map<string, string> | undefined;
let byFoldedName: Map<string, Commune[]> | undefined;

function load(): Map<string, Commune> {
  if (byCode) return byCode;
  const raw = require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[];
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as RawEpci[];
  const epciOf = new Map<string, string>();
  epciNames = new Map(epcis.map((e) => [e.code, e.nom]));
  for (const epci of epcis) {
    for (const member of epci.membres) epciOf.set(member.code, epci.code);
  }
  byCode = new Map();
  byFoldedName = new Map();
  for (const c of raw) {
    if (c.type !== 'commune-actuelle') continue;
    const commune: Commune = {
      code: c.code,
      name: c.nom,
      postalCodes: c.codesPostaux ?? [],
      departement: c.departement ?? c.code.slice(0, 2),
      epciCode: epciOf.get(c.code) ?? null,
      population: c.population ?? null,
    };
    byCode.set(c.code, commune);
    const key = foldText(c.nom);
    byFoldedName.set(key, [...(byFoldedName.get(key) ?? []), commune]);
  }
  return byCode;
}

export function communeByCode(code: string | null | undefined): Commune | undefined {
  return code ? load().get(code) : undefined;
}

export function communeName(code: string | null | undefined): string {
  return communeByCode(code)?.name ?? '';
}

/** "Cambrai (59400)": how a commune is shown and typed back in forms. */
export function communeLabel(commune: Commune): string {
  return commune.postalCodes[0] ? `${commune.name} (${commune.postalCodes[0]})` : commune.name;
}

/** The name of a community of communes (EPCI) by its SIREN code, or the code itself when unknown. */
export function epciName(epciCode: string): string {
  load();
  return epciNames!.get(epciCode) ?? epciCode;
}

export function communesOfEpci(epciCode: string): Commune[] {
  return [...load().values()].filter((c) => c.epciCode === epciCode).sort((a, b) => compareFrench(a.name, b.name));
}

/**
 * Resolves what a person typed: an INSEE code, "Name (postal code)", a postal code alone
 * when it serves one commune, or a name. Answers every candidate: one means found, several
 * means the user must choose, none means unknown.
 */
export function findCommunes(input: string): Commune[] {
  const all = load();
  const text = input.trim();
  if (!text) return [];
  if (/^(\d{5}|2[AB]\d{3})$/i.test(text) && all.has(text.toUpperCase())) return [all.get(text.toUpperCase())!];
  const withPostal = /^(.*?)\s*\((\d{5})\)\s*$/.exec(text);
  const name = foldText(withPostal ? withPostal[1]! : text);
  const postal = withPostal?.[2] ?? (/^\d{5}$/.test(text) ? text : undefined);
  if (!withPostal && postal) return [...all.values()].filter((c) => c.postalCodes.includes(postal));
  const candidates = byFoldedName!.get(name) ?? [];
  return postal ? candidates.filter((c) => c.postalCodes.includes(postal)) : candidates;
}

/** Communes whose name starts with the typed text (for the progressive-enhancement picker). */
export function searchCommunes(prefix: string, limit = 10): Commune[] {
  const folded = foldText(prefix);
  if (folded.length < 2) return [];
  const out: Commune[] = [];
  for (const commune of load().values()) {
    if (foldText(commune.name).startsWith(folded)) out.push(commune);
  }
  return out.sort((a, b) => (b.population ?? 0) - (a.population ?? 0)).slice(0, limit);
}

/** What typed commune text resolves to: nothing typed, one commune, none, or several to choose from. */
export type CommuneResolution =
  | { kind: 'empty' }
  | { kind: 'found'; commune: Commune }
  | { kind: 'unknown' }
  | { kind: 'ambiguous'; candidates: Commune[] };

/** What settles homonyms ("Naves" exists in several departements). */
export interface CommuneHints {
  /** The postal code typed beside the commune: keeps the homonyms that have it, if any do. */
  postalCode?: string | null;
  /** INSEE codes of the centre's own area: settles homonyms when exactly one of them is there. */
  nearby?: ReadonlySet<string>;
}

/**
 * The one way typed commune text becomes a commune, for forms, the API and the CLI alike
 * (each says "unknown" or "choose among" in its own words). See findCommunes for what may be typed.
 */
export function resolveCommune(input: string | null | undefined, hints: CommuneHints = {}): CommuneResolution {
  const text = input?.trim();
  if (!text) return { kind: 'empty' };
  let candidates = findCommunes(text);
  if (candidates.length === 0) return { kind: 'unknown' };
  const postalCode = hints.postalCode?.trim();
  if (candidates.length > 1 && postalCode) {
    const withPostal = candidates.filter((c) => c.postalCodes.includes(postalCode));
    if (withPostal.length > 0) candidates = withPostal;
  }
  const nearby = hints.nearby;
  if (candidates.length > 1 && nearby) {
    const local = candidates.filter((c) => nearby.has(c.code));
    if (local.length === 1) candidates = local;
  }
  return candidates.length === 1 ? { kind: 'found', commune: candidates[0]! } : { kind: 'ambiguous', candidates };
}
