import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { exportFormatOf, sendExportFile } from '../../platform/exports/table-export.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { apiErrors } from '../../platform/http/api-docs.ts';
import { queryString } from '../../platform/http/request-context.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import type { ReportsService } from './reports.service.ts';

const spreadsheet = z.string().meta({ format: 'binary' });

/**
 * La Coop's activity export: `/rapports/activites-coop?du=&au=&format=` from the report page
 * (a long period runs in the background), and the same file in the API.
 */
export function registerCoopExportRoutes(app: FastifyInstance, ctx: AppContext, reports: ReportsService): void {
  app.get('/rapports/activites-coop', page('reports.read'), async (request, reply) => {
    const period = reports.period({ from: queryString(request, 'du'), to: queryString(request, 'au') });
    return ctx.exports.answer(reply, actorOf(request), 'coop-activities', exportFormatOf(request) ?? 'xlsx', { from: period.from, to: period.to });
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/reports/coop-activities', {
    config: { permission: 'reports.read' },
    schema: {
      operationId: 'getCoopActivities',
      tags: ['Rapports'],
      summary: 'Les ateliers et les accompagnements d’une période avec les colonnes et les libellés de l’export « Activités » de La Coop de la médiation numérique (CSV ou XLSX)',
      description: 'Une ligne par séance d’atelier (les personnes présentes) et une par accompagnement. Contient des données personnelles (noms) : chaque export est écrit dans le journal.',
      querystring: z.object({
        from: z.string().optional().describe('Premier jour, AAAA-MM-JJ (par défaut le 1er janvier de l’année en cours)'),
        to: z.string().optional().describe('Dernier jour inclus, AAAA-MM-JJ (par défaut le 31 décembre)'),
        format: z.enum(['csv', 'xlsx']).default('xlsx').describe('csv (UTF-8 avec BOM, « ; ») ou xlsx'),
      }),
      produces: ['text/csv', XLSX_CONTENT_TYPE],
      response: {
        200: { description: 'Le fichier', content: { 'text/csv': { schema: spreadsheet }, [XLSX_CONTENT_TYPE]: { schema: spreadsheet } } },
        ...apiErrors(422),
      },
    },
  }, async (request, reply) => {
    const period = reports.period(request.query);
    const file = await ctx.exports.file(actorOf(request), 'coop-activities', request.query.format, { from: period.from, to: period.to });
    return sendExportFile(reply, file);
  });
}
