import { describe, expect, it } from 'vitest';
import { checkFramework, frameworkDocumentSchema } from './framework.ts';
import { defaultFramework } from './framework.default.ts';

describe('competence framework document', () => {
  it('ships a default that passes its own checks, with the 16 CRCN competences and their official names', () => {
    const doc = defaultFramework();
    expect(frameworkDocumentSchema.safeParse(doc).success).toBe(true);
    expect(checkFramework(doc)).toEqual([]);
    const crcn = doc.competences.filter((c) => /^\d\.\d$/.test(c.code));
    expect(crcn.map((c) => c.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2']);
    expect(crcn.find((c) => c.code === '3.4')!.title).toBe('Programmer');
    expect(crcn.find((c) => c.code === '4.2')!.title).toBe('Protéger les données personnelles et la vie privée');
    expect(doc.domains.filter((d) => d.layer === 'crcn').map((d) => d.title)).toEqual([
      'Informations et données', 'Communication et collaboration', 'Création de contenus', 'Protection et sécurité', 'Environnement numérique',
    ]);
    // Every competence has subjects, every subject has skills, difficulties 1–8.
    for (const c of doc.competences) expect(doc.subjects.some((s) => s.competence === c.code)).toBe(true);
    for (const s of doc.subjects) expect(doc.skills.some((k) => k.subject === s.code)).toBe(true);
    // The beginners' layer is mapped to the national mediation themes.
    for (const c of doc.competences.filter((c) => c.domain === 'PP')) expect(c.mediationTheme).toBeTruthy();
  });

  it('reports duplicate codes and broken links in French, each with its place', () => {
    const doc = defaultFramework();
    doc.competences.push({ code: '1.1', domain: '1', title: 'Doublon' });
    doc.subjects.push({ code: 'orphelin', competence: '9.9', title: 'Sans parent' });
    doc.skills.push({ code: '@fantome1', subject: 'inexistant', difficulty: 1, statement: 'Je sais' });
    const issues = checkFramework(doc);
    expect(issues.map((i) => i.path)).toEqual([
      `competences.${doc.competences.length - 1}.code`,
      `subjects.${doc.subjects.length - 1}.competence`,
      `skills.${doc.skills.length - 1}.subject`,
    ]);
    expect(issues[0]!.message).toContain('« 1.1 » est utilisé deux fois');
    expect(issues[1]!.message).toContain('« 9.9 », qui n’existe pas');
  });

  it('refuses an empty framework', () => {
    expect(checkFramework({ format: 'lieudit-referentiel', version: 1, domains: [], competences: [], subjects: [], skills: [] })).toHaveLength(1);
  });
});
