/**
 * Fiches given to a person at a navette visit ("give this fiche to the person"). Rules owned
 * here:
 * - the staff who write visit reports (shuttle.requests) note, on a stored report, which
 *   published fiches of the centre they gave; noting again replaces the list;
 * - the visit page shows them under the report, and the person's file links to the list of
 *   every fiche given at their visits (ctx.personLinks), newest visit first;
 * - a report or a person the actor does not see (another centre, a file hidden from them)
 *   answers 404, as the navette decides.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { FicheLink } from '../../platform/fiche-links.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './fiche.repository.ts';
import type { VisitChoice, VisitsPort } from './ports.ts';

export class FichesGivenService {
  constructor(
    private readonly ctx: AppContext,
    private readonly visits?: VisitsPort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  private port(): VisitsPort {
    if (!this.visits) throw notFound();
    return this.visits;
  }

  /** A visit, the published fiches that can be given and those already noted. */
  async atVisit(actor: Actor, reportId: string): Promise<{ visit: VisitChoice; fiches: repo.FicheRow[]; given: string[] }> {
    requirePermission(actor, 'shuttle.requests');
    const visit = await this.port().visit(actor, reportId);
    const [fiches, given] = await Promise.all([
      repo.listFiches(this.db, actor.centerId, { publishedOnly: true }),
      repo.ficheIdsOfSubject(this.db, actor.centerId, 'visit_report', visit.id),
    ]);
    return { visit, fiches, given };
  }

  async give(actor: Actor, reportId: string, ficheIds: readonly string[]): Promise<VisitChoice> {
    const { visit, fiches } = await this.atVisit(actor, reportId);
    const published = new Set(fiches.map((f) => f.id));
    if (ficheIds.some((id) => !published.has(id))) throw invalid({ ficheIds: 'resources.given.unknown' });
    const ids = [...new Set(ficheIds)];
    await this.db.transaction().execute(async (trx) => {
      await repo.replaceFichesOfSubject(trx, actor.centerId, 'visit_report', visit.id, ids.map((ficheId) => ({ id: newId(), ficheId })));
      await audit(trx, this.ctx.clock, actor, 'update', 'person', visit.personId, { fichesGiven: ids.length, visitReportId: visit.id });
    });
    return visit;
  }

  /** Every fiche given at a person's visits, newest visit first. */
  async toPerson(actor: Actor, personId: string): Promise<{ visit: VisitChoice; fiches: FicheLink[] }[]> {
    requirePermission(actor, 'shuttle.requests');
    const visits = await this.port().visitsOfPerson(actor, personId);
    const given = await repo.publishedFichesOfSubjects(this.db, actor.centerId, 'visit_report', visits.map((v) => v.id));
    return visits
      .map((visit) => ({ visit, fiches: given.filter((g) => g.subjectId === visit.id).map((g) => ({ title: g.title, href: `/ressources/${g.slug}` })) }))
      .filter((v) => v.fiches.length > 0)
      .sort((a, b) => b.visit.writtenAt.localeCompare(a.visit.writtenAt));
  }
}
