/**
 * The funders' reports (Carsat, CAF, the communities of communes, the State) over a period, as
 * figures, a PDF and an XLSX workbook. Rules owned here:
 * - only those who may read the centre's figures produce them (reports.read);
 * - a period is checked as the centre's report checks it (Paris days, both ends included); by
 *   default it is the previous calendar year on the clock, the year funders ask about;
 * - the loans are the equipment module's, read through its port; the contacts are read from the
 *   modules' records like the centre's report; every count is defined in funders.ts.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { parisDate } from '../../platform/time.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { formatDate, formatDateRange } from '../../ui/format.ts';
import { funderPdf, funderXlsx } from './funders.documents.ts';
import * as repo from './funders.repository.ts';
import { computeFunderReport, FUNDER_COUNTS, SENIORS, type Funder, type FunderLoan, type FunderReport } from './funders.ts';
import { countContacts } from './reports.repository.ts';
import type { EquipmentReportsPort, VolunteeringPort } from './ports.ts';
import type { Period, ReportsService } from './reports.service.ts';

export class FundersService {
  constructor(
    private readonly ctx: AppContext,
    private readonly reports: ReportsService,
    private readonly equipment: EquipmentReportsPort,
    private readonly volunteering: VolunteeringPort,
  ) {}

  /** The period asked for, each end by default that of the previous calendar year; 422 on dates that do not make a period. */
  period(input: { from?: string; to?: string }): Period {
    const last = Number(parisDate(this.ctx.clock.now()).slice(0, 4)) - 1;
    return this.reports.period({ from: input.from ?? `${last}-01-01`, to: input.to ?? `${last}-12-31` });
  }

  async report(actor: Actor, funder: Funder, period: Period, locale: Locale = 'fr'): Promise<FunderReport> {
    requirePermission(actor, 'reports.read');
    const { from, to, months } = this.reports.range(period);
    const [counts, lent, hours, rateCents] = await Promise.all([
      countContacts(this.ctx.kysely, { centerIds: [actor.centerId], from, to, months, dimensions: FUNDER_COUNTS[funder], ageGroup: SENIORS }),
      funder === 'carsat' ? this.equipment.loans.lentBetween(actor.centerId, from, to) : Promise.resolve([]),
      funder === 'caf' ? this.volunteering.hoursBetween(actor.centerId, period.from, period.to) : Promise.resolve([]),
      this.volunteering.rateCents(actor.centerId),
    ]);
    const borrowers = await repo.borrowersOf(this.ctx.kysely, actor.centerId, lent.map((l) => l.personId));
    const loans = lent.map((l): FunderLoan => ({ ...l, ageBracket: borrowers.get(l.personId)?.ageBracket ?? null, communeInsee: borrowers.get(l.personId)?.communeInsee ?? null }));
    const volunteering = { hours, rateCents };
    return computeFunderReport(translator(locale), funder, { period, counts, loans, volunteering, today: parisDate(this.ctx.clock.now()) });
  }

  private async documentText(actor: Actor, report: FunderReport) {
    const t = translator('fr');
    const centre = await findCentreById(this.ctx.kysely, actor.centerId);
    const createdAt = this.ctx.clock.nowIso();
    return {
      centreName: centre?.name ?? '',
      periodText: formatDateRange(report.period.from, report.period.to, 'fr'),
      intro: t(`reports.funders.${report.funder}.intro`),
      definitions: t('reports.funders.definitions'),
      empty: t('reports.empty'),
      footer: t('reports.funders.pdfFooter', { title: report.title, day: formatDate(createdAt) }),
      createdAt,
    };
  }

  async pdf(actor: Actor, funder: Funder, period: Period): Promise<Buffer> {
    const report = await this.report(actor, funder, period);
    return funderPdf(report, await this.documentText(actor, report));
  }

  async xlsx(actor: Actor, funder: Funder, period: Period): Promise<Buffer> {
    const report = await this.report(actor, funder, period);
    return funderXlsx(report, await this.documentText(actor, report), translator('fr')('reports.csv.code'));
  }
}
