/**
 * The funders' reports over a period, computed from plain rows (no I/O), each as a few tables
 * that the page, the PDF, the XLSX and the API show alike. Rules owned here:
 * - a person is counted once per period (and once per row of a table: per month, per commune,
 *   per theme…) however often they came; an accompaniment without a person file counts as an
 *   accompaniment, never as a person;
 * - workshop hours are the hours of the sessions held, each session once whatever the number of
 *   participants; "hours of presence" add up each participant's hours;
 * - a senior is a person whose file says 60 – 69 or 70 and over (Carsat); a child is under 18
 *   (CAF); a family is a household of the people module;
 * - a person's age bracket, household and commune are those of their file today;
 * - loans count when they start within the period (the equipment module's loans);
 * - volunteers' hours count on the day they were given, valued at the centre's hourly rate
 *   (the valorisation du bénévolat of the accounts), each volunteer counted once per row.
 */
import { communeByCode, communesOfEpci, epciName } from '../../platform/communes.ts';
import { isMessageKey, type MessageKey, type Translator } from '../../platform/i18n/index.ts';
import { MEDIATION_THEMES } from '../../platform/vocab/mediation.ts';
import { addDays, daysBetween, parisDate } from '../../platform/time.ts';
import { ACTIVITY_KINDS } from '../activities/activity.vocab.ts';
import { PLACE_TYPES, PROCEDURE_CATEGORIES } from '../helpdesk/helpdesk.vocab.ts';
import { AGE_BRACKETS } from '../people/age-bracket.ts';
import { HELP_KINDS } from '../team/volunteer-hours.vocab.ts';
import { compareFrench } from '../../platform/text.ts';
import type { ContactCount, CountDimension } from './figures.ts';

export const FUNDERS = ['carsat', 'caf', 'epci', 'etat'] as const;
export type Funder = (typeof FUNDERS)[number];

export function isFunder(value: string): value is Funder {
  return (FUNDERS as readonly string[]).includes(value);
}

/** An item lent, with the borrower's age bracket. */
export interface FunderLoan {
  personId: string;
  ageBracket: string | null;
  category: string;
  lentAt: string;
  returnedAt: string | null;
  /** The borrower's commune (INSEE code), as on their file today. */
  communeInsee: string | null;
}

export interface ReportRow {
  /** The code of what the row counts (a month "2026-03", an age bracket, an INSEE code…). */
  code: string;
  label: string;
  values: number[];
}

export interface ReportTable {
  key: string;
  title: string;
  /** What the first column holds. */
  rowHeader: string;
  columns: { key: string; label: string }[];
  rows: ReportRow[];
}

export interface FunderReport {
  funder: Funder;
  period: { from: string; to: string };
  title: string;
  tables: ReportTable[];
}

export interface FunderInput {
  period: { from: string; to: string };
  /** Today in Paris: a loan still out counts its days until today. */
  today: string;
  /** The centre's contacts over the period, counted by the database as FUNDER_COUNTS asks. */
  counts: readonly ContactCount[];
  loans: readonly FunderLoan[];
  /** Volunteers' hours worked within the period and the centre's hourly rate (CAF); none elsewhere. */
  volunteering?: { hours: readonly { userId: string; kind: string; minutes: number }[]; rateCents: number };
}

/** Seniors (Carsat): the age brackets of 60 and over. */
export const SENIORS = ['soixante_soixante_neuf', 'soixante_dix_plus'] as const;
const CHILDREN = new Set(['moins_de_douze', 'douze_dix_huit']);
const NOT_GIVEN = 'non_communique';

/** What each report asks the database to count its contacts by; 'ageGroup' is the seniors (Carsat). */
export const FUNDER_COUNTS: Record<Funder, readonly CountDimension[]> = {
  carsat: ['ageGroup', 'ageBracket'],
  caf: ['all', 'ageBracket', 'activityKind'],
  epci: ['commune'],
  etat: ['all', 'theme', 'placeType', 'procedure'],
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const persons = (list: readonly { personId: string | null }[]) => new Set(list.map((c) => c.personId).filter((id) => id !== null)).size;
const hours = (minutes: number) => round1(minutes / 60);
const NONE: Omit<ContactCount, 'dimension' | 'key'> = {
  centerId: '', persons: 0, personsInWorkshops: 0, personsAccompanied: 0, accompaniments: 0, participations: 0, accompanimentMinutes: 0,
  presenceMinutes: 0, households: 0, householdsInWorkshops: 0, sessions: 0, sessionMinutes: 0,
};
const countsBy = (input: FunderInput, dimension: CountDimension) => input.counts.filter((c) => c.dimension === dimension);
/** The counts under one key of a breakdown (nothing counted: zeros). */
const countOf = (input: FunderInput, dimension: CountDimension, key: string): ContactCount =>
  countsBy(input, dimension).find((c) => c.key === key) ?? { ...NONE, dimension, key };
/**
 * The days an item spent with its borrower: from the day it left to the day it came back (or
 * today while it is still out), a loan returned the same day counting one.
 */
const daysLent = (loan: FunderLoan, today: string) => Math.max(1, daysBetween(parisDate(loan.lentAt), loan.returnedAt ? parisDate(loan.returnedAt) : today));
const totalDaysLent = (list: readonly FunderLoan[], today: string) => list.reduce((sum, loan) => sum + daysLent(loan, today), 0);

function vocab(t: Translator, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}
const ageLabel = (t: Translator, code: string) => vocab(t, 'vocab.ageBracket', code);

/** Every month the period touches, "2026-01"…, in order. */
export function monthsOf(period: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7); month = addDays(`${month}-28`, 7).slice(0, 7)) out.push(month);
  return out;
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthLabel = (month: string) => monthFormat.format(new Date(`${month}-01T12:00:00Z`));

function table(t: Translator, key: string, title: MessageKey, rowHeader: MessageKey, columns: string[], rows: ReportRow[]): ReportTable {
  return { key, title: t(title), rowHeader: t(rowHeader), columns: columns.map((c) => ({ key: c, label: t(`reports.funders.col.${c}` as MessageKey) })), rows };
}

/** A one-column table of figures: "indicator → value". */
function summary(t: Translator, figures: Record<string, number>): ReportTable {
  return table(t, 'summary', 'reports.funders.summary', 'reports.funders.col.indicator', ['value'],
    Object.entries(figures).map(([code, value]) => ({ code, label: t(`reports.funders.figure.${code}` as MessageKey), values: [value] })));
}

// ---- Carsat: seniors reached, their accompaniments and workshops, what they borrowed

function carsat(t: Translator, input: FunderInput): ReportTable[] {
  const seniors = countOf(input, 'ageGroup', 'in');
  const loans = input.loans.filter((l) => l.ageBracket !== null && (SENIORS as readonly string[]).includes(l.ageBracket));
  const tablets = (list: readonly FunderLoan[]) => list.filter((l) => l.category === 'tablette');
  const byBracket = [...SENIORS].map((bracket): ReportRow => {
    const mine = countOf(input, 'ageBracket', bracket);
    const lent = loans.filter((l) => l.ageBracket === bracket);
    return { code: bracket, label: ageLabel(t, bracket), values: [mine.persons, mine.accompaniments, mine.participations, lent.length] };
  });
  const byMonth = monthsOf(input.period).map((month): ReportRow => {
    const lent = loans.filter((l) => parisDate(l.lentAt).startsWith(month));
    return { code: month, label: monthLabel(month), values: [lent.length, tablets(lent).length, totalDaysLent(lent, input.today), persons(lent)] };
  });
  const communes = [...new Set(loans.map((l) => l.communeInsee ?? NOT_GIVEN))]
    .map((code) => ({ code, name: communeByCode(code === NOT_GIVEN ? null : code)?.name ?? t('reports.funders.epci.outside') }))
    .sort((a, b) => compareFrench(a.name, b.name));
  const byCommune = communes.map(({ code, name }): ReportRow => {
    const lent = loans.filter((l) => (l.communeInsee ?? NOT_GIVEN) === code);
    return { code, label: name, values: [lent.length, tablets(lent).length, totalDaysLent(lent, input.today), persons(lent)] };
  });
  const categories = [...new Set(loans.map((l) => l.category))].sort();
  const byCategory = categories.map((category): ReportRow => {
    const lent = loans.filter((l) => l.category === category);
    return { code: category, label: vocab(t, 'equipment.category', category), values: [lent.length, persons(lent)] };
  });
  return [
    summary(t, {
      seniorsReached: seniors.persons,
      seniorsAccompanied: seniors.personsAccompanied,
      seniorAccompaniments: seniors.accompaniments,
      seniorAccompanimentHours: hours(seniors.accompanimentMinutes),
      seniorsInWorkshops: seniors.personsInWorkshops,
      seniorParticipations: seniors.participations,
      seniorSessions: seniors.sessions,
      seniorSessionHours: hours(seniors.sessionMinutes),
      seniorPresenceHours: hours(seniors.presenceMinutes),
      seniorLoans: loans.length,
      seniorTabletLoans: tablets(loans).length,
      seniorDaysLent: totalDaysLent(loans, input.today),
      seniorBorrowers: persons(loans),
      seniorTabletBorrowers: persons(tablets(loans)),
    }),
    table(t, 'ageBracket', 'reports.funders.carsat.byAgeBracket', 'reports.funders.col.ageBracket', ['persons', 'accompaniments', 'participations', 'loans'], byBracket),
    table(t, 'loansByMonth', 'reports.funders.carsat.loansByMonth', 'reports.funders.col.month', ['loans', 'tabletLoans', 'daysLent', 'borrowers'], byMonth),
    table(t, 'loansByCommune', 'reports.funders.carsat.loansByCommune', 'reports.funders.col.commune', ['loans', 'tabletLoans', 'daysLent', 'borrowers'], byCommune),
    table(t, 'loansByCategory', 'reports.funders.carsat.loansByCategory', 'reports.funders.col.category', ['loans', 'borrowers'], byCategory),
  ];
}

// ---- CAF: the social centre's activity

function caf(t: Translator, input: FunderInput): ReportTable[] {
  const all = countOf(input, 'all', '');
  const byBracket = countsBy(input, 'ageBracket');
  const brackets = AGE_BRACKETS.filter((b) => byBracket.some((c) => c.key === b));
  const byAge = brackets.map((bracket): ReportRow => {
    const mine = countOf(input, 'ageBracket', bracket);
    return { code: bracket, label: ageLabel(t, bracket), values: [mine.persons, mine.personsInWorkshops, mine.personsAccompanied] };
  });
  const kinds = ACTIVITY_KINDS.filter((k) => countOf(input, 'activityKind', k).participations > 0);
  const byKind = kinds.map((kind): ReportRow => {
    const mine = countOf(input, 'activityKind', kind);
    return { code: kind, label: vocab(t, 'activities.kind', kind), values: [mine.sessions, hours(mine.sessionMinutes), mine.participations, mine.personsInWorkshops] };
  });
  if (all.accompaniments > 0) byKind.push({ code: 'permanence', label: t('reports.funders.caf.helpdesk'), values: [all.accompaniments, hours(all.accompanimentMinutes), all.accompaniments, all.personsAccompanied] });
  const children = [...CHILDREN].reduce((sum, bracket) => sum + countOf(input, 'ageBracket', bracket).personsInWorkshops, 0);
  return [
    summary(t, {
      personsReached: all.persons,
      householdsReached: all.households,
      personsInWorkshops: all.personsInWorkshops,
      childrenInWorkshops: children,
      familiesInWorkshops: all.householdsInWorkshops,
      sessions: all.sessions,
      workshopHours: hours(all.sessionMinutes),
      participations: all.participations,
      accompaniments: all.accompaniments,
      personsAccompanied: all.personsAccompanied,
    }),
    table(t, 'ageBracket', 'reports.funders.caf.byAgeBracket', 'reports.funders.col.ageBracket', ['persons', 'personsInWorkshops', 'personsAccompanied'], byAge),
    table(t, 'activityKind', 'reports.funders.caf.byActivityKind', 'reports.funders.col.activityKind', ['sessions', 'hours', 'participations', 'persons'], byKind),
    ...volunteeringTables(t, input.volunteering),
  ];
}

/** The valorisation du bénévolat: volunteers, hours and their value, by kind of help (none when no hours were given). */
function volunteeringTables(t: Translator, volunteering: FunderInput['volunteering']): ReportTable[] {
  const hours = volunteering?.hours ?? [];
  if (hours.length === 0) return [];
  const rate = volunteering!.rateCents;
  const row = (code: string, label: string, mine: typeof hours): ReportRow => {
    const minutes = mine.reduce((sum, h) => sum + h.minutes, 0);
    return { code, label, values: [new Set(mine.map((h) => h.userId)).size, round1(minutes / 60), Math.round((minutes * rate) / 60) / 100] };
  };
  const kinds = HELP_KINDS.filter((k) => hours.some((h) => h.kind === k));
  const rows = kinds.map((kind) => row(kind, vocab(t, 'volunteerHours.kind', kind), hours.filter((h) => h.kind === kind)));
  rows.push(row('total', t('reports.funders.total'), hours));
  return [table(t, 'volunteering', 'reports.funders.caf.volunteering', 'reports.funders.col.helpKind', ['volunteers', 'hours', 'valueEuros'], rows)];
}

// ---- EPCI: residents reached, commune by commune, for each community of communes

function epci(t: Translator, input: FunderInput): ReportTable[] {
  // A person lives in one commune: an EPCI's residents are the sum of its communes'.
  const reached = countsBy(input, 'commune').filter((c) => c.persons > 0);
  const epciOf = (insee: string | null) => communeByCode(insee === NOT_GIVEN ? null : insee)?.epciCode ?? null;
  const codes = [...new Set(reached.map((c) => epciOf(c.key)).filter((code) => code !== null))]
    .sort((a, b) => epciName(a).localeCompare(epciName(b), 'fr'));
  const counts = (list: readonly ContactCount[]) => [
    list.reduce((n, c) => n + c.persons, 0), list.reduce((n, c) => n + c.personsInWorkshops, 0), list.reduce((n, c) => n + c.personsAccompanied, 0),
  ];
  const columns = ['residents', 'personsInWorkshops', 'personsAccompanied'];
  const overview = codes.map((code): ReportRow => ({ code, label: epciName(code), values: counts(reached.filter((c) => epciOf(c.key) === code)) }));
  const outside = reached.filter((c) => epciOf(c.key) === null);
  if (outside.length > 0) overview.push({ code: NOT_GIVEN, label: t('reports.funders.epci.outside'), values: counts(outside) });
  const perEpci = codes.map((code): ReportTable => ({
    ...table(t, `epci-${code}`, 'reports.funders.epci.communes', 'reports.funders.col.commune', columns, communesOfEpci(code).map((commune) => ({
      code: commune.code, label: commune.name, values: counts(reached.filter((c) => c.key === commune.code)),
    }))),
    title: epciName(code),
  }));
  return [table(t, 'epci', 'reports.funders.epci.overview', 'reports.funders.col.epci', columns, overview), ...perEpci];
}

// ---- État: accompaniments in the national vocabulary

function etat(t: Translator, input: FunderInput): ReportTable[] {
  const all = countOf(input, 'all', '');
  const themes = countsBy(input, 'theme');
  const byTheme = MEDIATION_THEMES.filter((theme) => themes.some((c) => c.key === theme)).map((theme): ReportRow => {
    const mine = countOf(input, 'theme', theme);
    return { code: theme, label: vocab(t, 'vocab.mediationTheme', theme), values: [mine.accompaniments, mine.participations, mine.persons] };
  });
  const deskBy = (dimension: CountDimension, codes: readonly string[], prefix: string) => {
    const present = countsBy(input, dimension);
    return codes.filter((code) => present.some((c) => c.key === code)).map((code): ReportRow => {
      const mine = countOf(input, dimension, code);
      return { code, label: vocab(t, prefix, code), values: [mine.accompaniments, mine.persons] };
    });
  };
  const byPlace = deskBy('placeType', PLACE_TYPES, 'helpdesk.place');
  const byProcedure = deskBy('procedure', PROCEDURE_CATEGORIES, 'helpdesk.category');
  return [
    summary(t, {
      accompaniments: all.accompaniments,
      personsAccompanied: all.personsAccompanied,
      accompanimentHours: hours(all.accompanimentMinutes),
      sessions: all.sessions,
      participations: all.participations,
      personsInWorkshops: all.personsInWorkshops,
      personsReached: all.persons,
    }),
    table(t, 'theme', 'reports.funders.etat.byTheme', 'reports.funders.col.theme', ['accompaniments', 'participations', 'persons'], byTheme),
    table(t, 'placeType', 'reports.funders.etat.byPlaceType', 'reports.funders.col.placeType', ['accompaniments', 'persons'], byPlace),
    table(t, 'procedure', 'reports.funders.etat.byProcedure', 'reports.funders.col.procedure', ['accompaniments', 'persons'], byProcedure),
  ];
}

const BUILDERS: Record<Funder, (t: Translator, input: FunderInput) => ReportTable[]> = { carsat, caf, epci, etat };

export function computeFunderReport(t: Translator, funder: Funder, input: FunderInput): FunderReport {
  return { funder, period: input.period, title: t(`reports.funders.${funder}.title` as MessageKey), tables: BUILDERS[funder](t, input) };
}

