/**
 * Demo data for pathways: the four pathways of the product brief and a question bank that
 * covers the "Premiers pas" layer (one question per skill). Idempotent: a pathway already
 * there (same title) or a skill that already has a question is left alone.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { listEnrolmentsOfPathway } from './enrolment.repository.ts';
import type { PathwaysModule } from './pathways.module.ts';
import type { Audience, ModuleLevel, Picture } from './pathways.vocab.ts';

interface DemoModule {
  title: string;
  level: ModuleLevel;
  sessions: number;
  skills: string[];
  description?: string;
}

interface DemoPathway {
  key: 'tablette' | 'demarches' | 'robotique' | 'accueil';
  title: string;
  audience: Audience;
  description: string;
  modules: DemoModule[];
}

export const DEMO_PATHWAYS: DemoPathway[] = [
  {
    key: 'tablette',
    title: 'Premiers pas sur tablette',
    audience: 'seniors',
    description: 'Pour les personnes qui n’ont jamais utilisé de tablette : avec les tablettes prêtées par le centre, on apprend pas à pas, en petit groupe, à son rythme.',
    modules: [
      { title: 'Découvrir la tablette', level: 'decouverte', sessions: 2, skills: ['@allumer1', '@allumer2', '@tactile1', '@tactile2'] },
      { title: 'Se connecter et naviguer', level: 'debutant', sessions: 3, skills: ['@wifi1', '@wifi2', '@navigateur1', '@navigateur2', '@applis1', '@applis2'] },
      { title: 'Photos et appels vidéo', level: 'debutant', sessions: 3, skills: ['@photo1', '@photo2', '@photo3', '@visio1', '@visio2'] },
      { title: 'Écrire et rester en sécurité', level: 'intermediaire', sessions: 2, skills: ['@saisie1', '@saisie2', '@messages2', '@arnaques1', '@arnaques2'] },
    ],
  },
  {
    key: 'demarches',
    title: 'Mes démarches en ligne',
    audience: 'adultes',
    description: 'Faire ses démarches en ligne sans aide : e-mail, FranceConnect, ameli, impots.gouv.',
    modules: [
      { title: 'Ma boîte e-mail', level: 'debutant', sessions: 3, skills: ['@email1', '@email2', '@email3', '@creer-compte2'] },
      { title: 'FranceConnect et ameli', level: 'intermediaire', sessions: 2, skills: ['@franceconnect2', '@franceconnect3', '@ameli3', '@ameli4'] },
      { title: 'Les impôts en ligne', level: 'intermediaire', sessions: 2, skills: ['@impots3', '@impots4', '@mdp2', '@hameconnage3'] },
    ],
  },
  {
    key: 'robotique',
    title: 'Code et robotique',
    audience: 'enfants',
    description: 'Pour les 8 – 14 ans, au studio de création : penser comme un programme, coder avec des blocs, faire bouger des robots.',
    modules: [
      { title: 'Premiers algorithmes', level: 'decouverte', sessions: 2, skills: ['@algo1', '@algo2', '@robot2'] },
      { title: 'Programmer avec des blocs', level: 'debutant', sessions: 4, skills: ['@scratch2', '@scratch3', '@algo3', '@algo4'] },
      { title: 'Robots et capteurs', level: 'intermediaire', sessions: 4, skills: ['@robot3', '@robot4', '@robot5'] },
    ],
  },
  {
    key: 'accueil',
    title: 'Accueillir et accompagner',
    audience: 'benevoles',
    description: 'La formation des bénévoles avant d’accompagner des personnes : accueil, confidentialité et RGPD, aider sans faire à la place, Aidants Connect, arnaques.',
    modules: [
      { title: 'Accueillir et écouter', level: 'decouverte', sessions: 1, skills: ['@accueil1', '@accueil2'] },
      { title: 'Confidentialité et RGPD', level: 'debutant', sessions: 1, skills: ['@rgpd1', '@rgpd2', '@rgpd3'] },
      { title: 'Aider sans faire à la place', level: 'debutant', sessions: 1, skills: ['@autonomie1', '@autonomie2', '@aidants-connect2', '@aidants-connect3'] },
      { title: 'Repérer les arnaques', level: 'debutant', sessions: 1, skills: ['@arnaques-accompagnement1', '@arnaques-accompagnement2'] },
    ],
  },
];

type Q = [skill: string, prompt: string, right: string, wrong: string[], picture?: Picture, alt?: string];

/** One question per "Premiers pas" skill; the first answer listed is the right one (shuffled when shown). */
export const DEMO_QUESTIONS: Q[] = [
  ['@allumer1', 'Pour allumer la tablette, que faites-vous ?', 'J’appuie longtemps sur le bouton sur le côté', ['Je secoue la tablette', 'Je touche plusieurs fois l’écran noir'], 'tablette', 'Une tablette'],
  ['@allumer2', 'L’écran demande un code pour s’ouvrir. Que faites-vous ?', 'Je tape mon code secret sur les chiffres affichés', ['J’attends que l’écran s’ouvre tout seul', 'J’éteins la tablette']],
  ['@allumer3', 'La batterie est presque vide. Que faites-vous ?', 'Je branche le chargeur', ['Je baisse le son', 'J’éteins et je rallume la tablette']],
  ['@tactile1', 'Pour ouvrir une application sur l’écran, que faites-vous ?', 'Je touche son icône une fois avec le doigt', ['Je fais glisser l’icône vers le bas', 'J’appuie fort avec l’ongle pendant une minute']],
  ['@tactile2', 'Comment voir la suite d’une page trop longue ?', 'Je fais glisser mon doigt vers le haut sur l’écran', ['J’appuie sur le bouton d’allumage', 'Je retourne la tablette']],
  ['@tactile3', 'Comment agrandir une photo pour mieux la voir ?', 'J’écarte deux doigts posés sur la photo', ['J’appuie sur le bouton du volume', 'Je touche la photo avec la paume de la main']],
  ['@souris1', 'Avec une souris, comment ouvrir un lien ?', 'Je place la flèche dessus et je clique une fois avec le bouton gauche', ['Je soulève la souris', 'Je tourne la molette']],
  ['@souris2', 'Sur un ordinateur, comment ouvrir un dossier posé sur le bureau ?', 'Je fais un double-clic dessus avec le bouton gauche', ['Je clique une fois avec la molette', 'Je tape son nom au clavier sans rien sélectionner']],
  ['@souris3', 'Comment sélectionner une phrase pour la copier ?', 'Je clique au début, je garde le bouton appuyé et je glisse jusqu’à la fin', ['Je double-clique n’importe où sur l’écran', 'Je tape la phrase une deuxième fois']],
  ['@wifi1', 'À quoi ressemble le symbole du Wi-Fi ?', 'Des arcs en éventail, comme des ondes', ['Une enveloppe', 'Un cadenas fermé']],
  ['@wifi2', 'Pour vous connecter au Wi-Fi de la médiathèque, que vous faut-il ?', 'Le nom du réseau et son mot de passe', ['Le code de ma carte bancaire', 'Mon numéro de sécurité sociale'], 'wifi', 'Le symbole du Wi-Fi'],
  ['@wifi3', 'Comment vérifier que votre connexion à Internet fonctionne ?', 'J’ouvre une page web et je regarde si elle s’affiche', ['Je regarde si la tablette est chaude', 'Je vérifie l’heure']],
  ['@navigateur1', 'Quelle application permet d’aller sur des sites Internet ?', 'Le navigateur (Chrome, Firefox, Safari…)', ['La calculatrice', 'L’appareil photo'], 'loupe', 'Une loupe'],
  ['@navigateur2', 'Où tapez-vous l’adresse d’un site, par exemple service-public.fr ?', 'Dans la barre d’adresse, en haut du navigateur', ['Dans l’application Messages', 'Dans les réglages du Wi-Fi']],
  ['@navigateur3', 'Vous cherchez les horaires de la mairie de Caudry. Que tapez-vous dans le moteur de recherche ?', 'horaires mairie Caudry', ['Bonjour, pouvez-vous m’aider s’il vous plaît', 'www']],
  ['@applis1', 'Sur l’écran d’accueil, comment ouvrir l’application Météo ?', 'Je touche l’icône Météo', ['Je monte le son', 'J’éteins la tablette']],
  ['@applis2', 'Vous avez fini avec une application. Comment revenir à l’écran d’accueil ?', 'J’appuie sur le bouton (ou le geste) « Accueil »', ['Je débranche le chargeur', 'J’attends une heure']],
  ['@applis3', 'Où trouver une nouvelle application à installer ?', 'Dans la boutique d’applications (Play Store ou App Store)', ['Dans la galerie photo', 'Dans mes contacts']],
  ['@saisie1', 'Pour écrire un mot dans un message, que faites-vous ?', 'Je touche la zone de texte, puis les lettres du clavier qui apparaît', ['Je secoue la tablette', 'Je touche l’icône Appareil photo'], 'clavier', 'Un clavier'],
  ['@saisie2', 'Comment écrire une lettre majuscule ?', 'Je touche la flèche vers le haut, puis la lettre', ['J’appuie deux fois sur la lettre', 'J’appuie très fort sur la lettre']],
  ['@saisie3', 'Vous avez fait une faute de frappe. Comment l’effacer ?', 'Je touche la touche d’effacement (la flèche vers la gauche)', ['J’éteins la tablette', 'Je ferme l’application et je recommence tout']],
  ['@photo1', 'Comment prendre une photo avec la tablette ?', 'J’ouvre l’appareil photo et je touche le gros bouton rond', ['Je touche l’icône Météo', 'J’appuie sur le bouton d’allumage'], 'appareil_photo', 'Un appareil photo'],
  ['@photo2', 'Où retrouver les photos que vous avez prises ?', 'Dans la galerie (ou « Photos »)', ['Dans la calculatrice', 'Dans les réglages du Wi-Fi']],
  ['@photo3', 'Comment envoyer une photo à votre petite-fille ?', 'J’ouvre la photo, je touche « Partager » et je choisis son nom', ['Je supprime la photo', 'Je mets la photo en fond d’écran']],
  ['@visio1', 'Votre fils vous appelle en vidéo. Que faites-vous pour répondre ?', 'Je touche le bouton vert', ['Je touche le bouton rouge', 'J’éteins l’écran'], 'visio', 'Une caméra d’appel vidéo'],
  ['@visio2', 'Comment appeler un proche en vidéo ?', 'J’ouvre l’application d’appel, je choisis son nom et je touche l’icône caméra', ['Je lui envoie un e-mail vide', 'Je prends une photo de lui']],
  ['@visio3', 'Pendant un appel vidéo, comment couper votre micro ?', 'Je touche l’icône du micro barré', ['Je raccroche', 'Je pose la main sur l’écran']],
  ['@messages1', 'Une pastille rouge avec un chiffre apparaît sur l’icône Messages. Qu’est-ce que cela veut dire ?', 'J’ai reçu des messages que je n’ai pas encore lus', ['La tablette est en panne', 'La batterie est vide']],
  ['@messages2', 'Comment répondre à un message reçu ?', 'J’ouvre le message, j’écris en bas et je touche « Envoyer »', ['Je supprime le message', 'J’appelle mon opérateur']],
  ['@messages3', 'Comment écrire un nouveau message à un contact ?', 'Je touche le bouton « Nouveau message », puis je choisis le contact', ['J’ouvre la galerie photo', 'Je vais dans les réglages']],
  ['@arnaques1', 'Un message vous demande le code de votre carte bancaire. Que faites-vous ?', 'Je ne réponds pas : on ne donne jamais ce code', ['Je donne le code si le message a l’air officiel', 'Je réponds avec la moitié du code'], 'alerte', 'Un panneau attention'],
  ['@arnaques2', '« Votre colis est bloqué, payez 1,99 € ici » : ce message est…', 'Très probablement une arnaque', ['Forcément vrai', 'Un message de la mairie']],
  ['@arnaques3', 'Que faire d’un message frauduleux ?', 'Le supprimer sans cliquer, ou le signaler au 33700', ['Cliquer sur le lien pour voir', 'Le transférer à tous mes contacts']],
];

export interface DemoOptions {
  /** Persons to enrol in "Premiers pas sur tablette". */
  seniorPersonIds?: string[];
  /** Staff accounts (volunteers) to enrol in "Accueillir et accompagner". */
  volunteerUserIds?: string[];
  /** Require "Accueillir et accompagner" for the volunteer role (default: no). */
  requireVolunteerTraining?: boolean;
}

/** Seeds the framework, the demo pathways and the question bank of a centre; answers the pathway ids by key. */
export async function seedDemoPathways(
  ctx: AppContext,
  services: { pathways: PathwaysModule },
  centerId: string,
  demoOptions: DemoOptions | (() => Promise<DemoOptions>) = {},
): Promise<Record<DemoPathway['key'], string>> {
  const s = services.pathways;
  const actor: Actor = { ...systemActor(centerId), label: 'démonstration' };
  const skills = await s.framework.activeSkills(centerId);
  const byCode = new Map(skills.map((k) => [k.code, k.id]));
  const idOf = (code: string) => {
    const id = byCode.get(code);
    if (!id) throw new Error(`demo: skill ${code} missing from the framework`);
    return id;
  };

  const existing = await s.pathways.list(actor, { includeArchived: true });
  const ids = {} as Record<DemoPathway['key'], string>;
  for (const p of DEMO_PATHWAYS) {
    const found = existing.find((e) => e.title === p.title);
    if (found) {
      ids[p.key] = found.id;
      continue;
    }
    const created = await s.pathways.create(actor, {
      title: p.title,
      audience: p.audience,
      description: p.description,
      modules: p.modules.map((m) => ({ title: m.title, level: m.level, suggestedSessions: m.sessions, description: m.description ?? null, skillIds: m.skills.map(idOf), activityIds: [] })),
    });
    ids[p.key] = created.id;
  }

  const bank = await s.quiz.listBank(actor, { includeRetired: true });
  const covered = new Set(bank.map((q) => q.skillId));
  for (const [code, prompt, right, wrong, picture, alt] of DEMO_QUESTIONS) {
    const skillId = idOf(code);
    if (covered.has(skillId)) continue;
    await s.quiz.createQuestion(actor, {
      skillId,
      prompt,
      picture: picture ?? null,
      pictureAlt: alt ?? null,
      choices: [{ label: right, correct: true }, ...wrong.map((label) => ({ label, correct: false }))],
    });
  }

  // Options given as a function are worked out only while a pathway to enrol in has nobody yet:
  // a demo seeded by an earlier start does not pay for them at each start (QUALITY.md B6).
  const options = typeof demoOptions !== 'function' ? demoOptions : (await nobodyEnrolled(ctx, centerId, [ids.tablette, ids.accueil])) ? await demoOptions() : {};
  for (const personId of options.seniorPersonIds ?? []) {
    await s.enrolments.enrol(actor, ids.tablette, { personId, source: 'staff' }).catch(() => undefined);
  }
  for (const userId of options.volunteerUserIds ?? []) {
    await s.enrolments.enrol(actor, ids.accueil, { userId, source: 'staff' }).catch(() => undefined);
  }
  if (options.requireVolunteerTraining) await s.training.require(actor, { role: 'volunteer', pathwayId: ids.accueil }).catch(() => undefined);
  return ids;
}

async function nobodyEnrolled(ctx: AppContext, centerId: string, pathwayIds: string[]): Promise<boolean> {
  for (const pathwayId of pathwayIds) {
    if ((await listEnrolmentsOfPathway(ctx.kysely, centerId, pathwayId)).length === 0) return true;
  }
  return false;
}
