/**
 * Open Badges 3.0 credentials (final spec, on the W3C Verifiable Credentials 2.0 data model),
 * built as plain JSON. Pure: ids, names and dates come in as parameters.
 *
 * The learner is identified by a salted SHA-256 of their name (an IdentityObject with
 * hashed: true), so the credential can be shown without giving away who holds it; the holder
 * proves it with their name and the salt.
 */
import { createHash } from 'node:crypto';
import { MODULE_LEVELS, type ModuleLevel } from './pathways.vocab.ts';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const LEVEL_NAMES: Record<ModuleLevel, string> = {
  decouverte: 'Découverte',
  debutant: 'Débutant',
  intermediaire: 'Intermédiaire',
  avance: 'Avancé',
};

export interface CredentialInput {
  credentialId: string;
  issuer: { id: string; name: string; url: string; email: string | null; description?: string };
  achievement: {
    id: string;
    kind: 'pathway' | 'module';
    name: string;
    description: string;
    criteria: string;
    competences: { code: string; title: string; url: string; framework: string }[];
  };
  level: ModuleLevel;
  learnerName: string;
  salt: string;
  validFrom: string;
}

export function hashIdentity(name: string, salt: string): string {
  const normalised = name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  return `sha256$${createHash('sha256').update(normalised + salt, 'utf8').digest('hex')}`;
}

/** The unsigned OpenBadgeCredential. */
export function buildCredential(input: CredentialInput): Record<string, unknown> {
  const a = input.achievement;
  const levelsId = `${a.id}#niveau`;
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: a.name,
    issuer: {
      id: input.issuer.id,
      type: ['Profile'],
      name: input.issuer.name,
      url: input.issuer.url,
      ...(input.issuer.email ? { email: input.issuer.email } : {}),
      ...(input.issuer.description ? { description: input.issuer.description } : {}),
    },
    validFrom: input.validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: hashIdentity(input.learnerName, input.salt), identityType: 'name', hashed: true, salt: input.salt }],
      achievement: {
        id: a.id,
        type: ['Achievement'],
        achievementType: a.kind === 'pathway' ? 'LearningProgram' : 'Course',
        name: a.name,
        description: a.description,
        criteria: { narrative: a.criteria },
        inLanguage: 'fr',
        alignment: a.competences.map((c) => ({
          type: ['Alignment'],
          targetName: c.title,
          targetCode: c.code,
          targetFramework: c.framework,
          targetUrl: c.url,
        })),
        resultDescription: [
          {
            id: levelsId,
            type: ['ResultDescription'],
            name: 'Niveau atteint',
            resultType: 'RubricCriterionLevel',
            rubricCriterionLevel: MODULE_LEVELS.map((level) => ({ id: `${levelsId}-${level}`, type: ['RubricCriterionLevel'], name: LEVEL_NAMES[level] })),
          },
        ],
      },
      result: [{ type: ['Result'], resultDescription: levelsId, achievedLevel: `${levelsId}-${input.level}` }],
    },
  };
}

/** The checks a verifier makes on the required fields of an OB 3.0 credential; answers what is missing. */
export function missingRequiredFields(credential: Record<string, unknown>): string[] {
  const missing: string[] = [];
  const has = (cond: unknown, name: string) => {
    if (!cond) missing.push(name);
  };
  const ctx = credential['@context'] as unknown[] | undefined;
  has(Array.isArray(ctx) && ctx[0] === VC_V2_CONTEXT, '@context[0] = VC v2');
  has(Array.isArray(ctx) && ctx.some((c) => typeof c === 'string' && c.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context')), '@context OB v3p0');
  const type = credential.type as unknown[] | undefined;
  has(Array.isArray(type) && type.includes('VerifiableCredential') && type.includes('OpenBadgeCredential'), 'type');
  has(typeof credential.id === 'string', 'id');
  has(typeof credential.name === 'string', 'name');
  const issuer = credential.issuer as Record<string, unknown> | undefined;
  has(issuer && typeof issuer.id === 'string' && (issuer.type as unknown[])?.includes('Profile'), 'issuer Profile');
  has(typeof credential.validFrom === 'string' && !Number.isNaN(Date.parse(credential.validFrom as string)), 'validFrom');
  const subject = credential.credentialSubject as Record<string, unknown> | undefined;
  has((subject?.type as unknown[])?.includes('AchievementSubject'), 'credentialSubject AchievementSubject');
  const achievement = subject?.achievement as Record<string, unknown> | undefined;
  has(achievement && typeof achievement.id === 'string' && (achievement.type as unknown[])?.includes('Achievement'), 'achievement');
  has(achievement && typeof achievement.name === 'string' && typeof achievement.description === 'string', 'achievement name/description');
  has(typeof (achievement?.criteria as Record<string, unknown> | undefined)?.narrative === 'string', 'achievement criteria');
  return missing;
}
