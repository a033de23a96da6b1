/**
 * The national vocabularies of digital mediation (La Coop de la médiation numérique, PRODUCT.md)
 * that several modules describe their work with: an activity's theme, an accompaniment's themes,
 * a competence's theme in the pathways framework. Reports and exports rely on the exact values:
 * never rename one, and add one only when the national list does.
 */
export const MEDIATION_THEMES = [
  'diagnostic_numerique', 'prendre_en_main_du_materiel', 'maintenance_de_materiel', 'gere_ses_contenus_numeriques',
  'navigation_sur_internet', 'email', 'bureautique', 'reseaux_sociaux', 'sante', 'banque_et_achats_en_ligne',
  'entrepreneuriat', 'insertion_professionnelle', 'securite_numerique', 'parentalite', 'scolarite_et_numerique',
  'creer_avec_le_numerique', 'culture_numerique', 'intelligence_artificielle', 'aide_aux_demarches_administratives',
] as const;
export type MediationTheme = (typeof MEDIATION_THEMES)[number];

/** The equipment a resident uses or brings (an activity's needs, an accompaniment's record). */
export const MEDIATION_EQUIPMENT = ['ordinateur', 'telephone', 'tablette', 'autre', 'aucun'] as const;
export type MediationEquipment = (typeof MEDIATION_EQUIPMENT)[number];
