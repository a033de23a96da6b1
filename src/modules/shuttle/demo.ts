/**
 * Demo data for the navette: 9 visit requests taken by phone from residents of 6 villages
 * around Masnières, most of them at home on Thursdays, and one confirmed tour next Tuesday
 * (the three requests of people at home on Tuesdays), with its road sheet. Idempotent: nothing
 * is added when the centre already has requests.
 */
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { communeCentre } from './commune-centres.ts';
import type { ShuttleModule } from './shuttle.module.ts';
import type { VisitRequestInput } from './shuttle.schemas.ts';
import type { PersonSummary } from './visit-request.service.ts';

interface DemoServices {
  shuttle: ShuttleModule;
  people: { search(actor: Actor, query: { q?: string; pageSize?: number }): Promise<{ items: (PersonSummary & { communeInsee: string | null; ageBracket: string })[] }> };
}

type DemoRequest = Omit<VisitRequestInput, 'personId' | 'location'> & { pin: [number, number] | null };

const THURSDAY = 4;
const TUESDAY = 2;
const at = (weekday: number, from: string, to: string) => ({ weekday, from, to });
/** A home a few hundred metres from the village centre (no pin: the centre itself). */
const near = (insee: string, dx: number, dy: number): [number, number] | null => {
  const centre = communeCentre(insee);
  return centre ? [Math.round((centre[0] + dx) * 10_000) / 10_000, Math.round((centre[1] + dy) * 10_000) / 10_000] : null;
};

const REQUESTS: DemoRequest[] = [
  { commune: '59377', address: '4 rue du Calvaire', pin: near('59377', 0.004, 0.002), problem: 'Ne reçoit plus ses mails depuis qu’elle a changé de box.', theme: 'email', urgency: 'urgente', availability: [at(THURSDAY, '09:00', '12:00')], notes: 'Entend mal : sonner longtemps.', durationMinutes: 45 },
  { commune: '59377', address: '18 route de Cambrai', pin: near('59377', -0.003, -0.002), problem: 'Voudrait appeler ses petits-enfants en vidéo.', theme: 'prendre_en_main_du_materiel', urgency: 'normale', availability: [at(THURSDAY, '14:00', '17:00'), at(TUESDAY, '14:00', '17:00')], notes: null, durationMinutes: 60 },
  { commune: '59269', address: '7 rue de la Gare', pin: near('59269', 0.002, 0.003), problem: 'Doit déclarer ses revenus en ligne, n’a jamais créé de compte.', theme: 'aide_aux_demarches_administratives', urgency: 'urgente', availability: [at(TUESDAY, '09:00', '12:00')], notes: 'Marche avec un déambulateur.', durationMinutes: 60 },
  { commune: '59269', address: '2 place de l’Église', pin: null, problem: 'Reçoit des SMS bizarres qui demandent de payer une amende.', theme: 'securite_numerique', urgency: 'normale', availability: [at(THURSDAY, '10:00', '16:00')], notes: null, durationMinutes: 30 },
  { commune: '59520', address: '11 rue Haute', pin: near('59520', 0.001, -0.002), problem: 'La tablette offerte par sa fille ne s’allume plus.', theme: 'maintenance_de_materiel', urgency: 'normale', availability: [at(THURSDAY, '13:30', '17:00')], notes: null, durationMinutes: 30 },
  { commune: '59520', address: '25 rue de Masnières', pin: near('59520', -0.002, 0.001), problem: 'Prendre rendez-vous chez le médecin sur internet.', theme: 'sante', urgency: 'normale', availability: [at(TUESDAY, '10:00', '16:00')], notes: 'Chien dans la cour, il est gentil.', durationMinutes: 45 },
  { commune: '59517', address: '3 rue du Moulin', pin: near('59517', 0.002, 0.002), problem: 'Ne sait plus son mot de passe pour les comptes de la banque.', theme: 'banque_et_achats_en_ligne', urgency: 'normale', availability: [at(THURSDAY, '09:00', '11:30')], notes: null, durationMinutes: 45 },
  { commune: '59502', address: '9 rue Jean Jaurès', pin: near('59502', -0.001, 0.002), problem: 'Son ordinateur est très lent et affiche des publicités.', theme: 'securite_numerique', urgency: 'normale', availability: [at(THURSDAY, '14:00', '17:30'), at(TUESDAY, '14:00', '17:30')], notes: null, durationMinutes: 60 },
  { commune: '59389', address: '30 rue de l’Escaut', pin: near('59389', 0.003, -0.003), problem: 'Veut apprendre à envoyer des photos par message.', theme: 'prendre_en_main_du_materiel', urgency: 'normale', availability: [at(THURSDAY, '10:00', '12:00')], notes: 'Au 2e étage sans ascenseur.', durationMinutes: 45 },
];

/** The next given weekday (1 = Monday) after a day. */
function nextWeekday(today: string, weekday: number): string {
  for (let d = 1; d <= 7; d++) {
    const day = addDays(today, d);
    if (((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1 === weekday) return day;
  }
  return addDays(today, 7);
}

export async function seedDemoShuttle(ctx: AppContext, services: DemoServices, centerId: string): Promise<number> {
  const actor: Actor = { ...systemActor(centerId), label: 'démonstration' };
  const { requests, tours } = services.shuttle;
  if ((await requests.list(actor)).length > 0) return 0;
  const { items } = await services.people.search(actor, { q: '', pageSize: 100 });
  const seniors = items.filter((p) => !p.erased && (p.ageBracket === 'soixante_dix_plus' || p.ageBracket === 'soixante_soixante_neuf'));
  const adults = [...seniors, ...items.filter((p) => !p.erased && !seniors.includes(p) && !['moins_de_douze', 'douze_dix_huit'].includes(p.ageBracket))];
  const used = new Set<string>();
  for (const [i, demo] of REQUESTS.entries()) {
    // A resident of the village when there is one, otherwise anyone not yet chosen.
    const person = adults.find((p) => p.communeInsee === demo.commune && !used.has(p.id)) ?? adults.find((p) => !used.has(p.id)) ?? items[i];
    if (!person) break;
    used.add(person.id);
    const { pin, ...input } = demo;
    await requests.create(actor, { ...input, personId: person.id, location: pin });
  }
  const tuesday = nextWeekday(parisDate(ctx.clock.now()), TUESDAY);
  await tours.create(actor, { date: tuesday, shift: { from: '08:30', to: '17:30' }, lunch: { from: '12:00', to: '13:30', minutes: 60 } }, { confirm: true }).catch(() => null);
  return used.size;
}
