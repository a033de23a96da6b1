/**
 * Open Badges 3.0 credentials and their signing keys. Rules owned here:
 * - completing a module or a pathway issues one badge per achievement (unique per enrolment
 *   and scope), signed with the centre's Ed25519 key (Data Integrity, eddsa-rdfc-2022, the
 *   cryptosuite 1EdTech's conformance accepts; badges signed earlier with eddsa-jcs-2022 still
 *   verify). JSON-LD contexts come from local copies, never from the network;
 * - each centre has its own key pair; the private half is stored encrypted with a key derived
 *   from LIEUDIT_SECRET. If it can no longer be read (the secret changed), the key is retired
 *   and a new one made: badges already issued stay verifiable with their public key;
 * - the public verification page shows the achievement, the centre, the date and whether the
 *   signature holds — the learner's name and the skills only if the learner agreed to show them.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import * as repo from './badge.repository.ts';
import { generateEd25519, publicKeyFromMultibase, publicKeyMultibase, signDocumentRdfc, verifyAnyProof, type Ed25519KeyPair } from './data-integrity.ts';
import { CID_V1_CONTEXT, localDocumentLoader } from './jsonld-contexts.ts';
import { buildCredential, OB_V3_CONTEXT, VC_V2_CONTEXT, type CredentialInput } from './open-badges.ts';
import type { ModuleLevel } from './pathways.vocab.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface IssueInput {
  centerId: string;
  enrolmentId: string;
  /** A module id, or "pathway". */
  scope: string;
  moduleId: string | null;
  pathwayId: string;
  title: string;
  description: string;
  criteria: string;
  competences: { code: string; title: string }[];
  level: ModuleLevel;
  learnerName: string;
  issuedAt: string;
}

export interface PublicBadge {
  id: string;
  title: string;
  centreName: string;
  issuedAt: string;
  revoked: boolean;
  signatureValid: boolean;
  learnerName: string | null;
  competences: { code: string; title: string }[] | null;
  criteria: string | null;
}

export class BadgeService {
  private readonly documentLoader = localDocumentLoader();

  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.kysely;
  }

  private get baseUrl(): string {
    return this.ctx.config.publicUrl;
  }

  issuerId(centerId: string): string {
    return `${this.baseUrl}/badges/emetteurs/${centerId}`;
  }

  badgeUrl(id: string): string {
    return `${this.baseUrl}/badges/${id}`;
  }

  // ---------------------------------------------------------------- keys

  private encryptionKey(): Buffer {
    return createHash('sha256').update(`lieudit:badge-key:${this.ctx.config.secret}`).digest();
  }

  private encrypt(seed: Uint8Array): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey(), iv);
    const data = Buffer.concat([cipher.update(seed), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  private decrypt(text: string): Uint8Array | null {
    try {
      const [iv, tag, data] = text.split('.').map((p) => Buffer.from(p, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey(), iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(data!), decipher.final()]);
    } catch {
      return null;
    }
  }

  /** The centre's current signing key, made (or replaced when unreadable) as needed. */
  private async signingKey(db: Q, centerId: string): Promise<{ id: string; pair: Ed25519KeyPair; multibase: string }> {
    const row = await repo.activeKey(db, centerId);
    if (row) {
      const seed = this.decrypt(row.secretEncrypted);
      if (seed) return { id: row.id, pair: { seed, publicKey: publicKeyFromMultibase(row.publicKeyMultibase) }, multibase: row.publicKeyMultibase };
      await repo.retireKey(db, row.id, this.ctx.clock.nowIso());
    }
    const pair = generateEd25519();
    const key = { id: newId(), centerId, publicKeyMultibase: publicKeyMultibase(pair.publicKey), secretEncrypted: this.encrypt(pair.seed), createdAt: this.ctx.clock.nowIso(), retiredAt: null };
    await repo.insertKey(db, key);
    return { id: key.id, pair, multibase: key.publicKeyMultibase };
  }

  /** The issuer profile, also the controller document listing the centre's public keys. */
  async issuerProfile(centerId: string): Promise<Record<string, unknown>> {
    const centre = isUuid(centerId) ? await findCentreById(this.db, centerId) : undefined;
    if (!centre) throw notFound();
    const id = this.issuerId(centerId);
    const keys = await repo.listKeys(this.db, centerId);
    return {
      // CID v1 defines verificationMethod, assertionMethod and Multikey: without it a JSON-LD
      // verifier reads no key at all in this profile.
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, CID_V1_CONTEXT],
      id,
      type: ['Profile'],
      name: centre.name,
      url: this.baseUrl,
      ...(centre.email ? { email: centre.email } : {}),
      verificationMethod: keys.map((k) => ({
        id: `${id}#${k.publicKeyMultibase}`,
        type: 'Multikey',
        controller: id,
        publicKeyMultibase: k.publicKeyMultibase,
        ...(k.retiredAt ? { revoked: k.retiredAt } : {}),
      })),
      // Retired keys still verify what they signed; only the active one signs.
      assertionMethod: keys.map((k) => `${id}#${k.publicKeyMultibase}`),
    };
  }

  // ---------------------------------------------------------------- issuing

  /** Issues a signed badge inside the caller's transaction; answers the existing one if any. */
  async issue(trx: Q, input: IssueInput): Promise<repo.BadgeRow> {
    const existing = (await repo.listBadgesOfEnrolments(trx, input.centerId, [input.enrolmentId])).find((b) => b.scope === input.scope);
    if (existing) return existing;
    const centre = await findCentreById(trx, input.centerId);
    const id = newId();
    const achievementId = `${this.baseUrl}/badges/realisations/${input.pathwayId}${input.moduleId ? `/${input.moduleId}` : ''}`;
    const credentialInput: CredentialInput = {
      credentialId: this.badgeUrl(id),
      issuer: { id: this.issuerId(input.centerId), name: centre?.name ?? 'Lieudit', url: this.baseUrl, email: centre?.email ?? null },
      achievement: {
        id: achievementId,
        kind: input.moduleId ? 'module' : 'pathway',
        name: input.title,
        description: input.description,
        criteria: input.criteria,
        competences: input.competences.map((c) => ({
          ...c,
          framework: /^\d\.\d$/.test(c.code) ? 'CRCN – Cadre de référence des compétences numériques' : 'Référentiel du centre (Lieudit)',
          url: `${this.baseUrl}/badges/referentiel/${input.centerId}#competence-${c.code}`,
        })),
      },
      level: input.level,
      learnerName: input.learnerName,
      salt: randomBytes(12).toString('base64url'),
      validFrom: input.issuedAt,
    };
    const key = await this.signingKey(trx, input.centerId);
    const signed = await signDocumentRdfc(buildCredential(credentialInput), key.pair, { verificationMethod: `${this.issuerId(input.centerId)}#${key.multibase}`, created: input.issuedAt }, this.documentLoader);
    const row: Omit<repo.BadgeRow, 'revokedAt'> = {
      id, centerId: input.centerId, enrolmentId: input.enrolmentId, scope: input.scope, moduleId: input.moduleId, title: input.title,
      issuedAt: input.issuedAt, credential: JSON.stringify(signed), keyId: key.id, showName: false, showSkills: false, publicName: null,
    };
    await repo.insertBadge(trx, row);
    return { ...row, revokedAt: null };
  }

  listForEnrolments(centerId: string, enrolmentIds: readonly string[]): Promise<repo.BadgeRow[]> {
    return repo.listBadgesOfEnrolments(this.db, centerId, enrolmentIds);
  }

  /** The credential JSON (staff with pathways.enrol); 404 for another centre's badge. */
  async credential(actor: Actor, id: string): Promise<Record<string, unknown>> {
    requirePermission(actor, 'pathways.enrol');
    const badge = isUuid(id) ? await repo.findBadge(this.db, id) : undefined;
    if (!badge || badge.centerId !== actor.centerId) throw notFound();
    return JSON.parse(badge.credential) as Record<string, unknown>;
  }

  async findOfEnrolment(centerId: string, enrolmentId: string, badgeId: string): Promise<repo.BadgeRow> {
    const badge = isUuid(badgeId) ? await repo.findBadge(this.db, badgeId) : undefined;
    if (!badge || badge.centerId !== centerId || badge.enrolmentId !== enrolmentId) throw notFound();
    return badge;
  }

  async verify(badge: repo.BadgeRow): Promise<boolean> {
    const key = badge.keyId ? await repo.findKey(this.db, badge.keyId) : undefined;
    if (!key || key.centerId !== badge.centerId) return false;
    return verifyAnyProof(JSON.parse(badge.credential) as Record<string, unknown>, publicKeyFromMultibase(key.publicKeyMultibase), this.documentLoader);
  }

  /** What anyone may see at /badges/{id}: only what the learner agreed to show. */
  async publicView(id: string): Promise<PublicBadge> {
    const badge = isUuid(id) ? await repo.findBadge(this.db, id) : undefined;
    if (!badge) throw notFound();
    const centre = await findCentreById(this.db, badge.centerId);
    const credential = JSON.parse(badge.credential) as { credentialSubject: { achievement: { criteria: { narrative: string }; alignment: { targetCode: string; targetName: string }[] } } };
    const achievement = credential.credentialSubject.achievement;
    return {
      id: badge.id,
      title: badge.title,
      centreName: centre?.name ?? '',
      issuedAt: badge.issuedAt,
      revoked: badge.revokedAt !== null,
      signatureValid: await this.verify(badge),
      learnerName: badge.showName ? badge.publicName : null,
      competences: badge.showSkills ? achievement.alignment.map((a) => ({ code: a.targetCode, title: a.targetName })) : null,
      criteria: badge.showSkills ? achievement.criteria.narrative : null,
    };
  }

  async setVisibility(centerId: string, enrolmentId: string, badgeId: string, choice: { showName: boolean; showSkills: boolean; publicName: string | null }): Promise<void> {
    await this.findOfEnrolment(centerId, enrolmentId, badgeId);
    await repo.updateBadge(this.db, centerId, badgeId, { showName: choice.showName, showSkills: choice.showSkills, publicName: choice.showName ? choice.publicName : null });
  }
}
