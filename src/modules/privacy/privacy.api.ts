import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/access.ts';
import { RETENTION_KINDS, retentionKinds, type RetentionPeriods } from '../../platform/retention.ts';
import { registerJson, retentionForm, retentionJson } from './privacy.schemas.ts';
import type { RetentionService } from './retention.service.ts';

const tags = ['Données personnelles'];

const asItems = (periods: RetentionPeriods) => ({
  items: retentionKinds.map((kind) => ({ kind, amount: periods[kind], ...RETENTION_KINDS[kind] })),
});

/**
 * The privacy module's API: the retention periods (read and set by administrators) and the
 * register of processing activities (administrators and coordinators), the same as the pages.
 */
export function registerPrivacyApi(app: FastifyInstance, service: RetentionService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/privacy/retention', {
    config: { permission: 'privacy.manage' },
    schema: { operationId: 'getRetentionPeriods', tags, summary: 'Les durées de conservation du centre, par sorte de données', response: { 200: retentionJson } },
  }, async (request) => asItems(await service.periodsAs(actorOf(request))));

  api.put('/api/v1/privacy/retention', {
    config: { permission: 'privacy.manage' },
    schema: {
      operationId: 'setRetentionPeriods',
      tags,
      summary: 'Fixer les durées de conservation (mois ou jours selon la sorte de données)',
      body: retentionForm,
      response: { 200: retentionJson },
    },
  }, async (request) => asItems(await service.updateAs(actorOf(request), request.body)));

  api.get('/api/v1/privacy/register', {
    config: { permission: 'privacy.read' },
    schema: { operationId: 'getProcessingRegister', tags, summary: 'Le registre des activités de traitement (RGPD, article 30)', response: { 200: registerJson } },
  }, async (request) => service.registerAs(actorOf(request)));
}
