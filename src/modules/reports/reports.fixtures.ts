/**
 * Recounts of the funders' figures from the raw rows, with plain loops over every row (never
 * through the report code), for the tests that compare a report with them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parisDate } from '../../platform/time.ts';

const SENIOR_BRACKETS = ['soixante_soixante_neuf', 'soixante_dix_plus'];

/**
 * The Carsat report's summary recounted for a centre: `from` / `to` are the period's instants
 * (UTC, end excluded), `today` the instant that counts as now for loans still out.
 */
export async function recountCarsat(k: Kysely<Database>, centerId: string, period: { from: string; to: string }, today: string) {
  const { from, to } = period;
  const persons = await k.selectFrom('persons').select(['id', 'ageBracket', 'communeInsee']).where('centerId', '=', centerId).execute();
  const brackets = new Map(persons.map((p) => [p.id, p.ageBracket]));
  const isSenior = (id: string | null) => id !== null && SENIOR_BRACKETS.includes(brackets.get(id) ?? '');
  const attendance = await k.selectFrom('activityAttendance').selectAll().where('centerId', '=', centerId).execute();
  const visits = await k.selectFrom('helpdeskAccompaniments').selectAll().where('centerId', '=', centerId).execute();
  const loans = await k.selectFrom('equipmentLoans').selectAll().where('centerId', '=', centerId).execute();
  const categories = new Map((await k.selectFrom('equipmentItems').select(['id', 'category']).where('centerId', '=', centerId).execute()).map((i) => [i.id, i.category]));

  const seniorsPresent: typeof attendance = [];
  for (const a of attendance) if (a.status === 'present' && a.sessionStartsAt >= from && a.sessionStartsAt < to && isSenior(a.personId)) seniorsPresent.push(a);
  const seniorVisits: typeof visits = [];
  for (const v of visits) if (v.occurredAt >= from && v.occurredAt < to && isSenior(v.personId)) seniorVisits.push(v);
  const seniorLoans: typeof loans = [];
  for (const l of loans) if (l.lentAt >= from && l.lentAt < to && isSenior(l.personId)) seniorLoans.push(l);
  const reached = new Set([...seniorsPresent.map((a) => a.personId), ...seniorVisits.map((v) => v.personId!)]);
  const sessionMinutes = new Map<string, number>();
  for (const a of seniorsPresent) sessionMinutes.set(a.sessionId, a.durationMinutes);
  const isTablet = (l: (typeof loans)[number]) => categories.get(l.itemId) === 'tablette';
  const tabletLoans = seniorLoans.filter(isTablet);
  // Days with the borrower, day of lending to day of return (today while out), at least one.
  const dayNumber = (iso: string) => Date.parse(`${parisDate(iso)}T00:00:00Z`) / 86_400_000;
  const daysOf = (list: typeof loans) => list.reduce((sum, l) => sum + Math.max(1, dayNumber(l.returnedAt ?? today) - dayNumber(l.lentAt)), 0);
  const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

  const summary = {
    seniorsReached: reached.size,
    seniorsAccompanied: new Set(seniorVisits.map((v) => v.personId)).size,
    seniorAccompaniments: seniorVisits.length,
    seniorAccompanimentHours: hours(seniorVisits.reduce((s, v) => s + v.durationMinutes, 0)),
    seniorsInWorkshops: new Set(seniorsPresent.map((a) => a.personId)).size,
    seniorParticipations: seniorsPresent.length,
    seniorSessions: sessionMinutes.size,
    seniorSessionHours: hours([...sessionMinutes.values()].reduce((s, n) => s + n, 0)),
    seniorPresenceHours: hours(seniorsPresent.reduce((s, a) => s + a.durationMinutes, 0)),
    seniorLoans: seniorLoans.length,
    seniorTabletLoans: tabletLoans.length,
    seniorDaysLent: daysOf(seniorLoans),
    seniorBorrowers: new Set(seniorLoans.map((l) => l.personId)).size,
    seniorTabletBorrowers: new Set(tabletLoans.map((l) => l.personId)).size,
  };
  const communes = new Map(persons.map((p) => [p.id, p.communeInsee ?? 'non_communique']));
  /** One loans row (loans, tablet loans, days lent, borrowers) for the senior loans kept by `keep`. */
  const loansRow = (keep: (loan: (typeof loans)[number], commune: string) => boolean) => {
    const kept = seniorLoans.filter((l) => keep(l, communes.get(l.personId)!));
    return [kept.length, kept.filter(isTablet).length, daysOf(kept), new Set(kept.map((l) => l.personId)).size];
  };
  return {
    summary,
    loansInMonth: (month: string) => loansRow((l) => parisDate(l.lentAt).startsWith(month)),
    loansInCommune: (commune: string) => loansRow((_, c) => c === commune),
    communesOfLoans: [...new Set(seniorLoans.map((l) => communes.get(l.personId)!))].sort(),
  };
}
