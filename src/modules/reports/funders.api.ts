import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { FUNDERS } from './funders.ts';
import type { FundersService } from './funders.service.ts';

const tags = ['Rapports'];

const reportTable = z.object({
  key: z.string().describe('Le nom stable du tableau : summary, ageBracket, loansByMonth, activityKind, epci, epci-<code SIREN>, theme…'),
  title: z.string(),
  rowHeader: z.string().describe('Ce que compte chaque ligne'),
  columns: z.array(z.object({ key: z.string(), label: z.string() })).describe('Les colonnes de nombres, dans l’ordre des valeurs'),
  rows: z.array(z.object({
    code: z.string().describe('Le code de la ligne : indicateur, mois AAAA-MM, tranche d’âge, code INSEE, thème…'),
    label: z.string(),
    values: z.array(z.number()).describe('Une valeur par colonne ; les personnes sont comptées une fois sur la période'),
  })),
});

const funderReportOutput = z.object({
  funder: z.enum(FUNDERS),
  period: z.object({ from: z.string(), to: z.string() }),
  title: z.string(),
  tables: z.array(reportTable),
});

/** The funders' reports in the JSON API: the same tables as the page, the PDF and the XLSX. */
export function registerFundersApi(app: FastifyInstance, funders: FundersService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/reports/funders/:funder', {
    config: { permission: 'reports.read' },
    schema: {
      operationId: 'getFunderReport',
      tags,
      summary: 'Un rapport pour un financeur sur une période : Carsat (seniors, prêts), CAF (activité du centre social), communautés de communes (habitants par commune), État (médiation numérique)',
      params: z.object({ funder: z.enum(FUNDERS).describe('carsat, caf, epci ou etat') }),
      querystring: z.object({
        from: z.string().optional().describe('Premier jour, AAAA-MM-JJ (par défaut le 1er janvier de l’année dernière)'),
        to: z.string().optional().describe('Dernier jour inclus, AAAA-MM-JJ (par défaut le 31 décembre de l’année dernière)'),
      }),
      response: { 200: funderReportOutput },
    },
  }, async (request) => funders.report(actorOf(request), request.params.funder, funders.period(request.query)));
}
