import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { apiErrors } from '../../platform/http/api-docs.ts';
import { COUNTING_RETRY_SECONDS, type FederationService } from './federation.service.ts';

const tags = ['Fédération'];

const maskedPersons = z.number().int().nullable().describe('Personnes différentes, chacune comptée une fois par centre ; null : moins de 5 en tout');

const row = z.object({
  key: z.string().describe('Mois « AAAA-MM », id du centre, tranche d’âge, genre, SIREN de l’intercommunalité, « non_communique », ou « other » : les lignes de moins de 5 personnes regroupées'),
  persons: maskedPersons,
  accompaniments: z.number().int().describe('Accompagnements individuels (permanences)'),
  workshopHours: z.number().nullable().describe('Heures d’atelier tenues (chaque séance une fois) ; null pour un trait des personnes'),
});

const reportOutput = z.object({
  federation: z.object({ name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  centreCount: z.number().int().describe('Centres de la fédération'),
  totals: z.object({
    persons: maskedPersons,
    accompaniments: z.number().int(),
    sessions: z.number().int().describe('Séances d’atelier tenues (au moins une personne présente)'),
    participations: z.number().int().describe('Présences en atelier'),
    workshopHours: z.number(),
  }),
  by: z.object({ month: z.array(row), centre: z.array(row), ageBracket: z.array(row), gender: z.array(row), epci: z.array(row) })
    .describe('Aucune ligne de moins de 5 personnes, ni qu’on puisse retrouver par soustraction du total'),
  centreNames: z.record(z.string(), z.string()).describe('Le nom de chaque centre de la fédération, par id'),
});

const countingOutput = z.object({
  status: z.literal('counting').describe('Les chiffres de certains centres sont en cours de calcul : redemandez après le délai de l’en-tête Retry-After'),
  federation: z.object({ name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  centreCount: z.number().int().describe('Centres de la fédération'),
  readyCount: z.number().int().describe('Centres dont les chiffres sont prêts'),
});

/** The federation's figures in the JSON API: the same as its page. */
export function registerFederationApi(app: FastifyInstance, federation: FederationService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/federation/report', {
    config: { permission: 'federation.read' },
    schema: {
      operationId: 'getFederationReport',
      tags,
      summary: 'Pour le compte d’une fédération : les chiffres anonymes de ses centres sur une période (personnes, accompagnements, heures d’atelier, par mois, centre, âge, genre et intercommunalité)',
      description: [
        'Aucune donnée personnelle : chaque ligne de moins de 5 personnes est regroupée avec d’autres. 404 pour un compte rattaché à aucune fédération.',
        '',
        'Les chiffres de chaque centre sont gardés une fois calculés, et ceux de l’année en cours sont tenus à jour d’avance. Pour une période jamais demandée, le calcul de nombreux centres prend plus de temps : la réponse est alors 202, avec le nombre de centres déjà prêts et un en-tête `Retry-After` ; redemandez la même période après ce délai, jusqu’à la réponse 200.',
        '',
        'Authentification : la session du compte de la fédération, ou, pour un logiciel de la fédération, l’en-tête `Authorization: Bearer <jeton>` avec un jeton de la fédération (préfixe `ldf_`), créé par son compte sur la page Fédération › Jetons d’accès à l’API (/federation/jetons). Ce jeton ne lit que cette opération : toute autre répond 403. Un jeton révoqué répond 401.',
      ].join('\n'),
      querystring: z.object({
        from: z.string().optional().describe('Premier jour, AAAA-MM-JJ (par défaut le 1er janvier de l’année en cours)'),
        to: z.string().optional().describe('Dernier jour inclus, AAAA-MM-JJ (par défaut le 31 décembre)'),
      }),
      response: { 200: reportOutput, 202: countingOutput, ...apiErrors(404) },
    },
  }, async (request, reply) => {
    const answer = await federation.answer(actorOf(request), federation.period(request.query));
    if (answer.status === 'counting') {
      const { status, federation: named, period, centreCount, readyCount } = answer;
      return reply.code(202).header('retry-after', String(COUNTING_RETRY_SECONDS)).send({ status, federation: named, period, centreCount, readyCount });
    }
    const { report } = answer;
    return { federation: report.federation, period: report.period, centreCount: report.centreCount, totals: report.figures.totals, by: report.figures.by, centreNames: report.centreNames };
  });
}
