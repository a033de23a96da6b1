import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import type { ReportsService } from './reports.service.ts';

const tags = ['Rapports'];

const row = z.object({
  key: z.string().describe('Le code : mois « AAAA-MM », tranche d’âge, genre, situation, code INSEE de la commune, thème de médiation, id du lieu ; « non_communique » quand on ne sait pas'),
  persons: z.number().int().describe('Personnes différentes, chacune comptée une fois'),
  accompaniments: z.number().int().describe('Accompagnements individuels (permanences)'),
  workshopHours: z.number().nullable().describe('Heures d’atelier tenues (chaque séance une fois) ; null pour un trait des personnes'),
});

const figuresOutput = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({
    persons: z.number().int(),
    accompaniments: z.number().int(),
    sessions: z.number().int().describe('Séances d’atelier tenues (au moins une personne présente)'),
    participations: z.number().int().describe('Présences en atelier'),
    workshopHours: z.number(),
  }),
  by: z.object({
    month: z.array(row), ageBracket: z.array(row), gender: z.array(row), socialStatus: z.array(row),
    commune: z.array(row), theme: z.array(row), site: z.array(row),
  }),
  siteNames: z.record(z.string(), z.string()).describe('Le nom de chaque lieu cité'),
});

const periodQuery = z.object({
  from: z.string().optional().describe('Premier jour, AAAA-MM-JJ (par défaut le 1er janvier de l’année en cours)'),
  to: z.string().optional().describe('Dernier jour inclus, AAAA-MM-JJ (par défaut le 31 décembre)'),
});

/** The reports' JSON API: the same figures as the report page. */
export function registerReportsApi(app: FastifyInstance, reports: ReportsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/reports/figures', {
    config: { permission: 'reports.read' },
    schema: {
      operationId: 'getReportFigures',
      tags,
      summary: 'Les chiffres du centre sur une période : personnes (comptées une fois), accompagnements, heures d’atelier, par mois, âge, genre, situation, commune, thème et lieu',
      querystring: periodQuery,
      response: { 200: figuresOutput },
    },
  }, async (request) => {
    const report = await reports.centreReport(actorOf(request), reports.period(request.query));
    return { period: report.period, totals: report.figures.totals, by: report.figures.by, siteNames: report.siteNames };
  });
}
