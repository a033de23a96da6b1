/** Pathways: competence framework, pathways and modules, quiz, evaluations, progress, badges. */
export const pathways = {
  'trainingGate.required': 'Avant d’ouvrir les fiches des personnes, terminez la formation demandée pour votre rôle. Retrouvez-la dans « Mes formations ».',
} as const;
