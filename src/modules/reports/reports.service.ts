/**
 * Reports: the centre's figures over a period, for the team and its funders, and a partner
 * commune's aggregated view. Rules owned here:
 * - a period is a range of Paris calendar days, both ends included, at most ten years; by
 *   default the current year on the clock;
 * - persons are counted once per period (see figures.ts for every count's definition);
 * - a partner commune sees only aggregates: its residents' figures and the sessions held in
 *   its village; every count of persons under 5 is masked ("moins de 5"), and no name, id or
 *   date of a person ever reaches it.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { isCalendarDate } from '../../platform/dates.ts';
import { invalid } from '../../platform/errors.ts';
import { addDays, daysBetween, parisDate, parisToUtcMs } from '../../platform/time.ts';
import { countsFor, DIMENSIONS, figuresFromCounts, gatherSmallCells, masked, type Figures } from './figures.ts';
import type { CentreReportsPort } from './ports.ts';
import { monthsOf } from './funders.ts';
import * as repo from './reports.repository.ts';

export interface Period {
  /** Paris calendar days, both included. */
  from: string;
  to: string;
}

export interface CentreReport {
  period: Period;
  figures: Figures;
  /** Names of the sites that appear in the figures (archived ones included). */
  siteNames: Record<string, string>;
}

export interface CommuneView {
  communeInsee: string;
  period: Period;
  /** Counts of persons are null when under 5. */
  residentsReached: number | null;
  residentsInWorkshops: number | null;
  residentsAccompanied: number | null;
  /** Brackets of 5 persons or more; the smaller ones gathered in one row `other` (see gatherSmallCells). */
  byAgeBracket: { key: string; persons: number | null }[];
  sessionsInVillage: number;
  participantsInVillage: number | null;
}

const MAX_DAYS = 3660;

export class ReportsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreReportsPort,
  ) {}

  /** The period asked for, or the current year by the clock; 422 on dates that do not make a period. */
  period(input: { from?: string; to?: string }): Period {
    const year = parisDate(this.ctx.clock.now()).slice(0, 4);
    const from = input.from ?? `${year}-01-01`;
    const to = input.to ?? `${year}-12-31`;
    const errors: Record<string, string> = {};
    if (!isCalendarDate(from)) errors.from = 'reports.period.fromInvalid';
    if (!isCalendarDate(to)) errors.to = 'reports.period.toInvalid';
    if (Object.keys(errors).length === 0) {
      if (to < from) errors.to = 'reports.period.toBeforeFrom';
      else if (daysBetween(from, to) > MAX_DAYS) errors.to = 'reports.period.tooLong';
    }
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return { from, to };
  }

  /** The Paris period as UTC instants (from inclusive, to exclusive) and its months' first instants. */
  range(period: Period): { from: string; to: string; months: { key: string; from: string }[] } {
    const utc = (date: string) => new Date(parisToUtcMs(date, 0)).toISOString();
    const months = monthsOf(period).map((key, i) => ({ key, from: i === 0 ? utc(period.from) : utc(`${key}-01`) }));
    return { from: utc(period.from), to: utc(addDays(period.to, 1)), months };
  }

  async centreReport(actor: Actor, period: Period): Promise<CentreReport> {
    requirePermission(actor, 'reports.read');
    const [counts, sites] = await Promise.all([
      repo.countContacts(this.ctx.kysely, { centerIds: [actor.centerId], ...this.range(period), dimensions: countsFor(DIMENSIONS) }),
      this.centre.listSites(actor.centerId, { includeArchived: true }),
    ]);
    return { period, figures: figuresFromCounts(counts), siteNames: Object.fromEntries(sites.map((s) => [s.id, s.name])) };
  }

  /** A partner's view of its commune over a period (by default the current year); null for a partner account without a commune. */
  async communeView(actor: Actor, period: Period): Promise<CommuneView | null> {
    requirePermission(actor, 'reports.commune');
    const insee = actor.partnerCommuneInsee;
    if (!insee) return null;
    const sites = await this.centre.listSites(actor.centerId, { includeArchived: true });
    const villageSites = sites.filter((s) => s.communeInsee === insee).map((s) => s.id);
    const range = this.range(period);
    const [residents, inVillage, sessionsInVillage] = await Promise.all([
      repo.countContacts(this.ctx.kysely, { centerIds: [actor.centerId], ...range, communeInsee: insee, dimensions: countsFor(['ageBracket']) }),
      repo.countContacts(this.ctx.kysely, { centerIds: [actor.centerId], ...range, workshopsAt: villageSites, dimensions: ['all'] }),
      repo.countSessionsAt(this.ctx.kysely, actor.centerId, villageSites, range.from, range.to),
    ]);
    const residentFigures = figuresFromCounts(residents, ['ageBracket']);
    const all = residents.find((c) => c.dimension === 'all');
    return {
      communeInsee: insee,
      period,
      residentsReached: masked(residentFigures.totals.persons),
      residentsInWorkshops: masked(all?.personsInWorkshops ?? 0),
      residentsAccompanied: masked(all?.personsAccompanied ?? 0),
      byAgeBracket: gatherSmallCells(residentFigures.by.ageBracket),
      sessionsInVillage,
      participantsInVillage: masked(inVillage[0]?.persons ?? 0),
    };
  }
}
