/**
 * The competence framework as a document: the JSON a centre exports and imports, and the
 * shape of the embedded default. Pure: the schema, and the checks that make an import safe
 * (no duplicate code, no element pointing to a missing parent) with a French message each.
 */
import { z } from 'zod';
import { MEDIATION_THEMES } from '../../platform/vocab/mediation.ts';

export const LAYERS = ['crcn', 'premiers_pas', 'equipe'] as const;

const code = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}@._-]+$/u, { error: 'pathways.framework.codeFormat' });
const title = z.string().trim().min(1).max(300);

export const frameworkDocumentSchema = z.object({
  format: z.literal('lieudit-referentiel'),
  version: z.literal(1),
  domains: z.array(z.object({ code, title, layer: z.enum(LAYERS) })).max(200),
  competences: z.array(z.object({ code, domain: code, title, mediationTheme: z.enum(MEDIATION_THEMES).nullable().optional() })).max(1000),
  subjects: z.array(z.object({ code, competence: code, title })).max(5000),
  skills: z
    .array(z.object({ code, subject: code, difficulty: z.int().min(1).max(8), statement: title, retired: z.boolean().optional() }))
    .max(20000),
});

export type FrameworkDocument = z.infer<typeof frameworkDocumentSchema>;

export interface FrameworkIssue {
  /** Where in the document, e.g. "competences.3.domain". */
  path: string;
  message: string;
}

/**
 * The checks an import must pass before anything is written. Answers every problem found,
 * each with a message a person can act on.
 */
export function checkFramework(doc: FrameworkDocument): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  if (doc.domains.length === 0) issues.push({ path: 'domains', message: 'Le fichier ne contient aucun domaine : ajoutez au moins un domaine.' });

  const seen = (list: { code: string }[], kind: string, label: string) => {
    const codes = new Map<string, number>();
    list.forEach((item, i) => {
      const first = codes.get(item.code);
      if (first !== undefined) {
        issues.push({ path: `${kind}.${i}.code`, message: `Le code « ${item.code} » est utilisé deux fois dans les ${label} (positions ${first + 1} et ${i + 1}). Chaque code doit être unique.` });
      } else codes.set(item.code, i);
    });
    return new Set(codes.keys());
  };
  const domains = seen(doc.domains, 'domains', 'domaines');
  const competences = seen(doc.competences, 'competences', 'compétences');
  const subjects = seen(doc.subjects, 'subjects', 'sujets');
  seen(doc.skills, 'skills', 'savoir-faire');

  doc.competences.forEach((c, i) => {
    if (!domains.has(c.domain)) {
      issues.push({ path: `competences.${i}.domain`, message: `La compétence « ${c.code} » est rattachée au domaine « ${c.domain} », qui n’existe pas dans le fichier.` });
    }
  });
  doc.subjects.forEach((s, i) => {
    if (!competences.has(s.competence)) {
      issues.push({ path: `subjects.${i}.competence`, message: `Le sujet « ${s.code} » est rattaché à la compétence « ${s.competence} », qui n’existe pas dans le fichier.` });
    }
  });
  doc.skills.forEach((s, i) => {
    if (!subjects.has(s.subject)) {
      issues.push({ path: `skills.${i}.subject`, message: `Le savoir-faire « ${s.code} » est rattaché au sujet « ${s.subject} », qui n’existe pas dans le fichier.` });
    }
  });
  return issues;
}
