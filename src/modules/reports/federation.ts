/**
 * A federation's figures, from its centres' (no I/O). Rules owned here:
 * - each centre's figures are the centre's report (figures.ts), counted the one way;
 * - a person is a file of one centre: someone who went to two centres has two files and is
 *   counted once in each, so the federation's persons — in total and in every row — are the
 *   sum of its centres' (persons reached, unique per centre); accompaniments and workshop
 *   hours add up likewise;
 * - what leaves the centres is anonymous: persons by month, centre, age bracket, gender and
 *   EPCI, each breakdown with its cells under 5 persons gathered (gatherSmallCells), the
 *   gathered rows' accompaniments and hours added to the gathered row; a total of persons
 *   under 5 is masked. No id of a person, a site or an activity is in it.
 */
import { gatherSmallCells, masked, OTHER_ROWS, type Dimension, type Figures, type Row } from './figures.ts';

export const FEDERATION_DIMENSIONS = ['month', 'centre', 'ageBracket', 'gender', 'epci'] as const;
export type FederationDimension = (typeof FEDERATION_DIMENSIONS)[number];

/** The breakdowns of a centre's figures that the federation shows (the others name its sites, activities…). */
export const FROM_CENTRES = ['month', 'ageBracket', 'gender', 'epci'] as const satisfies readonly Dimension[];

export interface FederationRow {
  /** A month "2026-03", a centre's id, an age bracket, a gender, an EPCI's SIREN, or "other" (gathered cells). */
  key: string;
  /** null: under 5 persons (only when the whole breakdown is). */
  persons: number | null;
  accompaniments: number;
  workshopHours: number | null;
}

export interface FederationFigures {
  totals: { persons: number | null; accompaniments: number; sessions: number; participations: number; workshopHours: number };
  by: Record<FederationDimension, FederationRow[]>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Rows of several centres with the same key added up (persons of different centres are different files). */
function addRows(lists: readonly Row[][], hours: boolean): Row[] {
  const sum = new Map<string, Row>();
  for (const rows of lists) {
    for (const r of rows) {
      const s = sum.get(r.key) ?? { key: r.key, persons: 0, accompaniments: 0, workshopHours: hours ? 0 : null };
      s.persons += r.persons;
      s.accompaniments += r.accompaniments;
      if (hours) s.workshopHours = round1((s.workshopHours ?? 0) + (r.workshopHours ?? 0));
      sum.set(r.key, s);
    }
  }
  return [...sum.values()];
}

/** A breakdown as it leaves the centres: small cells gathered into "other", with their accompaniments and hours. */
function anonymous(rows: Row[], order: (a: Row, b: Row) => number): FederationRow[] {
  const sorted = [...rows].sort(order);
  const shown = gatherSmallCells(sorted);
  const kept = new Set(shown.map((r) => r.key));
  const gathered = sorted.filter((r) => r.persons > 0 && !kept.has(r.key));
  const hours = rows.some((r) => r.workshopHours !== null);
  const out: FederationRow[] = shown.map((r) => {
    if (r.key !== OTHER_ROWS) return { ...sorted.find((s) => s.key === r.key)!, persons: r.persons };
    return {
      key: OTHER_ROWS,
      persons: r.persons,
      accompaniments: gathered.reduce((n, g) => n + g.accompaniments, 0),
      workshopHours: hours ? round1(gathered.reduce((n, g) => n + (g.workshopHours ?? 0), 0)) : null,
    };
  });
  // Rows of no person (accompaniments recorded without a file) say nothing about anyone.
  for (const r of sorted) if (r.persons === 0) out.push(r);
  return out;
}

const byPersons = (a: Row, b: Row) => b.persons - a.persons || b.accompaniments - a.accompaniments || a.key.localeCompare(b.key);
const byKey = (a: Row, b: Row) => a.key.localeCompare(b.key);

/** The federation's figures from each member centre's (by centre id). */
export function federationFigures(centres: readonly { centerId: string; figures: Pick<Figures, 'totals'> & { by: Pick<Figures['by'], (typeof FROM_CENTRES)[number]> } }[]): FederationFigures {
  const totals = { persons: 0, accompaniments: 0, sessions: 0, participations: 0, workshopHours: 0 };
  for (const { figures } of centres) {
    totals.persons += figures.totals.persons;
    totals.accompaniments += figures.totals.accompaniments;
    totals.sessions += figures.totals.sessions;
    totals.participations += figures.totals.participations;
    totals.workshopHours = round1(totals.workshopHours + figures.totals.workshopHours);
  }
  const perCentre: Row[] = centres
    .filter((c) => c.figures.totals.persons > 0 || c.figures.totals.accompaniments > 0 || c.figures.totals.sessions > 0)
    .map((c) => ({ key: c.centerId, persons: c.figures.totals.persons, accompaniments: c.figures.totals.accompaniments, workshopHours: c.figures.totals.workshopHours }));
  const by = Object.fromEntries(FROM_CENTRES.map((d) => {
    const rows = addRows(centres.map((c) => c.figures.by[d]), d === 'month');
    return [d, anonymous(rows, d === 'month' ? byKey : byPersons)];
  })) as Record<Exclude<FederationDimension, 'centre'>, FederationRow[]>;
  return { totals: { ...totals, persons: masked(totals.persons) }, by: { ...by, centre: anonymous(perCentre, byPersons) } };
}
