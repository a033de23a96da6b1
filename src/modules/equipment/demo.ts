/**
 * Demo data for equipment: the 6 Facilotab tablets funded by the Carsat, the studio's robot and
 * electronics kits, laptops, a camera, the 3D printer (which requires the module "Imprimer en 3D
 * en sécurité", added to the demo pathway "Code et robotique" when missing) and the studio
 * itself; a tablet lent to a senior and the robot kits reserved for next month's stage.
 * Idempotent: nothing is added when the centre already has items.
 */
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import type { PathwaysModule } from '../pathways/pathways.module.ts';
import type { EquipmentModule } from './equipment.module.ts';
import type { ItemInput } from './inventory.service.ts';
import type { PeoplePort } from './ports.ts';

export const PRINTER_MODULE = 'Imprimer en 3D en sécurité';
const ROBOTICS_PATHWAY = 'Code et robotique';

interface DemoServices {
  equipment: EquipmentModule;
  pathways: PathwaysModule;
  people: PeoplePort;
  centre: { listSites(centerId: string): Promise<{ id: string; kind: string }[]> };
}

/** The 3D-printing module, in the robotics pathway (added when missing); its id. */
async function printerModule(services: DemoServices, actor: Actor): Promise<string | null> {
  const { pathways } = services.pathways;
  const robotics = (await pathways.list(actor, { includeArchived: true })).find((p) => p.title === ROBOTICS_PATHWAY);
  if (!robotics) return null;
  const detail = await pathways.detail(actor.centerId, robotics.id);
  const found = detail.modules.find((m) => m.title === PRINTER_MODULE);
  if (found) return found.id;
  const skills = await services.pathways.framework.activeSkills(actor.centerId);
  const skillIds = skills.filter((s) => ['@image5', '@robot2'].includes(s.code)).map((s) => s.id);
  return pathways.addModule(actor, robotics.id, {
    title: PRINTER_MODULE, level: 'debutant', suggestedSessions: 1, skillIds, activityIds: [],
    description: 'Préparer un fichier, lancer une impression, et les règles de sécurité : plateau chaud, buse à 200 °C, aération.',
  });
}

const base = (input: Partial<ItemInput> & Pick<ItemInput, 'name' | 'category' | 'assetTag'>): ItemInput => ({
  serialNumber: null, funder: null, fundingProgramme: null, purchaseDate: null, purchaseValueCents: null, siteId: null, lendable: true,
  publicDescription: null, depositCents: null, requiredModuleId: null, components: [], ...input,
});

export async function seedDemoEquipment(ctx: AppContext, services: DemoServices, centerId: string): Promise<number> {
  const actor: Actor = { ...systemActor(centerId), label: 'démonstration' };
  const { inventory, loans, reservations } = services.equipment;
  if ((await inventory.list(actor)).length > 0) return 0;
  const moduleId = await printerModule(services, actor);
  const sites = await services.centre.listSites(centerId);
  const centreSite = sites.find((s) => s.kind === 'centre')?.id ?? null;
  const studio = sites.find((s) => s.kind === 'studio')?.id ?? centreSite;

  const items: ItemInput[] = [];
  for (let n = 1; n <= 6; n++) {
    items.push(base({
      name: `Tablette Facilotab n°${n}`, category: 'tablette', assetTag: `TAB-0${n}`, serialNumber: `FT10-2026-00${n}`, funder: 'Carsat Nord-Picardie',
      fundingProgramme: 'Bien vieillir connecté — ateliers tablettes', purchaseDate: '2026-02-16', purchaseValueCents: 34_900, siteId: centreSite, depositCents: 0,
      publicDescription: n === 1 ? 'Des tablettes simples, avec de grandes icônes, prêtées un mois aux seniors qui suivent les ateliers tablette. Gratuit, sans caution.' : null,
      components: [{ name: 'Chargeur', quantity: 1 }, { name: 'Housse', quantity: 1 }, { name: 'Stylet', quantity: 1 }],
    }));
  }
  items.push(
    base({
      name: 'Kit robots Thymio', category: 'robotique', assetTag: 'ROB-01', funder: 'CAF du Nord', fundingProgramme: 'Fonds publics et territoires', purchaseDate: '2025-09-08',
      purchaseValueCents: 92_000, siteId: studio, publicDescription: 'Six robots éducatifs pour apprendre à programmer en s’amusant, dès 8 ans. Se prêtent aux écoles et aux villages partenaires.',
      components: [{ name: 'Robot Thymio', quantity: 6 }, { name: 'Câble USB', quantity: 6 }, { name: 'Clé radio', quantity: 6 }],
    }),
    base({
      name: 'Kit électronique Arduino', category: 'electronique', assetTag: 'ELEC-01', funder: 'Communauté d’agglomération de Cambrai', purchaseDate: '2025-10-01',
      purchaseValueCents: 24_000, siteId: studio, publicDescription: 'Cartes programmables, LED, boutons et capteurs pour fabriquer ses premiers objets connectés.',
      components: [{ name: 'Carte Arduino', quantity: 8 }, { name: 'Boîte de composants', quantity: 8 }],
    }),
    base({
      name: 'Imprimante 3D Prusa MK4', category: 'impression_3d', assetTag: 'IMP3D-01', funder: 'État', fundingProgramme: 'France Services numérique — fabrique', purchaseDate: '2025-11-20',
      purchaseValueCents: 109_900, siteId: studio, lendable: false, requiredModuleId: moduleId,
      publicDescription: 'Au studio, sur place : imprimez vos objets après le module « Imprimer en 3D en sécurité ».',
    }),
    base({ name: 'Ordinateur portable n°1', category: 'ordinateur', assetTag: 'PC-01', funder: 'Conseil départemental du Nord', purchaseDate: '2025-06-12', purchaseValueCents: 59_900, siteId: centreSite, components: [{ name: 'Chargeur', quantity: 1 }, { name: 'Souris', quantity: 1 }] }),
    base({ name: 'Ordinateur portable n°2', category: 'ordinateur', assetTag: 'PC-02', funder: 'Conseil départemental du Nord', purchaseDate: '2025-06-12', purchaseValueCents: 59_900, siteId: centreSite, components: [{ name: 'Chargeur', quantity: 1 }, { name: 'Souris', quantity: 1 }] }),
    base({ name: 'Appareil photo hybride', category: 'photo_video', assetTag: 'PHOTO-01', funder: 'CAF du Nord', purchaseDate: '2025-04-03', purchaseValueCents: 64_900, siteId: studio, depositCents: 10_000, components: [{ name: 'Batterie', quantity: 2 }, { name: 'Carte mémoire', quantity: 1 }] }),
    base({ name: 'Studio de création', category: 'espace', assetTag: 'STUDIO', siteId: studio, lendable: false, publicDescription: 'Le studio se réserve pour un atelier, un projet de jeunes ou une association : ordinateurs, robots, imprimante 3D.' }),
  );
  const ids: Record<string, string> = {};
  for (const item of items) ids[item.assetTag] = (await inventory.create(actor, item)).id;

  const today = parisDate(ctx.clock.now());
  const { items: persons } = await services.people.search(actor, { q: '', pageSize: 100 });
  const senior = persons.find((p) => p.ageBracket === 'soixante_dix_plus');
  if (senior) await loans.lend(actor, { itemId: ids['TAB-02']!, personId: senior.id, conditionOut: 'Bon état, avec chargeur, housse et stylet', reminders: true });
  const stage = addDays(today, 30);
  await reservations.reserve(actor, { itemId: ids['ROB-01']!, personId: null, purpose: 'Stage robotique des vacances (8 – 14 ans)', startsOn: stage, endsOn: addDays(stage, 4) });
  return items.length;
}
