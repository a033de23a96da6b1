/**
 * The competence framework every centre starts with. The domains and the 16 competences are
 * those of the French CRCN (the reference frame Pix evaluates), with their official names;
 * the subjects and the skill statements are our own, in plain French, difficulty 1 to 8.
 * Two more layers sit beside it: "Premiers pas" for absolute beginners, mapped to the
 * national mediation themes of La Coop, and "Pratiques d'accompagnement" to train the team
 * and the volunteers. A centre gets a copy the first time it uses pathways, then edits its own.
 *
 * Authoring shape: subject code → title and skills [difficulty, statement]. Skill codes are
 * derived Pix-style: "@" + subject code + difficulty (at most one skill per level and subject).
 */
import type { FrameworkDocument } from './framework.ts';
import type { MediationTheme } from '../../platform/vocab/mediation.ts';

type SkillSpec = [difficulty: number, statement: string];
interface SubjectSpec {
  code: string;
  title: string;
  skills: SkillSpec[];
}
interface CompetenceSpec {
  code: string;
  title: string;
  theme: MediationTheme | null;
  subjects: SubjectSpec[];
}
interface DomainSpec {
  code: string;
  title: string;
  layer: 'crcn' | 'premiers_pas' | 'equipe';
  competences: CompetenceSpec[];
}

const DOMAINS: DomainSpec[] = [
  {
    code: 'PP',
    title: 'Premiers pas',
    layer: 'premiers_pas',
    competences: [
      {
        code: 'PP.1',
        title: 'Prendre en main une tablette, un téléphone ou un ordinateur',
        theme: 'prendre_en_main_du_materiel',
        subjects: [
          { code: 'allumer', title: 'Allumer, déverrouiller, éteindre', skills: [[1, 'Je sais allumer la tablette et la mettre en veille'], [2, 'Je sais déverrouiller l’écran avec mon code'], [3, 'Je sais éteindre complètement l’appareil et le recharger']] },
          { code: 'tactile', title: 'Utiliser un écran tactile', skills: [[1, 'Je sais toucher une icône pour l’ouvrir'], [2, 'Je sais faire glisser mon doigt pour faire défiler une page'], [3, 'Je sais agrandir une photo ou un texte avec deux doigts']] },
          { code: 'souris', title: 'Utiliser une souris et un clavier', skills: [[1, 'Je sais déplacer le pointeur et cliquer avec la souris'], [2, 'Je sais faire un double-clic et un clic droit'], [3, 'Je sais sélectionner un texte en maintenant le clic']] },
        ],
      },
      {
        code: 'PP.2',
        title: 'Se connecter à Internet',
        theme: 'navigation_sur_internet',
        subjects: [
          { code: 'wifi', title: 'Se connecter au Wi-Fi', skills: [[1, 'Je sais reconnaître le symbole du Wi-Fi'], [2, 'Je sais me connecter à un réseau Wi-Fi avec son mot de passe'], [3, 'Je sais vérifier que ma connexion à Internet fonctionne']] },
          { code: 'navigateur', title: 'Aller sur un site', skills: [[1, 'Je sais ouvrir le navigateur Internet'], [2, 'Je sais taper l’adresse d’un site'], [3, 'Je sais faire une recherche et ouvrir un résultat']] },
        ],
      },
      {
        code: 'PP.3',
        title: 'Utiliser les applications',
        theme: 'prendre_en_main_du_materiel',
        subjects: [
          { code: 'applis', title: 'Ouvrir et fermer une application', skills: [[1, 'Je sais ouvrir une application depuis l’écran d’accueil'], [2, 'Je sais revenir à l’écran d’accueil et fermer une application'], [3, 'Je sais installer une application depuis la boutique d’applications']] },
        ],
      },
      {
        code: 'PP.4',
        title: 'Écrire un texte',
        theme: 'prendre_en_main_du_materiel',
        subjects: [
          { code: 'saisie', title: 'Taper et corriger un texte', skills: [[1, 'Je sais taper un mot avec le clavier'], [2, 'Je sais écrire une majuscule et une lettre accentuée'], [3, 'Je sais effacer et corriger une erreur']] },
        ],
      },
      {
        code: 'PP.5',
        title: 'Prendre et retrouver ses photos',
        theme: 'gere_ses_contenus_numeriques',
        subjects: [
          { code: 'photo', title: 'Photos et vidéos', skills: [[1, 'Je sais prendre une photo'], [2, 'Je sais retrouver mes photos dans la galerie'], [3, 'Je sais envoyer une photo à un proche']] },
        ],
      },
      {
        code: 'PP.6',
        title: 'Garder le contact avec ses proches',
        theme: 'reseaux_sociaux',
        subjects: [
          { code: 'visio', title: 'Appels vidéo', skills: [[1, 'Je sais répondre à un appel vidéo'], [2, 'Je sais passer un appel vidéo à un proche'], [3, 'Je sais couper le micro ou la caméra pendant un appel']] },
          { code: 'messages', title: 'Messages', skills: [[1, 'Je sais lire un message reçu'], [2, 'Je sais répondre à un message'], [3, 'Je sais écrire un nouveau message à un contact']] },
        ],
      },
      {
        code: 'PP.7',
        title: 'Se protéger des arnaques',
        theme: 'securite_numerique',
        subjects: [
          { code: 'arnaques', title: 'Reconnaître un message frauduleux', skills: [[1, 'Je sais qu’il ne faut jamais donner son code de carte bancaire par message'], [2, 'Je sais reconnaître un message frauduleux (urgence, faute, lien étrange)'], [3, 'Je sais supprimer ou signaler un message frauduleux']] },
        ],
      },
    ],
  },
  {
    code: '1',
    title: 'Informations et données',
    layer: 'crcn',
    competences: [
      {
        code: '1.1',
        title: 'Mener une recherche et une veille d’information',
        theme: 'navigation_sur_internet',
        subjects: [
          { code: 'recherche', title: 'Chercher sur le web', skills: [[1, 'Je sais taper quelques mots dans un moteur de recherche'], [2, 'Je sais choisir les bons mots pour trouver une information'], [3, 'Je sais reconnaître une publicité dans les résultats'], [4, 'Je sais utiliser des guillemets ou des filtres pour préciser ma recherche'], [5, 'Je sais vérifier une information sur plusieurs sources']] },
          { code: 'veille', title: 'Suivre l’actualité d’un sujet', skills: [[3, 'Je sais m’abonner à une lettre d’information'], [4, 'Je sais créer une alerte sur un sujet'], [6, 'Je sais organiser une veille avec plusieurs sources']] },
        ],
      },
      {
        code: '1.2',
        title: 'Gérer des données',
        theme: 'gere_ses_contenus_numeriques',
        subjects: [
          { code: 'fichiers', title: 'Fichiers et dossiers', skills: [[1, 'Je sais ouvrir un document reçu'], [2, 'Je sais enregistrer un document dans un dossier'], [3, 'Je sais créer, renommer et déplacer un dossier'], [4, 'Je sais retrouver un fichier téléchargé'], [5, 'Je sais compresser et décompresser un fichier']] },
          { code: 'nuage', title: 'Stockage en ligne', skills: [[3, 'Je sais déposer un document dans un espace de stockage en ligne'], [4, 'Je sais synchroniser mes photos avec un stockage en ligne'], [5, 'Je sais faire une sauvegarde de mes données importantes']] },
        ],
      },
      {
        code: '1.3',
        title: 'Traiter des données',
        theme: 'bureautique',
        subjects: [
          { code: 'tableur', title: 'Tableaux de données', skills: [[2, 'Je sais remplir un tableau simple'], [3, 'Je sais trier une liste dans un tableur'], [4, 'Je sais faire une somme avec une formule'], [5, 'Je sais faire un graphique à partir d’un tableau'], [6, 'Je sais filtrer et croiser des données']] },
        ],
      },
    ],
  },
  {
    code: '2',
    title: 'Communication et collaboration',
    layer: 'crcn',
    competences: [
      {
        code: '2.1',
        title: 'Interagir',
        theme: 'email',
        subjects: [
          { code: 'email', title: 'Courrier électronique', skills: [[1, 'Je sais lire un e-mail reçu'], [2, 'Je sais écrire et envoyer un e-mail'], [3, 'Je sais joindre une photo à un e-mail'], [4, 'Je sais classer mes e-mails et répondre à plusieurs personnes'], [5, 'Je sais reconnaître et signaler un courriel indésirable']] },
          { code: 'creer-compte', title: 'Adresse e-mail', skills: [[2, 'Je sais créer une adresse e-mail'], [3, 'Je sais me connecter à ma messagerie sur un autre appareil'], [4, 'Je sais récupérer l’accès à ma messagerie si j’oublie mon mot de passe']] },
        ],
      },
      {
        code: '2.2',
        title: 'Partager et publier',
        theme: 'reseaux_sociaux',
        subjects: [
          { code: 'partage', title: 'Partager un contenu', skills: [[2, 'Je sais partager un lien avec un proche'], [3, 'Je sais publier un message sur un réseau social'], [4, 'Je sais choisir qui peut voir ce que je publie'], [5, 'Je sais respecter le droit à l’image quand je publie une photo']] },
        ],
      },
      {
        code: '2.3',
        title: 'Collaborer',
        theme: 'bureautique',
        subjects: [
          { code: 'collab', title: 'Travailler à plusieurs', skills: [[3, 'Je sais ouvrir un document partagé'], [4, 'Je sais modifier un document à plusieurs en même temps'], [5, 'Je sais organiser une réunion en visioconférence'], [6, 'Je sais choisir un outil pour travailler à distance en équipe']] },
        ],
      },
      {
        code: '2.4',
        title: 'S’insérer dans le monde numérique',
        theme: 'aide_aux_demarches_administratives',
        subjects: [
          { code: 'franceconnect', title: 'FranceConnect et identité numérique', skills: [[2, 'Je sais reconnaître le bouton FranceConnect'], [3, 'Je sais me connecter à un service public avec FranceConnect'], [4, 'Je sais choisir le compte à utiliser avec FranceConnect']] },
          { code: 'ameli', title: 'Assurance maladie (ameli)', skills: [[2, 'Je sais aller sur le site ameli.fr'], [3, 'Je sais me connecter à mon compte ameli'], [4, 'Je sais télécharger une attestation de droits'], [5, 'Je sais envoyer un message à ma caisse d’assurance maladie']] },
          { code: 'impots', title: 'Impôts en ligne', skills: [[3, 'Je sais me connecter à mon espace sur impots.gouv.fr'], [4, 'Je sais vérifier et valider ma déclaration de revenus en ligne'], [5, 'Je sais retrouver un avis d’impôt en ligne']] },
          { code: 'achats', title: 'Achats et banque en ligne', skills: [[3, 'Je sais consulter mon compte bancaire en ligne'], [4, 'Je sais vérifier qu’un site marchand est sûr avant de payer'], [5, 'Je sais valider un paiement avec l’application de ma banque']] },
        ],
      },
    ],
  },
  {
    code: '3',
    title: 'Création de contenus',
    layer: 'crcn',
    competences: [
      {
        code: '3.1',
        title: 'Développer des documents textuels',
        theme: 'bureautique',
        subjects: [
          { code: 'traitement-texte', title: 'Traitement de texte', skills: [[2, 'Je sais écrire un texte dans un traitement de texte'], [3, 'Je sais mettre un mot en gras et changer la taille du texte'], [4, 'Je sais mettre en page une lettre'], [5, 'Je sais utiliser des styles de titres'], [6, 'Je sais insérer une table des matières']] },
        ],
      },
      {
        code: '3.2',
        title: 'Développer des documents multimédia',
        theme: 'creer_avec_le_numerique',
        subjects: [
          { code: 'image', title: 'Images et dessins', skills: [[2, 'Je sais recadrer une photo'], [3, 'Je sais créer une affiche avec du texte et une image'], [4, 'Je sais retoucher une image (lumière, couleurs)'], [5, 'Je sais dessiner une image vectorielle simple']] },
          { code: 'video', title: 'Vidéo et son', skills: [[2, 'Je sais filmer une courte vidéo'], [3, 'Je sais couper le début et la fin d’une vidéo'], [4, 'Je sais monter plusieurs séquences avec une musique'], [5, 'Je sais enregistrer et nettoyer un son']] },
        ],
      },
      {
        code: '3.3',
        title: 'Adapter les documents à leur finalité',
        theme: 'bureautique',
        subjects: [
          { code: 'formats', title: 'Formats et licences', skills: [[3, 'Je sais enregistrer un document en PDF'], [4, 'Je sais réduire la taille d’une photo avant de l’envoyer'], [5, 'Je sais choisir une licence pour partager ma création'], [6, 'Je sais rendre un document accessible (titres, textes alternatifs)']] },
        ],
      },
      {
        code: '3.4',
        title: 'Programmer',
        theme: 'creer_avec_le_numerique',
        subjects: [
          { code: 'algo', title: 'Penser comme un programme', skills: [[1, 'Je sais suivre une suite d’instructions pas à pas'], [2, 'Je sais écrire une suite d’instructions pour déplacer un robot'], [3, 'Je sais utiliser une boucle pour répéter une action'], [4, 'Je sais utiliser une condition (si… alors…)'], [5, 'Je sais utiliser une variable pour compter']] },
          { code: 'scratch', title: 'Programmer avec des blocs', skills: [[2, 'Je sais faire bouger un personnage avec des blocs'], [3, 'Je sais faire réagir un personnage à une touche du clavier'], [4, 'Je sais créer un petit jeu avec un score'], [5, 'Je sais découper mon programme en plusieurs blocs personnalisés']] },
          { code: 'robot', title: 'Robots et électronique', skills: [[2, 'Je sais brancher et allumer un robot éducatif'], [3, 'Je sais programmer un robot pour suivre une ligne'], [4, 'Je sais utiliser un capteur de distance'], [5, 'Je sais câbler une LED et un bouton sur une carte programmable'], [6, 'Je sais écrire un programme texte pour une carte programmable']] },
        ],
      },
    ],
  },
  {
    code: '4',
    title: 'Protection et sécurité',
    layer: 'crcn',
    competences: [
      {
        code: '4.1',
        title: 'Sécuriser l’environnement numérique',
        theme: 'securite_numerique',
        subjects: [
          { code: 'mdp', title: 'Mots de passe', skills: [[2, 'Je sais choisir un mot de passe difficile à deviner'], [3, 'Je sais utiliser un mot de passe différent pour chaque compte'], [4, 'Je sais activer la double authentification'], [5, 'Je sais utiliser un gestionnaire de mots de passe']] },
          { code: 'mises-a-jour', title: 'Mises à jour et antivirus', skills: [[2, 'Je sais accepter une mise à jour de l’appareil'], [3, 'Je sais vérifier qu’une application vient d’une source sûre'], [5, 'Je sais réagir si mon appareil semble infecté']] },
          { code: 'hameconnage', title: 'Hameçonnage', skills: [[3, 'Je sais repérer un faux site qui imite un vrai'], [4, 'Je sais vérifier l’adresse réelle d’un lien avant de cliquer'], [5, 'Je sais signaler une tentative d’arnaque sur la plateforme officielle']] },
        ],
      },
      {
        code: '4.2',
        title: 'Protéger les données personnelles et la vie privée',
        theme: 'securite_numerique',
        subjects: [
          { code: 'vie-privee', title: 'Vie privée en ligne', skills: [[2, 'Je sais ce qu’est une donnée personnelle'], [3, 'Je sais refuser les cookies non nécessaires'], [4, 'Je sais régler la confidentialité d’un compte de réseau social'], [5, 'Je sais demander la suppression de mes données à un service']] },
        ],
      },
      {
        code: '4.3',
        title: 'Protéger la santé, le bien-être et l’environnement',
        theme: 'culture_numerique',
        subjects: [
          { code: 'bien-etre', title: 'Santé et écrans', skills: [[2, 'Je sais régler la luminosité et la taille du texte pour moins me fatiguer'], [3, 'Je sais limiter les notifications'], [4, 'Je sais paramétrer un contrôle parental'], [5, 'Je sais réagir face au cyberharcèlement']] },
          { code: 'sobriete', title: 'Numérique et environnement', skills: [[3, 'Je sais prolonger la durée de vie de mon appareil'], [4, 'Je sais où déposer un appareil usagé pour le recycler'], [5, 'Je sais réduire la consommation de données de mon téléphone']] },
        ],
      },
    ],
  },
  {
    code: '5',
    title: 'Environnement numérique',
    layer: 'crcn',
    competences: [
      {
        code: '5.1',
        title: 'Résoudre des problèmes techniques',
        theme: 'maintenance_de_materiel',
        subjects: [
          { code: 'depannage', title: 'Dépanner', skills: [[2, 'Je sais redémarrer un appareil qui ne répond plus'], [3, 'Je sais libérer de la place sur mon téléphone'], [4, 'Je sais décrire un problème pour demander de l’aide'], [5, 'Je sais chercher la solution à un message d’erreur']] },
          { code: 'peripheriques', title: 'Brancher des appareils', skills: [[2, 'Je sais brancher une clé USB'], [3, 'Je sais imprimer un document'], [4, 'Je sais scanner un document avec mon téléphone'], [5, 'Je sais connecter une imprimante au Wi-Fi']] },
        ],
      },
      {
        code: '5.2',
        title: 'Construire un environnement numérique',
        theme: 'prendre_en_main_du_materiel',
        subjects: [
          { code: 'reglages', title: 'Régler son appareil', skills: [[2, 'Je sais changer le fond d’écran et la sonnerie'], [3, 'Je sais ranger mes applications sur l’écran d’accueil'], [4, 'Je sais choisir les applications par défaut'], [5, 'Je sais installer un logiciel libre sur un ordinateur'], [6, 'Je sais choisir un appareil adapté à mes besoins']] },
        ],
      },
    ],
  },
  {
    code: 'ACC',
    title: 'Pratiques d’accompagnement',
    layer: 'equipe',
    competences: [
      {
        code: 'ACC.1',
        title: 'Accueillir',
        theme: 'diagnostic_numerique',
        subjects: [
          { code: 'accueil', title: 'Accueil et écoute', skills: [[1, 'Je sais accueillir une personne et lui demander ce qui l’amène'], [2, 'Je sais reformuler une demande avec des mots simples'], [3, 'Je sais faire le point sur ce que la personne sait déjà faire'], [4, 'Je sais orienter vers le bon service ou le bon partenaire']] },
        ],
      },
      {
        code: 'ACC.2',
        title: 'Respecter la confidentialité et le RGPD',
        theme: 'securite_numerique',
        subjects: [
          { code: 'rgpd', title: 'Données des personnes', skills: [[1, 'Je sais ne jamais noter ni garder les mots de passe des personnes'], [2, 'Je sais ne recueillir que les informations utiles'], [3, 'Je sais expliquer à une personne ses droits sur ses données'], [4, 'Je sais réagir si des données personnelles sont exposées']] },
        ],
      },
      {
        code: 'ACC.3',
        title: 'Aider sans faire à la place',
        theme: 'aide_aux_demarches_administratives',
        subjects: [
          { code: 'autonomie', title: 'Accompagner vers l’autonomie', skills: [[1, 'Je sais laisser la personne tenir la tablette ou la souris'], [2, 'Je sais expliquer une étape sans la faire moi-même'], [3, 'Je sais évaluer le niveau d’autonomie de la personne'], [4, 'Je sais proposer un parcours adapté pour progresser']] },
          { code: 'aidants-connect', title: 'Aidants Connect', skills: [[2, 'Je sais ce qu’est un mandat Aidants Connect'], [3, 'Je sais quand il faut un mandat pour faire une démarche pour quelqu’un'], [4, 'Je sais créer un mandat Aidants Connect avec la personne']] },
        ],
      },
      {
        code: 'ACC.4',
        title: 'Repérer les arnaques',
        theme: 'securite_numerique',
        subjects: [
          { code: 'arnaques-accompagnement', title: 'Protéger les personnes accompagnées', skills: [[1, 'Je sais reconnaître les arnaques les plus courantes (faux colis, fausse amende, faux conseiller)'], [2, 'Je sais expliquer à une personne comment se protéger'], [3, 'Je sais aider une victime à signaler et à faire opposition']] },
        ],
      },
    ],
  },
];

/** The default framework as an import document (the same shape as the JSON export). */
export function defaultFramework(): FrameworkDocument {
  const doc: FrameworkDocument = { format: 'lieudit-referentiel', version: 1, domains: [], competences: [], subjects: [], skills: [] };
  for (const d of DOMAINS) {
    doc.domains.push({ code: d.code, title: d.title, layer: d.layer });
    for (const c of d.competences) {
      doc.competences.push({ code: c.code, domain: d.code, title: c.title, mediationTheme: c.theme });
      for (const s of c.subjects) {
        doc.subjects.push({ code: s.code, competence: c.code, title: s.title });
        for (const [difficulty, statement] of s.skills) doc.skills.push({ code: `@${s.code}${difficulty}`, subject: s.code, difficulty, statement });
      }
    }
  }
  return doc;
}
