import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/access.ts';
import { apiErrors } from '../../platform/http/api-docs.ts';
import type { ReportsService } from './reports.service.ts';

const tags = ['Rapports'];

const row = z.object({
  key: z.string().describe('Le code : mois « AAAA-MM », type d’activité, tranche d’âge, genre, situation, code INSEE de la commune, SIREN de l’intercommunalité, thème de médiation, id du lieu ; « non_communique » quand on ne sait pas'),
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
    month: z.array(row), activityKind: z.array(row).describe('Type d’activité ; « permanence » : les accompagnements'), ageBracket: z.array(row), gender: z.array(row),
    socialStatus: z.array(row), commune: z.array(row), epci: z.array(row).describe('Code SIREN de l’intercommunalité de la commune des personnes'), theme: z.array(row), site: z.array(row),
  }),
  siteNames: z.record(z.string(), z.string()).describe('Le nom de chaque lieu cité'),
});

const periodQuery = z.object({
  from: z.string().optional().describe('Premier jour, AAAA-MM-JJ (par défaut le 1er janvier de l’année en cours)'),
  to: z.string().optional().describe('Dernier jour inclus, AAAA-MM-JJ (par défaut le 31 décembre)'),
});

const maskedCount = z.number().int().nullable().describe('Nombre de personnes ; null quand il est inférieur à 5');

const communeOutput = z.object({
  communeInsee: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  residentsReached: maskedCount,
  residentsInWorkshops: maskedCount,
  residentsAccompanied: maskedCount,
  byAgeBracket: z
    .array(z.object({ key: z.string().describe('Tranche d’âge, ou « other » : les tranches de moins de 5 personnes regroupées'), persons: maskedCount }))
    .describe('Aucune tranche de moins de 5 personnes, ni qu’on puisse retrouver par soustraction du total'),
  sessionsInVillage: z.number().int().describe('Séances tenues dans la commune'),
  participantsInVillage: maskedCount,
});

/** The reports' JSON API: the same figures as the report page, and a partner commune's view. */
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

  api.get('/api/v1/reports/commune', {
    config: { permission: 'reports.commune' },
    schema: {
      operationId: 'getCommuneFigures',
      tags,
      summary: 'Pour le compte d’une commune partenaire : les chiffres agrégés de ses habitants et des séances tenues chez elle, sans donnée personnelle (moins de 5 : masqué)',
      description: '404 pour un compte partenaire rattaché à aucune commune.',
      querystring: periodQuery,
      response: { 200: communeOutput, ...apiErrors(404) },
    },
  }, async (request) => {
    const view = await reports.communeView(actorOf(request), reports.period(request.query));
    if (!view) throw notFound();
    return view;
  });
}
