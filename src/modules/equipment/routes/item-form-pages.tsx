// Adding and changing an item (/materiel/gestion/nouveau, /materiel/gestion/objets/:id/modifier), equipment.manage.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import { itemForm, parseComponents } from '../equipment.schemas.ts';
import type { ItemInput, ItemSummary } from '../inventory.service.ts';
import { ItemFormPage } from '../views/equipment.view.tsx';
import { BASE } from './shared.ts';

const ITEM_ORDER = ['name', 'category', 'assetTag', 'serialNumber', 'funder', 'fundingProgramme', 'purchaseDate', 'purchaseValue', 'siteId', 'lendable', 'deposit', 'requiredModuleId', 'components', 'publicDescription'];

function itemValues(item: ItemSummary): FormValues {
  const euros = (cents: number | null) => (cents === null ? '' : String(cents / 100).replace('.', ','));
  return {
    name: item.name, category: item.category, assetTag: item.assetTag, serialNumber: item.serialNumber ?? '', funder: item.funder ?? '',
    fundingProgramme: item.fundingProgramme ?? '', purchaseDate: item.purchaseDate ?? '', purchaseValue: euros(item.purchaseValueCents),
    siteId: item.siteId ?? '', lendable: item.lendable ? 'oui' : 'non', publicDescription: item.publicDescription ?? '', deposit: euros(item.depositCents),
    requiredModuleId: item.requiredModuleId ?? '', components: item.components.map((c) => (c.quantity > 1 ? `${c.quantity} ${c.name}` : c.name)).join('\n'),
  };
}

function itemInput(form: ReturnType<typeof itemForm.parse>): ItemInput {
  return {
    name: form.name, category: form.category, assetTag: form.assetTag, serialNumber: form.serialNumber, funder: form.funder, fundingProgramme: form.fundingProgramme,
    purchaseDate: form.purchaseDate, purchaseValueCents: form.purchaseValue, siteId: form.siteId, lendable: form.lendable === 'oui',
    publicDescription: form.publicDescription, depositCents: form.deposit, requiredModuleId: form.requiredModuleId, components: parseComponents(form.components),
  };
}

/** The item form, new (`item` null) or filled, with the centre's sites and the pathway modules an item may require. */
async function itemFormPage(
  m: EquipmentModule, request: FastifyRequest, reply: FastifyReply, item: ItemSummary | null, values: FormValues, errors?: FieldErrors, status = 422,
) {
  const actor = actorOf(request);
  const [sites, modules] = await Promise.all([m.inventory.sites(actor.centerId), m.inventory.training.modules(actor.centerId)]);
  return sendPage(reply, <ItemFormPage ctx={viewContext(request)} item={item} values={values} errors={errors} sites={sites} modules={modules} />, errors ? status : 200);
}

/** The item form: add (/nouveau) and change (/objets/:id/modifier). */
export function registerItemFormPages(app: FastifyInstance, m: EquipmentModule): void {
  app.get(`${BASE}/nouveau`, page('equipment.manage'), async (request, reply) => itemFormPage(m, request, reply, null, { lendable: 'oui' }));
  app.post(`${BASE}/nouveau`, page('equipment.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: itemForm, order: ITEM_ORDER,
      run: (form) => m.inventory.create(actor, itemInput(form)),
      render: ({ values, errors, status }) => itemFormPage(m, request, reply, null, values, errors, status),
      done: (item) => ({ redirect: `${BASE}/objets/${item.id}`, flash: 'equipment.item.saved' }),
    });
  });

  app.get(`${BASE}/objets/:id/modifier`, page('equipment.manage'), async (request, reply) => {
    const item = await m.inventory.get(actorOf(request), idOf(request));
    return itemFormPage(m, request, reply, item, itemValues(item));
  });
  app.post(`${BASE}/objets/:id/modifier`, page('equipment.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const item = await m.inventory.get(actor, idOf(request));
    return handleForm(request, reply, {
      schema: itemForm, order: ITEM_ORDER,
      run: (form) => m.inventory.update(actor, item.id, itemInput(form)),
      render: ({ values, errors, status }) => itemFormPage(m, request, reply, item, values, errors, status),
      done: () => ({ redirect: `${BASE}/objets/${item.id}`, flash: 'equipment.item.saved' }),
    });
  });
}
