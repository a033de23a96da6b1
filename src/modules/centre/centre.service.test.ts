import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { createCentre, createStaff, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { AmbiguousCommuneError, type CentreService } from './centre.service.ts';

function actorOf(centerId: string, role: Actor['role'], userId: string | null = null): Actor {
  return { centerId, userId, role, label: `test ${role}`, partnerCommuneInsee: null, via: 'session' };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('CentreService', () => {
  let t: TestApp;
  let service: CentreService;
  let centreA: string;
  let centreB: string;
  beforeAll(async () => {
    t = await createTestApp();
    service = t.app.services.centre;
    centreA = await createCentre(t.app, 'svc-a', 'Centre social A');
    centreB = await createCentre(t.app, 'svc-b', 'Centre social B');
  });
  afterAll(() => t.close());

  describe('createCentre (CLI)', () => {
    it('creates a centre with a known commune and canonical opening hours', async () => {
      const centre = await service.createCentre({
        slug: 'les-tilleuls', name: ' Centre social Les Tilleuls ', communeInsee: '59122', openingHours: 'mo-fr 9h-12h',
      });
      expect(centre).toMatchObject({ slug: 'les-tilleuls', name: 'Centre social Les Tilleuls', communeName: 'Cambrai', postalCode: '59400', openingHours: 'Mo-Fr 09:00-12:00' });
      expect(centre.openingHoursText![0]).toBe('lundi : 9 h – 12 h');
      expect(await service.getCentre(centre.id)).toMatchObject({ slug: 'les-tilleuls' });
    });

    it('refuses a bad slug, a taken slug, an unknown commune and unreadable hours, creating nothing', async () => {
      const before = await t.db.kysely.selectFrom('centers').select('id').execute();
      expect((await rejection(service.createCentre({ slug: 'A b', name: 'X', communeInsee: '59122' }))).fields).toHaveProperty('slug');
      expect((await rejection(service.createCentre({ slug: 'x', name: 'X', communeInsee: '59122' }))).fields).toHaveProperty('slug');
      const taken = await rejection(service.createCentre({ slug: 'svc-a', name: 'X', communeInsee: '59122' }));
      expect(taken.status).toBe(409);
      expect((await rejection(service.createCentre({ slug: 'nouveau', name: 'X', communeInsee: '99999' }))).fields).toHaveProperty('communeInsee');
      expect((await rejection(service.createCentre({ slug: 'nouveau', name: 'X', communeInsee: '59122', openingHours: 'le matin' }))).fields).toEqual({
        openingHours: 'admin.centre.openingHoursInvalid',
      });
      expect((await rejection(service.createCentre({ slug: 'nouveau', name: '  ', communeInsee: '59122' }))).fields).toHaveProperty('name');
      const after = await t.db.kysely.selectFrom('centers').select('id').execute();
      expect(after.length).toBe(before.length);
    });

    it('answers 404 for an unknown centre', async () => {
      expect((await rejection(service.getCentre('inconnu'))).status).toBe(404);
    });
  });

  describe('updateCentre', () => {
    it('lets an admin change the details and audits which fields changed', async () => {
      const admin = await createStaff(t.app, centreA, 'admin');
      const actor = actorOf(centreA, 'admin', admin.id);
      const updated = await service.updateCentre(actor, { name: 'Espace de vie sociale', commune: 'Caudry', phone: '0327123456', openingHours: 'Tu 14:00-17:00' });
      expect(updated).toMatchObject({ name: 'Espace de vie sociale', communeInsee: '59139', communeName: 'Caudry', phone: '0327123456' });
      const row = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectType', '=', 'centre').where('subjectId', '=', centreA).executeTakeFirstOrThrow();
      expect(row.action).toBe('update');
      expect(JSON.parse(row.details!).fields.sort()).toEqual(['communeInsee', 'name', 'openingHours', 'phone']);
    });

    it('asks which commune when a name is shared, and settles it with the postal code', async () => {
      const actor = actorOf(centreA, 'admin');
      const ambiguous = await rejection(service.updateCentre(actor, { commune: 'Saint-Aubin', postalCode: null }));
      expect(ambiguous).toBeInstanceOf(AmbiguousCommuneError);
      expect((ambiguous as AmbiguousCommuneError).candidates.length).toBeGreaterThan(3);
      const settled = await service.updateCentre(actor, { commune: 'Saint-Aubin', postalCode: '59440' });
      expect(settled.communeName).toBe('Saint-Aubin');
      expect(settled.communeInsee).toBe('59529');
    });

    it('refuses other roles and changes nothing', async () => {
      for (const role of ['coordinator', 'facilitator', 'volunteer', 'partner'] as const) {
        expect((await rejection(service.updateCentre(actorOf(centreB, role), { name: 'Piraté' }))).status).toBe(403);
      }
      expect((await service.getCentre(centreB)).name).toBe('Centre social B');
    });
  });

  describe('sites', () => {
    it('lists places in French alphabetical order: accents, case and numbers as a reader expects', async () => {
      const centre = await createCentre(t.app, 'svc-order', 'Centre social Ordre');
      for (const name of ['Zoo', 'Salle 10', 'Église Saint-Martin', 'atelier du bas', 'Salle 2', 'Espace jeunes']) {
        await service.createSite(centre, { name, kind: 'other' });
      }
      const names = (await service.listSites(centre)).map((s) => s.name);
      expect(names).toEqual(['atelier du bas', 'Église Saint-Martin', 'Espace jeunes', 'Salle 2', 'Salle 10', 'Zoo']);
    });

    it('creates, lists, archives and keeps sites, each centre seeing only its own', async () => {
      const actor = actorOf(centreA, 'admin');
      const studio = await service.sites.createSiteAs(actor, { name: 'Atelier', kind: 'studio', commune: 'Cambrai', accessibility: 'plain-pied' });
      const navette = await service.createSite(centreA, { name: 'La navette', kind: 'mobile' });
      expect(navette.communeInsee).toBeNull();
      expect(studio).toMatchObject({ communeName: 'Cambrai', archived: false, accessibility: 'plain-pied' });
      expect((await service.listSites(centreA)).map((s) => s.name)).toEqual(['Atelier', 'La navette']);

      const archived = await service.sites.updateSiteAs(actor, studio.id, { archived: true });
      expect(archived.archived).toBe(true);
      expect((await service.listSites(centreA)).map((s) => s.name)).toEqual(['La navette']);
      expect((await service.listSites(centreA, { includeArchived: true })).map((s) => s.name)).toEqual(['Atelier', 'La navette']);
      expect((await service.getSite(centreA, studio.id))?.archived).toBe(true);

      expect(await service.getSite(centreB, studio.id)).toBeUndefined();
      expect((await rejection(service.sites.getSiteAs(actorOf(centreB, 'admin'), studio.id))).status).toBe(404);
      expect((await rejection(service.sites.updateSiteAs(actorOf(centreB, 'admin'), studio.id, { name: 'x' }))).status).toBe(404);
      expect(await service.listSites(centreB)).toEqual([]);
    });

    it('lets every staff role read sites but only admins change them', async () => {
      const site = await service.createSite(centreA, { name: 'Salle des fêtes', kind: 'village_hall' });
      for (const role of ['coordinator', 'facilitator', 'volunteer', 'partner'] as const) {
        const actor = actorOf(centreA, role);
        expect((await service.sites.getSiteAs(actor, site.id)).name).toBe('Salle des fêtes');
        expect((await rejection(service.sites.createSiteAs(actor, { name: 'x', kind: 'other' }))).status).toBe(403);
        expect((await rejection(service.sites.updateSiteAs(actor, site.id, { archived: true }))).status).toBe(403);
      }
    });

    it('refuses an unknown commune or kind', async () => {
      const actor = actorOf(centreA, 'admin');
      expect((await rejection(service.sites.createSiteAs(actor, { name: 'x', kind: 'other', commune: 'Nullepart-sur-Mer' }))).fields).toEqual({ commune: 'admin.commune.unknown' });
      expect((await rejection(service.sites.createSiteAs(actor, { name: 'x', kind: 'castle' as never }))).fields).toEqual({ kind: 'admin.site.kindRequired' });
    });
  });

  describe('partner communes', () => {
    it('adds a commune once, lists it by name, and removes it', async () => {
      const actor = actorOf(centreA, 'admin');
      const caudry = await service.sites.addPartnerCommuneAs(actor, { commune: 'caudry', contactName: 'Mme Durand', contactEmail: 'Mairie@Caudry.fr' });
      expect(caudry).toMatchObject({ communeInsee: '59139', communeName: 'Caudry', label: 'Caudry (59540)', contactEmail: 'mairie@caudry.fr' });
      await service.addPartnerCommune(centreA, { communeInsee: '59009' });
      expect((await rejection(service.sites.addPartnerCommuneAs(actor, { communeInsee: '59139' }))).status).toBe(409);
      expect((await service.listPartnerCommunes(centreA)).map((c) => c.communeName)).toEqual(['Caudry', 'Villeneuve-d\'Ascq'].sort((a, b) => a.localeCompare(b, 'fr')));
      expect(await service.listPartnerCommunes(centreB)).toEqual([]);
      expect((await rejection(service.sites.removePartnerCommuneAs(actorOf(centreB, 'admin'), caudry.id))).status).toBe(404);
      await service.sites.removePartnerCommuneAs(actor, caudry.id);
      expect((await service.listPartnerCommunes(centreA)).map((c) => c.communeInsee)).toEqual(['59009']);
    });

    it('keeps a commune while an active partner account is tied to it', async () => {
      const actor = actorOf(centreA, 'admin');
      const commune = await service.sites.addPartnerCommuneAs(actor, { communeInsee: '59122' });
      const partner = await service.staff.inviteStaffAs(actor, { displayName: 'Mairie de Cambrai', email: 'mairie@cambrai.test', role: 'partner', partnerCommuneInsee: '59122' });
      expect((await rejection(service.sites.removePartnerCommuneAs(actor, commune.id))).messageKey).toBe('admin.partner.inUse');
      await service.staff.updateStaffAs(actor, partner.id, { active: false });
      await service.sites.removePartnerCommuneAs(actor, commune.id);
    });
  });

  describe('staff', () => {
    it('invites an account: no password, an e-mail with a link valid 7 days, an audit row', async () => {
      const admin = await createStaff(t.app, centreB, 'admin');
      const actor = actorOf(centreB, 'admin', admin.id);
      const member = await service.staff.inviteStaffAs(actor, { displayName: 'Inès Martin', email: 'Ines.Martin@exemple.fr', role: 'facilitator' });
      expect(member).toMatchObject({ email: 'ines.martin@exemple.fr', role: 'facilitator', active: true, invitationPending: true });
      const mail = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'ines.martin@exemple.fr').executeTakeFirstOrThrow();
      expect(mail.subject).toContain('Centre social B');
      expect(mail.body).toContain('Rôle : animation numérique');
      expect(mail.body).toMatch(/valable 7 jours/);
      const reset = await t.db.kysely.selectFrom('passwordResets').selectAll().where('userId', '=', member.id).executeTakeFirstOrThrow();
      const days = (Date.parse(reset.expiresAt) - Date.parse(reset.createdAt)) / 86_400_000;
      expect(days).toBeCloseTo(7, 5);
      const audit = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', member.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['create']);
    });

    it('refuses a duplicate e-mail with 409 and queues no mail', async () => {
      const actor = actorOf(centreB, 'admin');
      const before = await t.db.kysely.selectFrom('outbox').select('id').execute();
      const error = await rejection(service.staff.inviteStaffAs(actor, { displayName: 'Autre', email: 'INES.MARTIN@exemple.fr', role: 'volunteer' }));
      expect(error.status).toBe(409);
      expect(error.fields).toEqual({ email: 'admin.user.emailTaken' });
      expect((await t.db.kysely.selectFrom('outbox').select('id').execute()).length).toBe(before.length);
    });

    it('requires a partner commune of the centre for a partner account', async () => {
      const actor = actorOf(centreB, 'admin');
      expect((await rejection(service.staff.inviteStaffAs(actor, { displayName: 'P', email: 'p1@exemple.fr', role: 'partner' }))).fields).toEqual({
        partnerCommuneInsee: 'admin.team.noPartnerCommune',
      });
      await service.sites.addPartnerCommuneAs(actor, { communeInsee: '59139' });
      expect((await rejection(service.staff.inviteStaffAs(actor, { displayName: 'P', email: 'p1@exemple.fr', role: 'partner', partnerCommuneInsee: '59122' }))).fields).toEqual({
        partnerCommuneInsee: 'admin.team.partnerCommuneRequired',
      });
      const ok = await service.staff.inviteStaffAs(actor, { displayName: 'P', email: 'p1@exemple.fr', role: 'partner', partnerCommuneInsee: '59139' });
      expect(ok.partnerCommuneInsee).toBe('59139');
      // Another role drops the commune.
      expect((await service.staff.updateStaffAs(actor, ok.id, { role: 'volunteer' })).partnerCommuneInsee).toBeNull();
    });

    it('stops an admin from deactivating or demoting themselves, and keeps one active admin', async () => {
      const centre = await createCentre(t.app);
      const me = await createStaff(t.app, centre, 'admin');
      const actor = actorOf(centre, 'admin', me.id);
      expect((await rejection(service.staff.updateStaffAs(actor, me.id, { active: false }))).fields).toEqual({ active: 'admin.team.cannotDeactivateSelf' });
      expect((await rejection(service.staff.updateStaffAs(actor, me.id, { role: 'coordinator' }))).fields).toEqual({ role: 'admin.team.cannotDemoteSelf' });
      // An admin token (no user behind it) cannot remove the last admin either.
      const token = { ...systemActor(centre), via: 'token' as const };
      expect((await rejection(service.staff.updateStaffAs(token, me.id, { active: false }))).messageKey).toBe('admin.team.lastAdmin');
      const other = await createStaff(t.app, centre, 'admin');
      expect((await service.staff.updateStaffAs(token, other.id, { role: 'coordinator' })).role).toBe('coordinator');
      const user = await t.app.ctx.auth.findUser(centre, me.id);
      expect(user).toMatchObject({ role: 'admin', active: true });
    });

    it('hides another centre’s accounts', async () => {
      const other = await createStaff(t.app, centreA, 'volunteer');
      expect((await rejection(service.staff.getStaffAs(actorOf(centreB, 'admin'), other.id))).status).toBe(404);
      expect((await rejection(service.staff.updateStaffAs(actorOf(centreB, 'admin'), other.id, { active: false }))).status).toBe(404);
      expect((await service.staff.listStaffAs(actorOf(centreB, 'admin'))).some((m) => m.id === other.id)).toBe(false);
    });
  });

  describe('tokens', () => {
    it('creates a token whose clear value is answered once, and revokes it', async () => {
      const actor = actorOf(centreA, 'admin');
      const created = await service.staff.createTokenAs(actor, { name: 'Tableur', role: 'coordinator' });
      expect(created.token).toMatch(/^ldt_/);
      const stored = await t.db.kysely.selectFrom('apiTokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain(created.token);
      expect((await t.app.ctx.auth.actorFromToken(created.token))?.role).toBe('coordinator');
      await service.staff.revokeTokenAs(actor, created.id);
      expect(await t.app.ctx.auth.actorFromToken(created.token)).toBeNull();
      expect((await rejection(service.staff.revokeTokenAs(actorOf(centreB, 'admin'), created.id))).status).toBe(404);
      expect((await rejection(service.staff.createTokenAs(actorOf(centreA, 'coordinator'), { name: 'x', role: 'admin' }))).status).toBe(403);
    });

    it('keeps a token it looked up, and forgets it at once when the token is revoked', async () => {
      // Process time stands still: a kept lookup cannot expire, only the revocation can end it.
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        const actor = actorOf(centreA, 'admin');
        const created = await service.staff.createTokenAs(actor, { name: 'Script', role: 'coordinator' });
        expect((await t.app.ctx.auth.actorFromToken(created.token))?.label).toBe('jeton « Script »');
        // Kept: a row changed behind the service's back is not read again…
        await t.db.kysely.updateTable('apiTokens').set({ name: 'Script renommé' }).where('id', '=', created.id).execute();
        expect((await t.app.ctx.auth.actorFromToken(created.token))?.label).toBe('jeton « Script »');
        // …but a revocation is refused on the next call.
        await service.staff.revokeTokenAs(actor, created.id);
        expect(await t.app.ctx.auth.actorFromToken(created.token)).toBeNull();
        // Calls arriving together (they share one read) are all refused.
        expect(await Promise.all([1, 2, 3].map(() => t.app.ctx.auth.actorFromToken(created.token)))).toEqual([null, null, null]);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
