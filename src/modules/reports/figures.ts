/**
 * The centre's figures over a period, computed from its contacts with residents (no I/O):
 * - a contact is a workshop session attended (attendance "present", walk-ins included) or an
 *   accompaniment recorded at the help desk;
 * - persons reached are counted once per period (and once per month, per theme, per site…)
 *   however often they came; an accompaniment without a person counts as an accompaniment only;
 * - workshop hours are the hours of the sessions held (at least one person present), each
 *   session once, whatever the number of participants;
 * - a person's age bracket, gender, social status and commune are those of their file today.
 */
import { parisDate } from '../../platform/time.ts';
import { communeByCode } from '../../platform/communes.ts';

export interface PersonTraits {
  ageBracket: string;
  gender: string;
  socialStatus: string;
  communeInsee: string | null;
}

export interface Contact {
  kind: 'workshop' | 'accompaniment';
  /** null: an accompaniment recorded without a person. */
  personId: string | null;
  person: PersonTraits | null;
  /** UTC instant of the session's start or of the accompaniment. */
  at: string;
  durationMinutes: number;
  /** Workshop: its session (hours count once per session). */
  sessionId: string | null;
  themes: string[];
  siteId: string | null;
  /** Workshop: its activity's kind (activities.vocab); null for an accompaniment. */
  activityKind: string | null;
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
const UNKNOWN_SITE = 'aucun';

/** The keys a contact falls under for a dimension (several themes for one accompaniment). */
function keysOf(contact: Contact, dimension: Dimension): string[] {
  switch (dimension) {
    case 'month':
      return [parisDate(contact.at).slice(0, 7)];
    case 'ageBracket':
      return [contact.person?.ageBracket ?? NOT_GIVEN];
    case 'gender':
      return [contact.person?.gender ?? NOT_GIVEN];
    case 'socialStatus':
      return [contact.person?.socialStatus ?? NOT_GIVEN];
    case 'commune':
      return [contact.person?.communeInsee ?? NOT_GIVEN];
    case 'epci':
      return [communeByCode(contact.person?.communeInsee ?? null)?.epciCode ?? NOT_GIVEN];
    case 'activityKind':
      return [contact.kind === 'accompaniment' ? HELP_DESK_KIND : (contact.activityKind ?? NOT_GIVEN)];
    case 'theme':
      return contact.themes.length ? contact.themes : [NOT_GIVEN];
    case 'site':
      return [contact.siteId ?? UNKNOWN_SITE];
  }
}

const PERSON_TRAITS = new Set<Dimension>(['ageBracket', 'gender', 'socialStatus', 'commune', 'epci']);

function round1(hours: number): number {
  return Math.round(hours * 10) / 10;
}

function breakdown(contacts: readonly Contact[], dimension: Dimension): Row[] {
  const buckets = new Map<string, { persons: Set<string>; accompaniments: number; sessions: Map<string, number> }>();
  for (const contact of contacts) {
    for (const key of keysOf(contact, dimension)) {
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { persons: new Set(), accompaniments: 0, sessions: new Map() }));
      if (contact.personId) bucket.persons.add(contact.personId);
      if (contact.kind === 'accompaniment') bucket.accompaniments += 1;
      else if (contact.sessionId) bucket.sessions.set(contact.sessionId, contact.durationMinutes);
    }
  }
  const hasHours = !PERSON_TRAITS.has(dimension);
  return [...buckets]
    .map(([key, b]) => ({
      key,
      persons: b.persons.size,
      accompaniments: b.accompaniments,
      workshopHours: hasHours ? round1([...b.sessions.values()].reduce((sum, m) => sum + m, 0) / 60) : null,
    }))
    .sort((a, b) => (dimension === 'month' ? a.key.localeCompare(b.key) : b.persons - a.persons || b.accompaniments - a.accompaniments || a.key.localeCompare(b.key)));
}

export function computeFigures(contacts: readonly Contact[]): Figures {
  const persons = new Set<string>();
  const sessions = new Map<string, number>();
  let accompaniments = 0;
  let participations = 0;
  for (const c of contacts) {
    if (c.personId) persons.add(c.personId);
    if (c.kind === 'accompaniment') accompaniments += 1;
    else {
      participations += 1;
      if (c.sessionId) sessions.set(c.sessionId, c.durationMinutes);
    }
  }
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, breakdown(contacts, d)])) as Record<Dimension, Row[]>;
  return {
    totals: {
      persons: persons.size,
      accompaniments,
      sessions: sessions.size,
      participations,
      workshopHours: round1([...sessions.values()].reduce((sum, m) => sum + m, 0) / 60),
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
