import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { publicCentreId } from '../../platform/http/request-context.ts';
import type { FicheRow, FicheView } from './fiche.service.ts';
import { ficheBody, fichePatch, ficheQuery, idParams } from './resources.schemas.ts';
import type { ResourcesModule } from './resources.module.ts';

const tags = ['Ressources'];

const ficheSummaryJson = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  level: z.string(),
  themes: z.array(z.string()).describe('Thèmes de la médiation numérique (La Coop)'),
  competences: z.array(z.string()).describe('Compétences du CRCN (Pix), par exemple « 4.1 »'),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  url: z.string().describe('Adresse de la page publique'),
});
const ficheJson = ficheSummaryJson.extend({
  body: z.string().describe('Contenu en Markdown (le HTML n’est pas interprété)'),
  html: z.string().describe('Contenu rendu en HTML, nettoyé'),
  activityIds: z.array(z.string()),
  moduleIds: z.array(z.string()),
});

function summaryOut(f: FicheRow) {
  return {
    id: f.id, slug: f.slug, title: f.title, summary: f.summary, level: f.level, themes: f.themes, competences: f.competences,
    status: f.status as 'draft' | 'published', publishedAt: f.publishedAt, updatedAt: f.updatedAt, url: `/ressources/${f.slug}`,
  };
}

function ficheOut(f: FicheView) {
  return { ...summaryOut(f), body: f.body, html: f.html, activityIds: f.activityIds, moduleIds: f.moduleIds };
}

/**
 * The JSON API of the resource space, over the same service as the pages: reading and
 * searching the published fiches needs no account; writing needs resources.manage.
 */
export function registerResourcesApi(app: FastifyInstance, s: ResourcesModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/resources/fiches', {
    config: { access: 'public' },
    schema: {
      operationId: 'listFiches', tags, security: [],
      summary: 'Les fiches pratiques publiées ; q : recherche sans tenir compte des accents, theme : un thème',
      querystring: ficheQuery, response: { 200: z.object({ items: z.array(ficheSummaryJson), partial: z.boolean().describe('Aucune fiche ne contient tous les mots : fiches qui en contiennent une partie') }) },
    },
  }, async (request) => {
    const centerId = publicCentreId(request);
    const q = request.query.q?.trim();
    const found = q ? await s.fiches.search(centerId, q) : { fiches: await s.fiches.listPublished(centerId), partial: false };
    const theme = request.query.theme;
    return { items: found.fiches.filter((f) => !theme || f.themes.includes(theme)).map(summaryOut), partial: found.partial };
  });

  api.get('/api/v1/resources/fiches/:id', {
    config: { access: 'public' },
    schema: { operationId: 'getFiche', tags, security: [], summary: 'Une fiche publiée (un brouillon pour l’équipe qui peut les modifier)', params: idParams, response: { 200: ficheJson } },
  }, async (request) => ficheOut(await s.fiches.get(publicCentreId(request), request.params.id, request.actor)));

  api.post('/api/v1/resources/fiches', {
    config: { permission: 'resources.manage' },
    schema: { operationId: 'createFiche', tags, summary: 'Écrire une fiche (enregistrée comme brouillon)', body: ficheBody, response: { 201: ficheJson } },
  }, async (request, reply) => reply.code(201).send(ficheOut(await s.fiches.create(actorOf(request), request.body))));

  api.patch('/api/v1/resources/fiches/:id', {
    config: { permission: 'resources.manage' },
    schema: { operationId: 'updateFiche', tags, summary: 'Modifier une fiche ; status « published » la publie, « draft » la retire', params: idParams, body: fichePatch, response: { 200: ficheJson } },
  }, async (request) => ficheOut(await s.fiches.update(actorOf(request), request.params.id, request.body)));
}
