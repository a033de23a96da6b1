import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { toCsv } from '../../platform/csv.ts';
import { toXlsx, XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { page } from '../../platform/http/access.ts';
import { publicCentreId } from '../../platform/http/request-context.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { notFound } from '../../platform/errors.ts';
import { buildListing, FIELDS, type Place } from './open-data.ts';
import type { CentreReportsPort } from './ports.ts';

/**
 * The centre's public listing as open data (standard des lieux de médiation numérique), at a
 * stable public address, in JSON and CSV (and XLSX, the same rows, for people who open it in a spreadsheet). It holds no personal data: places, hours, services.
 */
export function registerOpenDataRoutes(app: FastifyInstance, ctx: AppContext, centrePort: CentreReportsPort): void {
  async function listing(centerId: string): Promise<Place[]> {
    const centre = await findCentreById(ctx.kysely, centerId);
    if (!centre) throw notFound();
    const sites = (await centrePort.listSites(centerId)).filter((s) => s.archivedAt === null);
    return buildListing(centre, sites, { publicUrl: ctx.config.publicUrl });
  }

  app.get('/donnees/lieux-mediation-numerique.json', page('public'), async (request, reply) => {
    const places = await listing(publicCentreId(request));
    return reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').type('application/json; charset=utf-8').send(JSON.stringify(places));
  });

  app.get('/donnees/lieux-mediation-numerique.csv', page('public'), async (request, reply) => {
    const places = await listing(publicCentreId(request));
    // The standard's CSV: comma-separated, UTF-8, raw values (no spreadsheet formula guard: "+33…" is a phone number).
    const csv = toCsv(FIELDS, places.map((p) => FIELDS.map((f) => p[f])), { separator: ',', guardFormulas: false });
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'inline; filename="lieux-mediation-numerique.csv"')
      .send(csv);
  });

  app.get('/donnees/lieux-mediation-numerique.xlsx', page('public'), async (request, reply) => {
    const centerId = publicCentreId(request);
    const places = await listing(centerId);
    const centre = await findCentreById(ctx.kysely, centerId);
    const xlsx = await toXlsx([{ name: 'lieux-mediation-numerique', header: FIELDS, rows: places.map((p) => FIELDS.map((f) => p[f])) }], { creator: centre?.name ?? '', createdAt: ctx.clock.nowIso() });
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', 'attachment; filename="lieux-mediation-numerique.xlsx"')
      .send(xlsx);
  });
}
