/**
 * The demo centre's consultation: "Forums 2027", in its votes phase at the demo's clock, with
 * themes proposed online (one anonymously: an e-mail kept private, no name) and collected on
 * paper or by phone, a paper duplicate merged into its online twin, one waiting for moderation,
 * one refused with its public reason, a few online votes and a paper tally of 27 votes
 * collected at the market. Idempotent: a centre that has a consultation is left alone.
 */
import { systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { listConsultations } from './forum.repository.ts';
import type { ForumsModule } from './forums.module.ts';

const WEB = [
  { title: 'Reconnaître les arnaques par SMS et par e-mail', body: 'Ma mère a reçu un faux message de l’Assurance maladie. Comment s’en protéger ?', firstName: 'Nathalie', lastName: 'Deprez', commune: '59389' },
  { title: 'Prendre rendez-vous chez le médecin sur internet', body: 'Doctolib, Mon espace santé : on ne sait pas par où commencer.', firstName: 'Gérard', lastName: 'Lemaire', commune: '59377' },
  { title: 'Les écrans et les enfants', body: 'Combien de temps, quels contrôles parentaux, comment en parler en famille.', firstName: 'Aurélie', lastName: 'Caron', commune: '59269' },
];
const PAPER = [
  { title: 'Faire sa déclaration de revenus en ligne', body: 'Proposé sur la boîte à idées de l’accueil.', origin: 'paper' as const },
  { title: 'Vendre et acheter d’occasion sans se faire avoir', body: 'Reçu par téléphone.', origin: 'phone' as const },
  { title: 'Réparer plutôt que jeter : ordinateurs et téléphones', body: 'Proposé au café des aînés.', origin: 'paper' as const },
];

export async function seedDemoForums(ctx: AppContext, services: { forums: ForumsModule }, centerId: string): Promise<void> {
  if ((await listConsultations(ctx.kysely, centerId)).length > 0) return;
  const actor = systemActor(centerId);
  const { forums } = services.forums;
  const today = parisDate(ctx.clock.now());
  // Open for proposals first, so that the residents' themes come in as they would online…
  const consultation = await forums.create(actor, {
    title: 'Forums 2027 : choisissons ensemble les thèmes',
    description: 'Chaque année, le centre organise des temps d’information sur des thèmes proposés par les habitants. Proposez, votez : les thèmes les plus soutenus deviennent des forums en 2027.',
    proposalsOpenOn: addDays(today, -40), votesOpenOn: addDays(today, 1), votesCloseOn: addDays(today, 30),
    votesPerPerson: 3, moderation: true, eligibleCommunes: ['59389', '59377', '59269', '59502'],
  });
  const ids: string[] = [];
  for (const w of WEB) {
    const p = await forums.propose(null, centerId, consultation.id, {
      title: w.title, body: w.body, communeInsee: w.commune, origin: 'web', firstName: w.firstName, lastName: w.lastName,
      email: `${w.firstName}.${w.lastName}@exemple.fr`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''), consent: true,
    });
    await forums.moderate(actor, p.id, { action: 'accept', publicAnswer: null, mergedIntoId: null });
    ids.push(p.id);
  }
  for (const q of PAPER) {
    const p = await forums.propose(actor, centerId, consultation.id, { title: q.title, body: q.body, communeInsee: null, origin: q.origin, firstName: null, lastName: null, email: null, consent: false });
    ids.push(p.id);
  }
  // A resident who did not give their name: only an e-mail, kept private, to hear what became of it.
  const anonymous = await forums.propose(null, centerId, consultation.id, {
    title: 'Suivre la scolarité de mes enfants sur l’espace numérique du collège', body: 'Les notes, les devoirs, les messages des professeurs : je m’y perds.',
    communeInsee: '59377', origin: 'web', anonymous: true, firstName: null, lastName: null, email: 'parent.college@exemple.fr', consent: true,
  });
  await forums.moderate(actor, anonymous.id, { action: 'accept', publicAnswer: null, mergedIntoId: null });
  ids.push(anonymous.id);
  // The same subject twice (online and on paper): the paper one joins the online one, with its support.
  const duplicate = await forums.propose(actor, centerId, consultation.id, {
    title: 'Les arnaques au téléphone et par message', body: 'Proposé au marché.', communeInsee: null, origin: 'paper', firstName: null, lastName: null, email: null, consent: false,
  });
  await forums.moderate(actor, duplicate.id, { action: 'merge', publicAnswer: 'Même sujet que « Reconnaître les arnaques par SMS et par e-mail ».', mergedIntoId: ids[0]! });
  const refused = await forums.propose(null, centerId, consultation.id, {
    title: 'Publicité pour mon entreprise', body: 'Venez découvrir nos offres.', communeInsee: null, origin: 'web', firstName: 'Kévin', lastName: 'Mercier', email: 'kevin.mercier@exemple.fr', consent: true,
  });
  await forums.moderate(actor, refused.id, { action: 'reject', publicAnswer: 'Les forums ne font pas de place à la publicité.', mergedIntoId: null });
  await forums.propose(null, centerId, consultation.id, {
    title: 'Utiliser l’intelligence artificielle au quotidien', body: 'ChatGPT, est-ce fiable ?', communeInsee: '59502', origin: 'web', firstName: 'Inès', lastName: 'Haddad', email: 'ines.haddad@exemple.fr', consent: true,
  });
  // …then the votes open (five days ago), and residents vote online and at the market.
  await forums.update(actor, consultation.id, { votesOpenOn: addDays(today, -5) });
  const voters = [
    { firstName: 'Jeanne', lastName: 'Dufour', themes: [0, 1, 3] },
    { firstName: 'Marcel', lastName: 'Wattiez', themes: [0, 3] },
    { firstName: 'Chloé', lastName: 'Vasseur', themes: [2, 0] },
    { firstName: 'René', lastName: 'Leroy', themes: [1, 6] },
    { firstName: 'Sylvie', lastName: 'Delattre', themes: [6, 5] },
  ];
  for (const v of voters) {
    await forums.vote(centerId, consultation.id, {
      proposalIds: v.themes.map((i) => ids[i]!), firstName: v.firstName, lastName: v.lastName, email: `${v.firstName}.${v.lastName}@exemple.fr`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
      communeInsee: '59389', consent: true,
    });
  }
  await forums.addTally(actor, consultation.id, { proposalId: ids[3]!, count: 27, collectedWhere: 'collectés au marché', collectedOn: addDays(today, -2) });
  await forums.addTally(actor, consultation.id, { proposalId: ids[0]!, count: 9, collectedWhere: 'urne de l’accueil du centre', collectedOn: addDays(today, -1) });
}
