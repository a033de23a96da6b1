/**
 * The demo's resource space: a dozen practical guides in plain French, published, some of them
 * linked to the demo programme's workshops by theme. Idempotent: a centre that already has
 * fiches gets none. Fictional centre, real-life advice (checked against the public services'
 * own help pages at the time of writing).
 */
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { MediationTheme } from '../../platform/vocab/mediation.ts';
import type { ResourcesModule } from './resources.module.ts';
import type { CompetenceCode, FicheLevel } from './resources.vocab.ts';

interface DemoFiche {
  title: string;
  summary: string;
  body: string;
  level: FicheLevel;
  themes: MediationTheme[];
  competences: CompetenceCode[];
}

const DEMO_FICHES: DemoFiche[] = [
  {
    title: 'Reconnaître un SMS frauduleux',
    summary: 'Un colis en attente, une amende, un remboursement de l’Assurance maladie ? Voici comment repérer une arnaque par SMS avant de cliquer.',
    level: 'debutant',
    themes: ['securite_numerique'],
    competences: ['4.1', '4.2'],
    body: `## Les signes qui doivent vous alerter

1. **On vous presse.** « Dernier délai », « votre compte sera bloqué aujourd’hui ».
2. **On vous demande de payer une petite somme** : des frais de livraison de 1,99 €, une amende.
3. **Le lien est bizarre.** Il ne ressemble pas à l’adresse habituelle du site (ameli.fr, laposte.fr, impots.gouv.fr).
4. **Le numéro est inconnu**, parfois un numéro de portable ordinaire.
5. **On vous demande vos codes** : mot de passe, code reçu par SMS, numéro de carte bancaire.

## Ce qu’il faut faire

- **Ne cliquez pas sur le lien** et ne répondez pas.
- Transférez le SMS au **33700** (c’est gratuit) : c’est le numéro officiel pour signaler les arnaques par SMS.
- Supprimez ensuite le message.
- En cas de doute, allez vous-même sur le site officiel ou appelez le numéro écrit sur votre carte ou votre facture.

## Vous avez déjà cliqué ou payé ?

- Appelez tout de suite votre banque pour faire opposition à votre carte.
- Changez le mot de passe du compte concerné.
- Venez nous voir à la permanence : nous vous aiderons à porter plainte et à signaler l’arnaque.

> Une administration ou une banque ne vous demande **jamais** vos codes par SMS.`,
  },
  {
    title: 'Créer son compte ameli',
    summary: 'Votre espace en ligne de l’Assurance maladie : suivre vos remboursements, télécharger une attestation, écrire à votre caisse.',
    level: 'debutant',
    themes: ['sante', 'aide_aux_demarches_administratives'],
    competences: ['2.1', '4.2'],
    body: `## Avant de commencer

Préparez :

- votre **carte Vitale** ;
- votre **relevé d’identité bancaire** (RIB) : les derniers chiffres de votre IBAN vous seront demandés ;
- une **adresse e-mail** que vous consultez ;
- votre **téléphone portable**.

## Les étapes

1. Allez sur le site **ameli.fr** et choisissez « Compte ameli ».
2. Cliquez sur « Créer mon compte ».
3. Tapez votre numéro de sécurité sociale (13 chiffres, sur la carte Vitale) et votre date de naissance.
4. Indiquez les chiffres de votre IBAN demandés.
5. Choisissez un mot de passe et notez-le dans un endroit sûr, chez vous.
6. Ouvrez l’e-mail envoyé par l’Assurance maladie et cliquez sur le lien pour activer le compte.

## Bon à savoir

- Vous pouvez aussi vous connecter avec **FranceConnect**.
- Ne donnez jamais votre mot de passe, même à quelqu’un qui vous aide : nous ne vous le demanderons pas.`,
  },
  {
    title: 'Envoyer une photo par e-mail',
    summary: 'Joindre une photo de votre téléphone à un message, pour l’envoyer à la famille ou à une administration.',
    level: 'debutant',
    themes: ['email', 'gere_ses_contenus_numeriques'],
    competences: ['2.1', '2.2'],
    body: `## Depuis votre téléphone

1. Ouvrez l’application **Galerie** (ou **Photos**).
2. Touchez la photo à envoyer.
3. Touchez le bouton **Partager** (un petit symbole avec des points reliés, ou un carré avec une flèche).
4. Choisissez votre application d’e-mail (Gmail, Outlook, Mail…).
5. Tapez l’adresse de la personne dans « À ».
6. Écrivez un objet, par exemple « Photo de mon justificatif ».
7. Touchez **Envoyer** (la flèche).

## Depuis l’e-mail

1. Écrivez votre message.
2. Touchez le **trombone** : c’est le symbole des pièces jointes.
3. Choisissez la photo, puis envoyez.

## Bon à savoir

- Pour un document officiel, prenez la photo **à plat, à la lumière du jour**, sans reflet.
- Une photo très lourde peut être refusée : choisissez « taille moyenne » si on vous le propose.`,
  },
  {
    title: 'Se connecter au Wi-Fi',
    summary: 'Se connecter à internet sans utiliser son forfait, chez soi, à la médiathèque ou au centre social.',
    level: 'debutant',
    themes: ['prendre_en_main_du_materiel', 'navigation_sur_internet'],
    competences: ['5.1', '5.2'],
    body: `## Les étapes

1. Ouvrez les **Paramètres** (ou Réglages) : l’icône en forme de roue dentée.
2. Touchez **Wi-Fi** et vérifiez qu’il est activé.
3. La liste des réseaux apparaît. Touchez le nom du réseau : chez vous, il est écrit sous votre box.
4. Tapez le **mot de passe** (on dit aussi « clé de sécurité »). Attention aux majuscules.
5. Touchez **Se connecter**. Le symbole Wi-Fi apparaît en haut de l’écran.

## Ça ne marche pas ?

- Vérifiez le mot de passe, lettre par lettre.
- Éteignez puis rallumez le Wi-Fi du téléphone.
- Redémarrez votre box : débranchez-la, attendez 30 secondes, rebranchez-la.

## Bon à savoir

Sur un Wi-Fi public (gare, café), évitez de faire vos démarches bancaires.`,
  },
  {
    title: 'Créer un mot de passe solide',
    summary: 'Un bon mot de passe protège vos comptes. Voici une méthode simple pour en créer un et s’en souvenir.',
    level: 'debutant',
    themes: ['securite_numerique'],
    competences: ['4.1', '4.2'],
    body: `## La méthode de la phrase

1. Pensez à une phrase facile à retenir : « Mon chat Filou mange 2 croquettes à midi ! »
2. Gardez la première lettre de chaque mot, les chiffres et la ponctuation : **McFm2cam!**
3. Vous avez un mot de passe de 9 caractères, avec majuscules, chiffre et symbole.

## Les règles d’or

- **Un mot de passe différent pour chaque compte important** (e-mail, banque, impôts).
- Jamais votre date de naissance ni le nom de votre animal seul.
- Ne le donnez à personne, même par téléphone.
- Notez-le sur un carnet rangé chez vous, pas sur un papier collé à l’écran.`,
  },
  {
    title: 'Faire une visio avec ses proches',
    summary: 'Voir et parler à sa famille à distance avec WhatsApp, gratuitement en Wi-Fi.',
    level: 'debutant',
    themes: ['reseaux_sociaux', 'prendre_en_main_du_materiel'],
    competences: ['2.1'],
    body: `## Avec WhatsApp

1. Ouvrez **WhatsApp**.
2. Touchez la conversation de la personne à appeler.
3. Touchez la **petite caméra** en haut de l’écran.
4. Attendez qu’elle décroche. Tenez le téléphone devant vous, à hauteur des yeux.
5. Pour raccrocher, touchez le **bouton rouge**.

## Pour que ça se passe bien

- Installez-vous dans une pièce calme et bien éclairée, la lumière devant vous.
- Connectez-vous au Wi-Fi : un appel vidéo consomme beaucoup de forfait.
- Si l’image se fige, coupez la caméra : le son passera mieux.`,
  },
  {
    title: 'Déclarer ses revenus en ligne',
    summary: 'Les grandes étapes de la déclaration de revenus sur impots.gouv.fr, et ce qu’il faut avoir sous la main.',
    level: 'intermediaire',
    themes: ['aide_aux_demarches_administratives', 'banque_et_achats_en_ligne'],
    competences: ['2.4'],
    body: `## Préparez

- Votre **numéro fiscal** (13 chiffres, en haut de votre dernier avis d’impôt).
- Votre mot de passe, ou votre compte **FranceConnect**.
- Vos justificatifs : salaires, pensions, frais de garde, dons.

## Les étapes

1. Allez sur **impots.gouv.fr** et cliquez sur « Votre espace particulier ».
2. Connectez-vous, puis cliquez sur « Déclarer mes revenus ».
3. Vérifiez votre situation (adresse, famille).
4. Vérifiez les montants **déjà remplis** : comparez-les avec vos papiers.
5. Ajoutez ce qui manque (dons, emploi à domicile…).
6. Signez la déclaration en cliquant sur « Valider et signer ».
7. Téléchargez l’**accusé de réception** et gardez-le.

## Bon à savoir

Vous avez un doute ? Ne validez pas : venez à la permanence avec vos papiers.`,
  },
  {
    title: 'Prendre rendez-vous chez le médecin en ligne',
    summary: 'Réserver un créneau chez un médecin ou un dentiste sur internet, et annuler si besoin.',
    level: 'debutant',
    themes: ['sante'],
    competences: ['1.1', '2.1'],
    body: `## Les étapes

1. Ouvrez le site ou l’application de prise de rendez-vous utilisé par votre médecin (Doctolib, Maiia…).
2. Tapez le **nom du médecin** ou la spécialité, puis votre commune.
3. Choisissez le motif : « consultation de suivi », « première consultation »…
4. Touchez un **créneau** libre.
5. Connectez-vous ou créez un compte (adresse e-mail et téléphone).
6. Vérifiez la date et l’heure, puis confirmez. Un SMS de confirmation arrive.

## Annuler

Si vous ne pouvez pas venir, **annulez au moins 24 heures avant** depuis « Mes rendez-vous » : le créneau servira à quelqu’un d’autre.`,
  },
  {
    title: 'Installer une application sur son téléphone',
    summary: 'Trouver et installer une application en toute sécurité depuis le magasin officiel de votre téléphone.',
    level: 'debutant',
    themes: ['prendre_en_main_du_materiel'],
    competences: ['5.2'],
    body: `## Les étapes

1. Ouvrez le magasin d’applications : **Play Store** (Android) ou **App Store** (iPhone).
2. Touchez la **loupe** et tapez le nom de l’application, par exemple « ameli ».
3. Vérifiez l’**éditeur** sous le nom : pour ameli, c’est la « Caisse nationale de l’Assurance maladie ».
4. Touchez **Installer** (ou Obtenir).
5. Attendez la fin du téléchargement, puis touchez **Ouvrir**.

## Attention

- N’installez pas une application reçue par un lien dans un SMS.
- Une application gratuite qui demande votre numéro de carte bancaire doit vous alerter.`,
  },
  {
    title: 'Scanner un document avec son téléphone',
    summary: 'Transformer un papier en fichier PDF bien lisible, pour l’envoyer à la CAF, à la mairie ou à un employeur.',
    level: 'intermediaire',
    themes: ['aide_aux_demarches_administratives', 'gere_ses_contenus_numeriques'],
    competences: ['1.2', '3.3'],
    body: `## Avec l’application Google Drive (Android) ou Notes (iPhone)

1. Posez le document **à plat**, sur une table claire, près d’une fenêtre.
2. **Android** : ouvrez Google Drive, touchez **+**, puis **Scanner**. **iPhone** : ouvrez Notes, touchez l’appareil photo, puis **Scanner des documents**.
3. Cadrez la feuille entière. L’application détecte les bords toute seule.
4. Ajoutez les autres pages si besoin.
5. Enregistrez : vous obtenez un **PDF**.
6. Donnez-lui un nom clair, par exemple « justificatif-domicile-mars ».

## Bon à savoir

Un scan est bien plus lisible qu’une photo : les administrations le préfèrent.`,
  },
  {
    title: 'Repérer une fausse information',
    summary: 'Avant de partager une information vue sur internet ou reçue d’un proche, quelques questions à se poser.',
    level: 'intermediaire',
    themes: ['culture_numerique', 'reseaux_sociaux'],
    competences: ['1.1', '2.2'],
    body: `## Cinq questions à se poser

1. **Qui le dit ?** Un journal connu, un organisme officiel, ou un compte inconnu ?
2. **De quand date l’information ?** Une vieille histoire revient souvent comme si elle était neuve.
3. **D’autres sources en parlent-elles ?** Tapez le sujet dans un moteur de recherche.
4. **Le titre fait-il très peur ou très en colère ?** C’est souvent fait exprès, pour qu’on partage vite.
5. **La photo est-elle vraie ?** Elle peut venir d’un autre pays ou d’une autre année.

## En cas de doute

**Ne partagez pas.** Une information fausse, même partagée de bonne foi, peut faire du tort.`,
  },
  {
    title: 'Utiliser un assistant d’intelligence artificielle sans risque',
    summary: 'Les assistants comme ChatGPT ou Le Chat peuvent aider à écrire une lettre. Quelques règles pour bien s’en servir.',
    level: 'intermediaire',
    themes: ['intelligence_artificielle'],
    competences: ['1.1', '4.2'],
    body: `## À quoi ça peut servir

- Reformuler une lettre pour qu’elle soit plus claire.
- Expliquer un mot difficile d’un courrier administratif.
- Donner des idées de recette avec ce qu’il y a dans le frigo.

## Les règles à respecter

1. **Ne donnez jamais d’informations personnelles** : numéro de sécurité sociale, adresse, mots de passe, documents médicaux.
2. **Vérifiez ce qu’il répond** : un assistant peut se tromper avec beaucoup d’assurance.
3. Pour une démarche officielle, **la bonne information est sur le site de l’administration** (service-public.fr).

## Bon à savoir

Ce que vous écrivez peut être conservé par l’entreprise qui fournit l’assistant.`,
  },
];

/** Workshops of the demo programme that get a fiche, by theme. */
const LINKS: [MediationTheme, string][] = [
  ['securite_numerique', 'Reconnaître un SMS frauduleux'],
  ['securite_numerique', 'Créer un mot de passe solide'],
  ['email', 'Envoyer une photo par e-mail'],
  ['prendre_en_main_du_materiel', 'Se connecter au Wi-Fi'],
  ['prendre_en_main_du_materiel', 'Installer une application sur son téléphone'],
];

/** What the demo seeder reads of the programme: its activities and their themes. */
interface ProgrammeLike {
  list(actor: Actor, options: { includeArchived?: boolean }): Promise<{ id: string; theme: string }[]>;
}

export async function seedDemoResources(_ctx: AppContext, services: { resources: ResourcesModule; activities: { programme: ProgrammeLike } }, centerId: string): Promise<{ fiches: number }> {
  const actor = systemActor(centerId);
  const fiches = services.resources.fiches;
  if ((await fiches.listAll(actor)).length > 0) return { fiches: 0 };
  const activities = await services.activities.programme.list(actor, {});
  for (const demo of DEMO_FICHES) {
    const activityIds = activities.filter((a) => LINKS.some(([theme, title]) => theme === a.theme && title === demo.title)).map((a) => a.id);
    const created = await fiches.create(actor, { ...demo, activityIds });
    await fiches.setPublished(actor, created.id, true);
  }
  return { fiches: DEMO_FICHES.length };
}
