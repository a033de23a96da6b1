// API of consultations: list and read with forums.read, open and change with forums.manage.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { ForumService } from '../forum.service.ts';
import { consultationInput, consultationOutput, consultationPatch, idParams } from '../forums.schemas.ts';
import { consultationJson, tags } from './api-shared.ts';

export function registerConsultationsApi(app: FastifyInstance, forums: ForumService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/forums/consultations', {
    config: { permission: 'forums.read' },
    schema: { operationId: 'listConsultations', tags, summary: 'Lister les consultations du centre', response: { 200: z.object({ items: z.array(consultationOutput) }) } },
  }, async (request) => ({ items: (await forums.list(actorOf(request))).map(consultationJson) }));

  api.post('/api/v1/forums/consultations', {
    config: { permission: 'forums.manage' },
    schema: { operationId: 'createConsultation', tags, summary: 'Ouvrir une consultation (dates des phases, votes par personne, modération, communes)', body: consultationInput, response: { 201: consultationOutput } },
  }, async (request, reply) => reply.code(201).send(consultationJson(await forums.create(actorOf(request), request.body))));

  api.get('/api/v1/forums/consultations/:id', {
    config: { permission: 'forums.read' },
    schema: { operationId: 'getConsultation', tags, summary: 'Une consultation', params: idParams, response: { 200: consultationOutput } },
  }, async (request) => consultationJson(await forums.get(actorOf(request), request.params.id)));

  api.patch('/api/v1/forums/consultations/:id', {
    config: { permission: 'forums.manage' },
    schema: { operationId: 'updateConsultation', tags, summary: 'Modifier une consultation', params: idParams, body: consultationPatch, response: { 200: consultationOutput } },
  }, async (request) => consultationJson(await forums.update(actorOf(request), request.params.id, request.body)));
}
