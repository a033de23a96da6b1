// The inventory and an item's page (/materiel/gestion, /materiel/gestion/objets/:id): label, status, condition notes.
import type { FastifyInstance } from 'fastify';
import { can } from '../../../platform/auth/roles.ts';
import { invalid } from '../../../platform/errors.ts';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import { qrSvg } from '../../../platform/qr.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import { noteForm } from '../equipment.schemas.ts';
import { inventoryExport } from '../list-exports.ts';
import { InventoryPage, ItemPage } from '../views/equipment.view.tsx';
import { BASE } from './shared.ts';

/** The inventory, an item's page and its QR label (equipment.read); loans and reservations shown to equipment.lend. */
export function registerItemPages(app: FastifyInstance, m: EquipmentModule, publicUrl: string): void {
  app.get(BASE, page('equipment.read'), async (request, reply) => {
    const actor = actorOf(request);
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'inventory', inventoryExport(await m.inventory.list(actor)));
    const overdue = can(actor.role, 'equipment.lend') ? (await m.loans.overdue(actor)).length : null;
    return sendPage(reply, <InventoryPage ctx={viewContext(request)} items={await m.inventory.list(actor)} overdueCount={overdue} />);
  });

  app.get(`${BASE}/objets/:id`, page('equipment.read'), async (request, reply) => {
    const actor = actorOf(request);
    const item = await m.inventory.get(actor, idOf(request));
    const lend = can(actor.role, 'equipment.lend');
    const [loans, reservations] = lend
      ? await Promise.all([m.loans.list(actor, { itemId: item.id }), m.reservations.list(actor, { itemId: item.id, upcoming: true })])
      : [null, null];
    return sendPage(reply, <ItemPage ctx={viewContext(request)} data={{ item, loans, reservations, showLabel: true }} />);
  });

  app.get(`${BASE}/objets/:id/etiquette.svg`, page('equipment.read'), async (request, reply) => {
    const item = await m.inventory.get(actorOf(request), idOf(request));
    const svg = await qrSvg(`${publicUrl}${BASE}/objets/${item.id}`);
    return reply.header('cache-control', 'private, max-age=3600').type('image/svg+xml').send(svg);
  });
}

/** Changing an item's status (equipment.manage) and adding a condition note (equipment.lend). */
export function registerItemActions(app: FastifyInstance, m: EquipmentModule): void {
  app.post(`${BASE}/objets/:id/etat`, page('equipment.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const status = (request.body as Record<string, unknown> | undefined)?.status;
    if (status !== 'available' && status !== 'repair' && status !== 'retired') throw invalid({ status: 'errors.invalid' });
    await m.inventory.setStatus(actor, id, status);
    setFlash(reply, t(request.locale, 'equipment.item.statusSaved'));
    return redirectSeeOther(reply, `${BASE}/objets/${id}`);
  });

  app.post(`${BASE}/objets/:id/remarque`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    return handleForm(request, reply, {
      schema: noteForm,
      run: (form) => m.inventory.addNote(actor, id, form.note),
      render: async ({ errors }) => {
        const item = await m.inventory.get(actor, id);
        const [loans, reservations] = await Promise.all([m.loans.list(actor, { itemId: id }), m.reservations.list(actor, { itemId: id, upcoming: true })]);
        return sendPage(reply, <ItemPage ctx={viewContext(request)} data={{ item, loans, reservations, showLabel: false, noteErrors: errors }} />, 422);
      },
      done: () => ({ redirect: `${BASE}/objets/${id}`, flash: 'equipment.item.noteSaved' }),
    });
  });
}
