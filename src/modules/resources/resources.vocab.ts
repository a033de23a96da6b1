/**
 * Codes the resource space stores: a fiche's level (the national workshop levels), its status,
 * and the CRCN competences (Pix) it helps with. Themes are the national mediation themes
 * (src/platform/vocab/mediation.ts). Labels live in src/platform/i18n/fr/resources.ts.
 */
export const FICHE_LEVELS = ['debutant', 'intermediaire', 'avance'] as const;
export type FicheLevel = (typeof FICHE_LEVELS)[number];

export const FICHE_STATUSES = ['draft', 'published'] as const;


export const COMPETENCE_CODES = [
  '1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2',
] as const;
export type CompetenceCode = (typeof COMPETENCE_CODES)[number];
