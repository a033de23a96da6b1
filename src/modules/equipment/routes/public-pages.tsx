// The public catalogue (/materiel): what residents may borrow, without personal data.
import type { FastifyInstance } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import { publicCentreId } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import { PublicEquipmentPage, type PublicEntry } from '../views/public.view.tsx';

/** /materiel: the items with a public description, each with how many of its category are available. */
export function registerPublicEquipmentPages(app: FastifyInstance, m: EquipmentModule): void {
  app.get('/materiel', page('public'), async (request, reply) => {
    const items = await m.inventory.publicCatalogue(publicCentreId(request));
    const shown = items.filter((i) => i.publicDescription);
    const entries: PublicEntry[] = shown.map((item) => ({
      item,
      available: items.filter((i) => i.category === item.category && i.lendable && i.displayStatus === 'available').length,
    }));
    return sendPage(reply, <PublicEquipmentPage ctx={viewContext(request)} entries={entries} />);
  });
}
