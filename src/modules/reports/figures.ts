/**
 * The centre's figures over a period, from its contacts with residents as the database counts
 * them (reports.repository.ts; no I/O here):
 * - a contact is a workshop session attended (attendance "present", walk-ins included) or an
 *   accompaniment recorded at the help desk;
 * - persons reached are counted once per period (and once per month, per theme, per site…)
 *   however often they came; an accompaniment without a person counts as an accompaniment only;
 * - workshop hours are the hours of the sessions held (at least one person present), each
 *   session once, whatever the number of participants;
 * - a person's age bracket, gender, social status and commune are those of their file today.
 */
import { communeByCode } from '../../platform/communes.ts';

/** The breakdowns the database counts contacts by ('all': the totals, key ''). */
export type CountDimension =
  | 'all' | 'month' | 'activityKind' | 'ageBracket' | 'gender' | 'socialStatus' | 'commune' | 'theme' | 'site'
  | 'placeType' | 'procedure' | 'ageGroup';

/** The contacts of one centre under one key of a breakdown, counted (reports.repository.ts). */
export interface ContactCount {
  centerId: string;
  dimension: CountDimension;
  /** null: no value (a place type or procedure not recorded). */
  key: string | null;
  /** Persons with a file, once each: all, in workshops, accompanied. */
  persons: number;
  personsInWorkshops: number;
  personsAccompanied: number;
  accompaniments: number;
  participations: number;
  accompanimentMinutes: number;
  /** Each participant's minutes, added up. */
  presenceMinutes: number;
  households: number;
  householdsInWorkshops: number;
  /** Workshop sessions held, each once, and their minutes (0 for a person's trait). */
  sessions: number;
  sessionMinutes: number;
}

export interface Row {
  key: string;
  persons: number;
  accompaniments: number;
  /** Hours of workshop sessions held (null for a person's trait: a session has no age). */
  workshopHours: number | null;
}

export interface Totals {
  persons: number;
  accompaniments: number;
  sessions: number;
  participations: number;
  workshopHours: number;
}

export type Dimension = 'month' | 'activityKind' | 'ageBracket' | 'gender' | 'socialStatus' | 'commune' | 'epci' | 'theme' | 'site';
export const DIMENSIONS: readonly Dimension[] = ['month', 'activityKind', 'ageBracket', 'gender', 'socialStatus', 'commune', 'epci', 'theme', 'site'];

/** The row of accompaniments in the breakdown by kind of activity (they have no activity). */
export const HELP_DESK_KIND = 'permanence';

export interface Figures {
  totals: Totals;
  by: Record<Dimension, Row[]>;
}

const NOT_GIVEN = 'non_communique';

const PERSON_TRAITS = new Set<Dimension>(['ageBracket', 'gender', 'socialStatus', 'commune', 'epci']);

function round1(hours: number): number {
  return Math.round(hours * 10) / 10;
}

const COUNTED: Record<Exclude<Dimension, 'epci'>, CountDimension> = {
  month: 'month', activityKind: 'activityKind', ageBracket: 'ageBracket', gender: 'gender', socialStatus: 'socialStatus', commune: 'commune', theme: 'theme', site: 'site',
};

/** What the database is asked for to make a centre's figures (the EPCI's rows add up its communes'). */
export function countsFor(dimensions: readonly Dimension[]): CountDimension[] {
  return ['all', ...new Set(dimensions.map((d) => COUNTED[d === 'epci' ? 'commune' : d]))];
}

function sortRows(rows: Row[], dimension: Dimension): Row[] {
  return rows.sort((a, b) => (dimension === 'month' ? a.key.localeCompare(b.key) : b.persons - a.persons || b.accompaniments - a.accompaniments || a.key.localeCompare(b.key)));
}

function breakdown(counts: readonly ContactCount[], dimension: Dimension): Row[] {
  const hasHours = !PERSON_TRAITS.has(dimension);
  if (dimension === 'epci') {
    // A person lives in one commune: an EPCI's persons are the sum of its communes'.
    const sum = new Map<string, Row>();
    for (const c of counts) {
      if (c.dimension !== 'commune') continue;
      const key = communeByCode(c.key === NOT_GIVEN ? null : c.key)?.epciCode ?? NOT_GIVEN;
      const row = sum.get(key) ?? { key, persons: 0, accompaniments: 0, workshopHours: null };
      row.persons += c.persons;
      row.accompaniments += c.accompaniments;
      sum.set(key, row);
    }
    return sortRows([...sum.values()], dimension);
  }
  const rows = counts
    .filter((c) => c.dimension === COUNTED[dimension])
    .map((c): Row => ({ key: c.key ?? NOT_GIVEN, persons: c.persons, accompaniments: c.accompaniments, workshopHours: hasHours ? round1(c.sessionMinutes / 60) : null }));
  return sortRows(rows, dimension);
}

/** A centre's figures from its counted contacts (countsFor says what to count), for the breakdowns asked. */
export function figuresFromCounts(counts: readonly ContactCount[], dimensions: readonly Dimension[] = DIMENSIONS): Figures {
  const all = counts.find((c) => c.dimension === 'all');
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, dimensions.includes(d) ? breakdown(counts, d) : []])) as Record<Dimension, Row[]>;
  return {
    totals: {
      persons: all?.persons ?? 0,
      accompaniments: all?.accompaniments ?? 0,
      sessions: all?.sessions ?? 0,
      participations: all?.participations ?? 0,
      workshopHours: round1((all?.sessionMinutes ?? 0) / 60),
    },
    by,
  };
}

/** Below this many persons, an aggregated figure shown outside the centre is masked. */
export const DISCLOSURE_THRESHOLD = 5;

/** A count of persons as shown to a partner: null ("moins de 5") under the threshold. */
export function masked(count: number): number | null {
  return count < DISCLOSURE_THRESHOLD ? null : count;
}

/** The row that gathers the small cells of a breakdown shown outside the centre. */
export const OTHER_ROWS = 'other';

/**
 * A breakdown of persons as shown outside the centre, so that no cell under the threshold can
 * be read or worked out: masking a small cell alone is not enough when the total is shown
 * beside it (total − the others = the masked cell). The small cells are gathered into one row
 * "other", and, while that row is still under the threshold, the next smallest cells join it.
 * Only when the whole breakdown is under the threshold is the remaining row masked.
 */
export function gatherSmallCells<K extends string>(rows: { key: K; persons: number }[]): { key: K | typeof OTHER_ROWS; persons: number | null }[] {
  const ascending = [...rows].filter((r) => r.persons > 0).sort((a, b) => a.persons - b.persons);
  const gathered = new Set<K>();
  let other = 0;
  for (const row of ascending) {
    if (row.persons >= DISCLOSURE_THRESHOLD && (other === 0 || other >= DISCLOSURE_THRESHOLD)) break;
    gathered.add(row.key);
    other += row.persons;
  }
  const shown: { key: K | typeof OTHER_ROWS; persons: number | null }[] = rows.filter((r) => r.persons > 0 && !gathered.has(r.key));
  if (gathered.size > 0) shown.push({ key: OTHER_ROWS, persons: masked(other) });
  return shown;
}
