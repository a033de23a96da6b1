// The equipment API's inventory (/api/v1/equipment/items): equipment.read to read, equipment.manage to change.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import { idParams, itemBody, itemOutput } from '../equipment.schemas.ts';
import type { Category, ItemStatus } from '../equipment.vocab.ts';
import type { ItemSummary } from '../inventory.service.ts';
import { tags } from './api-shared.ts';

function itemJson(i: ItemSummary): z.infer<typeof itemOutput> {
  return {
    id: i.id, name: i.name, category: i.category as Category, assetTag: i.assetTag, serialNumber: i.serialNumber, funder: i.funder, fundingProgramme: i.fundingProgramme,
    purchaseDate: i.purchaseDate, purchaseValueCents: i.purchaseValueCents, siteId: i.siteId, status: i.status as ItemStatus, displayStatus: i.displayStatus,
    lendable: i.lendable, publicDescription: i.publicDescription, depositCents: i.depositCents, requiredModuleId: i.requiredModuleId,
    requiredModuleTitle: i.requiredModule?.title ?? null, components: i.components.map((c) => ({ name: c.name, quantity: c.quantity })),
    createdAt: i.createdAt, updatedAt: i.updatedAt,
  };
}

/** The inventory: list, read, add (with the kit's components) and change an item. Another centre's ids answer 404. */
export function registerItemsApi(app: FastifyInstance, m: EquipmentModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/equipment/items', {
    config: { permission: 'equipment.read' },
    schema: { operationId: 'listEquipmentItems', tags, summary: 'L’inventaire du centre', response: { 200: z.object({ items: z.array(itemOutput) }) } },
  }, async (request) => ({ items: (await m.inventory.list(actorOf(request))).map(itemJson) }));

  api.post('/api/v1/equipment/items', {
    config: { permission: 'equipment.manage' },
    schema: { operationId: 'createEquipmentItem', tags, summary: 'Ajouter un matériel (avec les éléments du kit)', body: itemBody, response: { 201: itemOutput } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const item = await m.inventory.create(actor, request.body);
    return reply.code(201).send(itemJson(await m.inventory.get(actor, item.id)));
  });

  api.get('/api/v1/equipment/items/:id', {
    config: { permission: 'equipment.read' },
    schema: { operationId: 'getEquipmentItem', tags, summary: 'Un matériel', params: idParams, response: { 200: itemOutput } },
  }, async (request) => itemJson(await m.inventory.get(actorOf(request), request.params.id)));

  api.put('/api/v1/equipment/items/:id', {
    config: { permission: 'equipment.manage' },
    schema: { operationId: 'updateEquipmentItem', tags, summary: 'Modifier un matériel (tous ses champs)', params: idParams, body: itemBody, response: { 200: itemOutput } },
  }, async (request) => {
    const actor = actorOf(request);
    await m.inventory.update(actor, request.params.id, request.body);
    return itemJson(await m.inventory.get(actor, request.params.id));
  });
}
